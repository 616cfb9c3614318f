"""augment.flat_fill: textureless objects for training (seconds, no data needed).
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import os, sys, unittest
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def textured(B=32, S=32, seed=0):
    import torch
    g = torch.Generator().manual_seed(seed)
    img = torch.rand(B, 3, S, S, generator=g)
    tgt = torch.zeros(B, 1, S, S)
    tgt[:, :, 10:22, 8:24] = 1.0
    tgt[:, :, 9, 8:24] = 0.5  # an anti-aliased edge row
    return img, tgt


class FlatFillTest(unittest.TestCase):
    def test_object_interiors_become_one_colour_and_the_rest_keeps_or_flattens(self):
        from augment import flat_fill
        img, tgt = textured()
        out = flat_fill(img, tgt, np.random.default_rng(0), 1.0)
        inside = out[:, :, 10:22, 8:24].flatten(2)
        self.assertLess(inside.std(2).max().item(), 1e-5, "object interior is not one colour")
        self.assertGreater(img[:, :, 10:22, 8:24].flatten(2).std(2).min().item(), 0.1)
        bg_before, bg_after = img[:, :, 24:, :].flatten(1), out[:, :, 24:, :].flatten(1)
        kept = (bg_before - bg_after).abs().amax(1) < 1e-6
        flat = out[:, :, 24:, :].flatten(2).std(2).amax(1) < 1e-5
        self.assertTrue(bool((kept | flat).all()), "background neither kept nor flattened")
        self.assertTrue(bool(kept.any()) and bool(flat.any()), "expected both kinds of background in 32 samples")

    def test_zero_probability_leaves_the_batch_alone(self):
        from augment import flat_fill
        img, tgt = textured()
        self.assertTrue(bool((flat_fill(img, tgt, np.random.default_rng(0), 0.0) == img).all()))


if __name__ == "__main__":
    unittest.main()
