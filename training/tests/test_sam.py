"""The project's SAM implementation against facts taken from the official releases (no download,
CPU, seconds):
- data/official/checkpoint_keys.json: every key and shape of SAM and HQ-SAM ViT-B/L/H as the
  official code (facebookresearch/segment-anything, SysCV/sam-hq) builds them;
- data/official/{sam,hq}_tiny.pth: tiny random-weight models built by the official code, and
  *_predictor.pt: what the official SamPredictor returned for them (box; box + points + mask
  input; points only) on a random image.
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import json, os, subprocess, sys, tempfile, unittest
from dataclasses import replace

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
sys.path.insert(0, TRAINING)
from sam import PRESETS, build_sam, config_from_state_dict, load_checkpoint  # noqa: E402
from sam.build import unwrap_state_dict  # noqa: E402
from sam.onnx_wrappers import decoder_graph  # noqa: E402
from sam.prompt_encoder import PAD_ABSENT  # noqa: E402

OFFICIAL = os.path.join(HERE, "data", "official")


def read_json(path):
    with open(path) as f:
        return json.load(f)


class CheckpointLayoutTest(unittest.TestCase):
    def test_every_official_release_has_exactly_our_keys_and_shapes(self):
        expected = read_json(os.path.join(OFFICIAL, "checkpoint_keys.json"))
        for name, keys in expected.items():
            hq = name.startswith("sam_hq_")
            cfg = replace(PRESETS[name.split("_", 2 if hq else 1)[-1]], hq=hq)
            with self.subTest(release=name):
                ours = {k: list(v.shape) for k, v in build_sam(cfg).state_dict().items()}
                self.assertEqual(sorted(ours), sorted(keys))
                self.assertEqual(ours, keys)

    def test_the_architecture_is_read_back_from_the_tensors(self):
        expected = read_json(os.path.join(OFFICIAL, "checkpoint_keys.json"))
        for name in ("sam_vit_h", "sam_hq_vit_l", "sam_vit_b"):
            fake = {k: torch.empty(s) for k, s in expected[name].items()}
            cfg = config_from_state_dict(fake)
            preset = PRESETS[name[-5:]]
            with self.subTest(release=name):
                self.assertEqual((cfg.embed_dim, cfg.depth, cfg.heads, cfg.global_attn, cfg.window_size, cfg.img_size),
                                 (preset.embed_dim, preset.depth, preset.heads, preset.global_attn, 14, 1024))
                self.assertEqual(cfg.hq, "hq" in name)


    def test_a_checkpoint_of_any_size_builds_its_own_architecture(self):
        from make_random_sam import random_sam
        model = random_sam("tiny", hq=True, embed_dim=64, depth=4, heads=4, global_attn=[0, 3], img_size=96)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "custom.pth")
            torch.save(model.state_dict(), path)
            loaded = load_checkpoint(path)
        encoder = loaded.image_encoder
        self.assertEqual((len(encoder.blocks), [b.window_size for b in encoder.blocks], encoder.blocks[0].attn.heads, encoder.img_size),
                         (4, [0, 3, 3, 0], 4, 96))
        self.assertTrue(loaded.hq)


class OfficialPredictorParityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.set_num_threads(2)

    def check(self, kind):
        sam = load_checkpoint(os.path.join(OFFICIAL, f"{kind}_tiny.pth"))
        ref = torch.load(os.path.join(OFFICIAL, f"{kind}_tiny_predictor.pt"))
        embedding, early = sam.encode(sam.normalize(ref["img"]))
        self.assertTrue(torch.equal(embedding, ref["features"]), "image embedding")
        box, pts, lab = ref["box"], ref["pts"], ref["lab"]
        cases = {
            "box": sam.predict_box(embedding, early, box),
            "box_points_mask": sam.predict_box(embedding, early, box, (pts, lab), ref["res"]["box"][0]),
            "points": sam.predict_box(embedding, early, None, (pts, lab)),
        }
        for name, (low, iou) in cases.items():
            want_low, want_iou = ref["res"][name]
            with self.subTest(prompt=name):
                self.assertGreater(want_low.abs().max().item(), 1e-2)
                self.assertLessEqual((low - want_low).abs().max().item(), 1e-6)
                self.assertLessEqual((iou - want_iou).abs().max().item(), 1e-6)

    def test_sam_box_masks_equal_the_official_predictor(self):
        self.check("sam")

    def test_hq_sam_box_masks_equal_the_official_predictor(self):
        self.check("hq")

    def test_a_wrong_model_type_is_refused_with_both_sizes_named(self):
        with self.assertRaisesRegex(ValueError, "vit_l expects width 1024.*the file has 48"):
            load_checkpoint(os.path.join(OFFICIAL, "sam_tiny.pth"), model_type="vit_l")

    def test_checkpoints_wrapped_by_training_frameworks_are_unwrapped(self):
        sd = torch.load(os.path.join(OFFICIAL, "sam_tiny.pth"))
        wrapped = {"model": {"module." + k: v for k, v in sd.items()}}
        self.assertEqual(sorted(unwrap_state_dict(wrapped)), sorted(sd))


    def test_lora_wrapped_weights_as_ros_sam_saves_them_are_merged_into_qkv(self):
        sd = torch.load(os.path.join(OFFICIAL, "sam_tiny.pth"))
        g = torch.Generator().manual_seed(3)
        wrapped, expected = dict(sd), dict(sd)
        for i in range(3):
            qkv = f"image_encoder.blocks.{i}.attn.qkv"
            w = wrapped.pop(qkv + ".weight")
            wrapped[qkv + ".qkv.weight"], wrapped[qkv + ".qkv.bias"] = w, wrapped.pop(qkv + ".bias")
            a_q, b_q, a_v, b_v = (torch.randn(s, generator=g) for s in ((4, 48), (48, 4), (4, 48), (48, 4)))
            for name, t in zip(("linear_a_q", "linear_b_q", "linear_a_v", "linear_b_v"), (a_q, b_q, a_v, b_v)):
                wrapped[f"{qkv}.{name}.weight"] = t
            expected[qkv + ".weight"] = torch.cat([w[:48] + b_q @ a_q, w[48:96], w[96:] + b_v @ a_v])
        merged = unwrap_state_dict(wrapped)
        self.assertEqual(sorted(merged), sorted(expected))
        for k in expected:
            self.assertTrue(torch.allclose(merged[k], expected[k], atol=1e-5), k)


    def test_a_decoder_saved_on_its_own_replaces_the_checkpoints_decoder(self):
        hq = torch.load(os.path.join(OFFICIAL, "hq_tiny.pth"))
        with tempfile.TemporaryDirectory() as tmp:
            base, decoder = os.path.join(tmp, "base.pth"), os.path.join(tmp, "decoder.pth")
            torch.save({k: v for k, v in hq.items() if not k.startswith("mask_decoder.")}
                       | {k: v for k, v in torch.load(os.path.join(OFFICIAL, "sam_tiny.pth")).items() if k.startswith("mask_decoder.")}, base)
            torch.save({k[len("mask_decoder."):]: v for k, v in hq.items() if k.startswith("mask_decoder.")}, decoder)
            sam = load_checkpoint(base, decoder=decoder)
        self.assertTrue(sam.hq)
        for k, v in sam.state_dict().items():
            self.assertTrue(torch.equal(v, hq[k]), k)


class BatchedDecoderTest(unittest.TestCase):
    """The exported decoder graph (in torch) against the predictor path, crop by crop."""

    def test_each_crop_of_a_batch_gets_the_predictor_mask_whatever_its_neighbours(self):
        torch.set_num_threads(2)
        for kind in ("sam", "hq"):
            sam = load_checkpoint(os.path.join(OFFICIAL, f"{kind}_tiny.pth"))
            graph = decoder_graph(sam)
            g = torch.Generator().manual_seed(5)
            images = torch.randn(3, 3, 128, 128, generator=g)
            embedding, early = sam.encode(images)
            boxes = torch.tensor([[20.0, 30, 90, 100], [10, 10, 60, 50], [40, 35, 120, 110]])
            negative = torch.tensor([[100.0, 20]])
            # Crop 1 has a negative point; crops 0 and 2 are padded with an absent point.
            coords = torch.zeros(3, 3, 2)
            labels = torch.full((3, 3), float(PAD_ABSENT))
            coords[:, :2] = boxes.view(3, 2, 2)
            labels[:, 0], labels[:, 1] = 2, 3
            coords[1, 2], labels[1, 2] = negative[0], 0
            low_res = 4 * sam.prompt_encoder.image_embedding_size[0]
            with torch.no_grad():
                _, iou, low = graph(embedding, *([early] if sam.hq else []), coords, labels,
                                    torch.zeros(3, 1, low_res, low_res), torch.zeros(3), torch.tensor([64.0, 64.0]))
            for i in range(3):
                points = (negative[None], torch.zeros(1, 1)) if i == 1 else None
                want, want_iou = sam.predict_box(embedding[i:i + 1], None if early is None else early[i:i + 1], boxes[i:i + 1], points)
                with self.subTest(kind=kind, crop=i):
                    self.assertLessEqual((low[i:i + 1] - want).abs().max().item(), 1e-5)
                    self.assertLessEqual((iou[i] - want_iou[0]).abs().max().item(), 1e-5)


class ExportCommandTest(unittest.TestCase):
    def test_an_official_checkpoint_becomes_a_batched_model_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "sam-hq-tiny")
            run = subprocess.run([sys.executable, os.path.join(TRAINING, "export_sam.py"), "--checkpoint",
                                  os.path.join(OFFICIAL, "hq_tiny.pth"), "--out", out], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            meta = read_json(os.path.join(out, "model.json"))
            self.assertEqual((meta["contract"], meta["batchAxis"], meta["extraFeatures"], meta["paddingLabel"], meta["inputSize"]),
                             ("sam-hq", True, ["interm_embeddings"], PAD_ABSENT, 128))
            import onnx
            decoder = onnx.load(os.path.join(out, "decoder.onnx"))
            dims = {i.name: [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim] for i in decoder.graph.input}
            self.assertEqual(dims["point_coords"], ["B", "N", 2])
            self.assertEqual(dims["image_embeddings"][0], "B")
            self.assertFalse(any(n.op_type == "Tile" and "repeat" in n.name.lower() for n in decoder.graph.node))

    def test_a_file_that_is_not_a_sam_checkpoint_is_refused_and_nothing_is_written(self):
        with tempfile.TemporaryDirectory() as tmp:
            bogus = os.path.join(tmp, "bogus.pth")
            torch.save({"weight": torch.zeros(3)}, bogus)
            out = os.path.join(tmp, "out")
            run = subprocess.run([sys.executable, os.path.join(TRAINING, "export_sam.py"), "--checkpoint", bogus, "--out", out],
                                 capture_output=True, text=True)
            self.assertNotEqual(run.returncode, 0)
            self.assertIn("not a SAM checkpoint", run.stderr)
            self.assertEqual(sorted(os.listdir(tmp)), ["bogus.pth"])


if __name__ == "__main__":
    unittest.main()
