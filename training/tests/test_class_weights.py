"""train.py --class-weight: a run's own class sampling weights (seconds, no data needed; a tiny
crop cache of blank crops, since only the class column matters to the sampler).
Run: /usr/bin/python3 -m unittest discover -s training/tests
"""
import os, shutil, sys, tempfile, unittest
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def blank_cache(root, per_class):
    """root/train with per_class[k] blank crops of class k (train.CropSet's layout)."""
    cls = np.concatenate([np.full(n, k) for k, n in per_class.items()]).astype(np.int64)
    d = os.path.join(root, "train")
    os.makedirs(d)
    np.save(os.path.join(d, "crops.npy"), np.zeros((len(cls), 4, 4, 4), np.uint8))
    np.savez(os.path.join(d, "meta.npz"), cls=cls, box=np.zeros((len(cls), 4), np.float32),
             nbr=np.zeros((len(cls), 1, 2), np.float32), side=np.ones(len(cls), np.float32))


class ClassWeightTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        blank_cache(self.tmp, {7: 50, 9: 50, 0: 50})  # plane, ship, small vehicle

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def shares(self, overrides):
        from train import CropSet, class_weights
        ds = CropSet([self.tmp], "train", class_weights(overrides))
        c = ds.cls[ds.sample(np.random.default_rng(0), 20000)]
        return {k: float((c == k).mean()) for k in (7, 9, 0)}

    def test_an_override_moves_the_batch_share_of_its_class_and_the_rest_keep_the_defaults(self):
        from train import CLASS_WEIGHTS
        default = self.shares([])
        w = {k: CLASS_WEIGHTS[k] for k in (7, 9, 0)}
        for k in w:  # the defaults, normalised over the classes the cache has
            self.assertAlmostEqual(default[k], w[k] / sum(w.values()), delta=0.015)
        w[7] = 0.9
        moved = self.shares(["plane=0.9"])
        for k in w:
            self.assertAlmostEqual(moved[k], w[k] / sum(w.values()), delta=0.015)
        self.assertGreater(moved[7], default[7] + 0.1)

    def test_an_unknown_class_name_is_refused_naming_the_known_ones(self):
        from train import class_weights
        with self.assertRaises(SystemExit) as e:
            class_weights(["plan=0.4"])
        self.assertIn("'plan=0.4'", str(e.exception))
        self.assertIn("plane", str(e.exception))
        for bad in ("plane=", "plane=x", "plane=-1"):
            with self.assertRaises(SystemExit):
                class_weights([bad])


if __name__ == "__main__":
    unittest.main()
