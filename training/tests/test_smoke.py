"""CI-sized smoke test of the training tool (no dependence on ../shared):
tiny synthetic tiles -> prepare_crops -> a few training steps (the loss must fall) -> ONNX export ->
re-load and check names / shapes / dynamic axes -> numeric check against torch.
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import json, os, shutil, sys, tempfile, unittest
import numpy as np
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


def make_tiles(root, n=8, size=96, seed=0):
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(root, "images")); os.makedirs(os.path.join(root, "labels"))
    for t in range(n):
        bg = rng.integers(60, 120, (size, size, 3)).astype(np.uint8)
        im = Image.fromarray(bg)
        dr = ImageDraw.Draw(im)
        lines = []
        for k in range(4):
            cls = [7, 9, 0, 1][k]
            cx, cy = rng.integers(15, size - 15, 2)
            a, b = rng.integers(4, 12, 2)
            ang = np.linspace(0, 2 * np.pi, 12, endpoint=False)
            pts = [(int(cx + a * np.cos(q)), int(cy + b * np.sin(q))) for q in ang]
            dr.polygon(pts, fill=tuple(int(v) for v in rng.integers(180, 255, 3)))
            lines.append(f"{cls} " + " ".join(f"{x} {y}" for x, y in pts))
        im.save(os.path.join(root, "images", f"t{t}.png"))
        open(os.path.join(root, "labels", f"t{t}.txt"), "w").write("\n".join(lines) + "\n")


def tiny_cache(tmp, n=8, val_frac="0.25"):
    """make_tiles under tmp, cut by prepare_crops into tmp/cache/tiny (train and val splits); returns its path."""
    src = os.path.join(tmp, "src")
    make_tiles(src, n=n)
    import prepare_crops
    prepare_crops.main.__globals__["sys"].argv = ["prepare_crops.py", "--src", src, "--name", "tiny",
                                                  "--cache", os.path.join(tmp, "cache"), "--val-frac", val_frac]
    prepare_crops.main()
    return os.path.join(tmp, "cache", "tiny")


class SmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import torch
        torch.set_num_threads(2)
        cls.tmp = tempfile.mkdtemp()
        cls.cache = tiny_cache(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_train_export(self):
        import train, torch
        out = os.path.join(self.tmp, "run")
        hist = train.main(["--data", self.cache, "--out", out, "--minutes", "5", "--max-steps", "40",
                           "--input-size", "32", "--batch", "16", "--workers", "0", "--warmup", "5",
                           "--lr", "3e-3", "--val-per-class", "8", "--threads", "2"])
        self.assertEqual(len(hist), 40)
        first, last = np.mean(hist[:5]), np.mean(hist[-5:])
        self.assertLess(last, first * 0.85, f"loss did not fall: {first:.3f} -> {last:.3f}")
        self.assertTrue(os.path.exists(os.path.join(out, "ckpt.pt")))
        # export + graph checks
        import export_onnx, verify_onnx, onnx
        m, _ = export_onnx.load(os.path.join(out, "final.pt"))
        d = os.path.join(self.tmp, "onnx")
        meta = export_onnx.export(m, d)
        self.assertEqual(meta["inputSize"], 32)
        self.assertEqual(meta["contract"], "sam")
        dec = onnx.load(os.path.join(d, "decoder.onnx"))
        names = [i.name for i in dec.graph.input]
        self.assertEqual(names, export_onnx.DEC_INPUTS)
        shp = {i.name: [x.dim_param or x.dim_value for x in i.type.tensor_type.shape.dim] for i in dec.graph.input}
        self.assertEqual(shp["point_coords"], ["B", "N", 2])
        self.assertEqual(shp["mask_input"], ["B", 1, 32, 32])
        self.assertEqual(shp["image_embeddings"], ["B"] + meta["embeddingShape"])
        enc = onnx.load(os.path.join(d, "encoder.onnx"))
        self.assertEqual([o.name for o in enc.graph.output], ["image_embeddings"] + meta["extraFeatures"])
        r = verify_onnx.verify(os.path.join(out, "final.pt"), d, B=2)
        self.assertTrue(r["pass"], r)

    def test_finetune_sam_lora_path(self):
        """ROS-SAM-style LoRA fine-tuning on a randomly initialised tiny ViT SAM-HQ (no real weights)."""
        import finetune_sam
        hist, frozen_same, last_changed, lora_changed = finetune_sam.main(
            ["--tiny-random", "--data", self.cache, "--input-size", "64", "--batch", "2", "--steps", "4",
             "--threads", "2", "--out", os.path.join(self.tmp, "samft")])
        self.assertEqual([w for w, _ in hist], ["sam", "hq", "sam", "hq"])
        self.assertTrue(frozen_same and last_changed and lora_changed)
        sd = __import__("torch").load(os.path.join(self.tmp, "samft", "merged_state_dict.pth"))
        self.assertIn("image_encoder.blocks.0.attn.qkv.weight", sd)
        self.assertFalse(any(".a_q." in k for k in sd))
        # The merged weights are a checkpoint in the official layout: they load strict and export.
        from sam import load_checkpoint
        self.assertTrue(load_checkpoint(os.path.join(self.tmp, "samft", "merged_state_dict.pth")).hq)


if __name__ == "__main__":
    unittest.main()
