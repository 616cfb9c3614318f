"""CI smoke test of the mask prompt (seconds, tiny random models, no ../shared):
the decoder's mask_input / has_mask_input contract in torch and in the exported ONNX graph, the
widening of a box-only checkpoint, the engine's resampling rule for the previous logits, the
training-time simulation of the previous mask, and the synthetic-train RLE reader.
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import json, os, shutil, sys, tempfile, unittest
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


def _inputs(B=3, S=32, N=2, seed=0):
    import torch
    g = torch.Generator().manual_seed(seed)
    img = torch.rand(B, 3, S, S, generator=g)
    co = torch.tensor([[[6.0, 7.0], [22.0, 25.0]]]).repeat(B, 1, 1)
    lab = torch.tensor([[2.0, 3.0]]).repeat(B, 1)
    return img, co, lab


class MaskPromptTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import torch
        torch.set_num_threads(2)
        torch.manual_seed(0)
        cls.tmp = tempfile.mkdtemp()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_has_mask_input_zero_ignores_the_mask_and_one_uses_it(self):
        import torch
        from model import SatUNet
        m = SatUNet(32, "slim", mask_prompt=True).eval()
        img, co, lab = _inputs()
        a = torch.randn(3, 1, 32, 32) * 5
        b = torch.randn(3, 1, 32, 32) * 5
        zero = torch.zeros(3)
        with torch.no_grad():
            l_none = m(img, co, lab)[0]
            l_a0 = m(img, co, lab, a, zero)[0]
            l_b0 = m(img, co, lab, b, zero)[0]
            l_a1 = m(img, co, lab, a, torch.ones(3))[0]
            l_b1 = m(img, co, lab, b, torch.ones(3))[0]
        self.assertTrue(torch.equal(l_a0, l_b0), "has_mask_input = 0 must make mask_input irrelevant")
        self.assertTrue(torch.equal(l_none, l_a0), "no mask given = has_mask_input 0")
        self.assertGreater((l_a1 - l_a0).abs().max().item(), 1e-4, "has_mask_input = 1 must feed the mask in")
        self.assertGreater((l_a1 - l_b1).abs().max().item(), 1e-4, "a different previous mask must change the output")

    def test_widening_a_box_only_checkpoint_keeps_its_outputs(self):
        import torch
        from model import SatUNet, add_mask_channels
        old = SatUNet(32, "slim", mask_prompt=False).eval()
        new = SatUNet(32, "slim", mask_prompt=True).eval()
        new.load_state_dict(add_mask_channels(old.state_dict(), new))
        img, co, lab = _inputs()
        mi = torch.randn(3, 1, 32, 32) * 8
        with torch.no_grad():
            ref = old(img, co, lab)[0]
            out = new(img, co, lab, mi, torch.tensor([1.0, 0.0, 1.0]))[0]
        self.assertLess((ref - out).abs().max().item(), 1e-5)

    def test_exported_decoder_uses_mask_input_and_matches_torch(self):
        import torch, export_onnx, verify_onnx
        from model import SatUNet, OnnxEncoder
        m = SatUNet(32, "slim", mask_prompt=True).eval()
        ck = os.path.join(self.tmp, "m.pt")
        torch.save({"model": m.state_dict(), "args": {"input_size": 32, "arch": "slim", "mask_prompt": 1}}, ck)
        d = os.path.join(self.tmp, "onnx")
        meta = export_onnx.export(m, d)
        self.assertTrue(meta["maskInputUsed"])
        self.assertTrue(json.load(open(os.path.join(d, "model.json")))["maskInputUsed"])
        r = verify_onnx.verify(ck, d, B=2)  # has_mask_input = 1 for crop 0, 0 for crop 1
        self.assertTrue(r["pass"], r)
        _, dec = verify_onnx.make_runner(os.path.join(d, "decoder.onnx"))
        img, co, lab = _inputs(B=1)
        with torch.no_grad():
            feats = [f.numpy() for f in OnnxEncoder(m)((img - m.mean) / m.std)]
        base = dict(zip(export_onnx.DEC_INPUTS[:5], feats))
        base.update({"point_coords": co.numpy(), "point_labels": lab.numpy(), "orig_im_size": np.array([40.0, 40.0], np.float32)})
        rng = np.random.default_rng(1)
        def low(mask, has):
            return dec(["low_res_masks"], {**base, "mask_input": mask, "has_mask_input": np.array([has], np.float32)})[0]
        a = rng.normal(0, 6, (1, 1, 32, 32)).astype(np.float32)
        b = rng.normal(0, 6, (1, 1, 32, 32)).astype(np.float32)
        np.testing.assert_array_equal(low(a, 0.0), low(b, 0.0))
        self.assertGreater(np.abs(low(a, 1.0) - low(a, 0.0)).max(), 1e-4)

    def test_resample_logits_follows_the_engine_rule(self):
        from eval_real import resample_logits, OUTSIDE_LOGIT
        lg = np.arange(16, dtype=np.float32).reshape(4, 4)
        # same window: identity
        np.testing.assert_array_equal(resample_logits(lg, (0, 0, 4), (0, 0, 4)), lg)
        # window moved right by 1 native px: columns 1..3, then outside the previous window
        np.testing.assert_array_equal(resample_logits(lg, (0, 0, 4), (1, 0, 4))[0], [1, 2, 3, OUTSIDE_LOGIT])
        # twice the side: centres at 1, 3, 5, 7 native px -> map coords 0.5, 2.5 (bilinear), then outside
        r = resample_logits(lg, (0, 0, 4), (0, 0, 8))
        np.testing.assert_allclose(r[0], [2.5, 4.5, OUTSIDE_LOGIT, OUTSIDE_LOGIT])
        np.testing.assert_allclose(r[1], [10.5, 12.5, OUTSIDE_LOGIT, OUTSIDE_LOGIT])
        self.assertTrue((r[2:] == OUTSIDE_LOGIT).all())

    def test_previous_mask_simulation(self):
        import torch
        from augment import previous_mask_logits, OUTSIDE_LOGIT
        tgt = torch.zeros(200, 1, 32, 32)
        tgt[:, :, 10:22, 8:24] = 1
        mi, has = previous_mask_logits(tgt, np.random.default_rng(0), p_has=0.5)
        self.assertEqual(tuple(mi.shape), (200, 1, 32, 32))
        self.assertTrue(0.35 < has.mean().item() < 0.65)
        self.assertTrue((mi[has == 0] == 0).all(), "no previous mask -> zeros, as the engine sends")
        on = mi[has == 1]
        self.assertGreater((on[:, 0, 16, 16] > 0).float().mean().item(), 0.8, "the object's centre is mostly foreground")
        self.assertLess((on[:, 0, 2, 2] > 0).float().mean().item(), 0.05, "far background stays background")
        self.assertTrue((on == OUTSIDE_LOGIT).any(), "some crops reach past the previous window")

    def test_rle_decode_of_synthetic_masks(self):
        from synth_crops import rle_decode
        # column-major runs 2 off, 3 on, 1 off over a 3 x 2 mask (FORMATS.md 3): "231"
        np.testing.assert_array_equal(rle_decode("231", 3, 2), [[False, True], [False, True], [True, False]])


if __name__ == "__main__":
    unittest.main()
