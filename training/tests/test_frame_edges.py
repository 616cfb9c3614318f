"""CI-sized tests (seconds) of what the v3 fine-tuning added: crops cut by a simulated frame edge or
corner (augment.frame_edges via make_batch's edge_prob) and recovering a model folder that already
reads the mask prompt (onnx_to_ckpt on a maskInputUsed folder).
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import os, shutil, sys, tempfile, unittest
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)


def bright_store_crops(B=48):
    """Store crops (160 px) of a uniform bright scene with a 40 x 24 px object in the middle."""
    crops = np.full((B, 160, 160, 4), 200, np.uint8)
    crops[..., 3] = 0
    crops[:, 68:92, 60:100, 3] = 255
    boxes = np.tile(np.array([[60, 68, 100, 92]], np.float32), (B, 1))
    nbrs = np.full((B, 6, 2), -1e4, np.float32)
    return crops, boxes, nbrs, np.full(B, 160.0, np.float32)


def touches_pad_or_border(img, tgt):
    """Per sample: does the object's mask reach a pixel that is exactly 0 in the image (the frame's
    zero padding) or the crop's border (a window shifted inside the frame)?"""
    import torch
    import torch.nn.functional as F
    pad = (img.amax(1, keepdim=True) == 0).float()
    near_pad = F.max_pool2d(pad, 3, 1, 1) > 0
    on = tgt > 0.5
    border = torch.zeros_like(on)
    border[..., 0, :] = border[..., -1, :] = True
    border[..., :, 0] = border[..., :, -1] = True
    return ((on & (near_pad | border)).flatten(1).any(1)).numpy()


class FrameEdgeTest(unittest.TestCase):
    def batch(self, edge_prob, seed=0):
        import torch
        torch.set_num_threads(2)
        from augment import make_batch
        c, b, n, s = bright_store_crops()
        return make_batch(c, b, n, s, 32, np.random.default_rng(seed), train=True, point_prob=0.0, edge_prob=edge_prob)

    def test_edge_crops_cut_the_object_at_a_zero_padded_frame_edge_or_the_crop_border(self):
        img, tgt, co, lab = self.batch(1.0)
        cut = touches_pad_or_border(img, tgt)
        self.assertGreater(cut.mean(), 0.6, f"only {cut.mean():.2f} of the edge samples reach a frame edge")
        img0, tgt0, _, _ = self.batch(0.0)
        self.assertLess(touches_pad_or_border(img0, tgt0).mean(), 0.15, "without edge_prob the object should lie inside its crop")

    def test_past_the_frame_the_image_and_the_mask_are_zero_and_the_box_stays_inside(self):
        img, tgt, co, lab = self.batch(1.0, seed=1)
        pad = img.amax(1) == 0  # [B,S,S]: cells wholly past the simulated frame (after the photometric changes)
        self.assertGreater(pad.flatten(1).any(1).float().mean().item(), 0.4, "the centred (zero-padded) windows should show padding")
        self.assertEqual(float(tgt[:, 0][pad].max()) if pad.any() else 0.0, 0.0, "mask past the frame edge")
        S = img.shape[-1]
        for i in range(len(img)):
            x0, y0 = [int(np.ceil(v)) + 1 for v in co[i, 0].tolist()]
            x1, y1 = [int(np.floor(v)) - 1 for v in co[i, 1].tolist()]
            x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, S), min(y1, S)
            if x1 > x0 and y1 > y0:
                self.assertFalse(bool(pad[i, y0:y1, x0:x1].any()), f"sample {i}: the box reaches past the frame edge")


class RecoverMaskPromptFolderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import torch
        torch.set_num_threads(2)
        cls.tmp = tempfile.mkdtemp()
        from test_smoke import tiny_cache
        cls.cache = tiny_cache(cls.tmp, n=6, val_frac="0.34")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_a_folder_that_reads_the_mask_prompt_comes_back_with_it(self):
        import torch, export_onnx, onnx_to_ckpt
        from model import SatUNet
        torch.manual_seed(0)
        m = SatUNet(32, "slim", mask_prompt=True).eval()
        for bn in (x for x in m.modules() if isinstance(x, torch.nn.BatchNorm2d)):  # as after training (not the identity)
            bn.running_mean.uniform_(-0.5, 0.5); bn.running_var.uniform_(0.5, 2.0)
            bn.weight.data.uniform_(0.5, 1.5); bn.bias.data.uniform_(-0.5, 0.5)
        d = os.path.join(self.tmp, "folder")
        self.assertTrue(export_onnx.export(m, d)["maskInputUsed"])
        out = os.path.join(self.tmp, "recovered.pt")
        # onnx_to_ckpt checks the recovered weights against the ONNX files itself (verify_onnx, exits non-zero)
        onnx_to_ckpt.main(["--dir", d, "--data", self.cache, "--out", out, "--n", "32"])
        r, st = export_onnx.load(out)
        m.eval()  # torch 1.13's ONNX export leaves the submodules in training mode (measured)
        self.assertTrue(st["args"]["mask_prompt"])
        x = torch.rand(2, 3, 32, 32)
        co = torch.tensor([[[8.0, 8.0], [24.0, 20.0]]]).repeat(2, 1, 1)
        lab = torch.tensor([[2.0, 3.0]]).repeat(2, 1)
        mi = torch.full((2, 1, 32, 32), 8.0)
        with torch.no_grad():
            want = m(x, co, lab, mi, torch.ones(2))[0]
            got = r(x, co, lab, mi, torch.ones(2))[0]
        self.assertLess((want - got).abs().max().item(), 1e-3, "the recovered model does not use mask_input as the folder does")


if __name__ == "__main__":
    unittest.main()
