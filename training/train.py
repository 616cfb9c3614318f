"""Train sat-unet (or, with --sam-checkpoint / --sam-tiny-random, fine-tune a SAM-family model:
see finetune_sam.py) on pre-cut crops. Wall-clock cosine schedule sized to --minutes.

CPU:  /usr/bin/python3 training/train.py --data training/.cache/isaid --minutes 60 --threads 2
GPU:  python3 training/train.py --data training/.cache/isaid --minutes 30 --device cuda --batch 256
Resume after an interruption: add --resume (reads <out>/ckpt.pt; the schedule continues where
it stopped, the budget stays the total).
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import SatUNet, count_params, add_mask_channels
from augment import make_batch, previous_mask_logits
from common import TARGET_CLASSES

# Synthetic classes (synth_crops.SYNTH_IDS): 100 trains, 101 airplanes, 102 ships, 104 cars; a cache
# without one simply has no such class (v2 was trained with trains only, 100 at 0.10).
CLASS_WEIGHTS = {7: 0.30, 9: 0.30, 0: 0.17, 1: 0.18, 6: 0.05, 100: 0.10, 101: 0.04, 102: 0.04, 104: 0.06}
CLASS_NAMES = {**TARGET_CLASSES, 100: "train", 101: "synth_plane", 102: "synth_ship", 104: "synth_car"}


def class_weights(overrides):
    """CLASS_WEIGHTS with --class-weight NAME=W overrides (names as in CLASS_NAMES); unnormalised,
    CropSet.sample normalises over the classes a cache has."""
    ids = {n: k for k, n in CLASS_NAMES.items()}
    w = dict(CLASS_WEIGHTS)
    for o in overrides or []:
        name, _, val = o.partition("=")
        try:
            weight = float(val)
        except ValueError:
            weight = -1.0
        if name not in ids or weight < 0:
            raise SystemExit(f"--class-weight {o!r}: expected NAME=W (W >= 0) with NAME one of {', '.join(ids)}")
        w[ids[name]] = weight
    return w


class CropSet:
    def __init__(self, dirs, split, weights=None):
        self.weights = weights or CLASS_WEIGHTS
        self.parts = []
        for d in dirs:
            p = os.path.join(d, split)
            if not os.path.exists(os.path.join(p, "crops.npy")):
                continue
            a = np.load(os.path.join(p, "crops.npy"), mmap_mode="r")
            m = dict(np.load(os.path.join(p, "meta.npz")))
            self.parts.append((a, m))
        self.cls = np.concatenate([m["cls"] for _, m in self.parts]).astype(np.int64)
        self.off = np.cumsum([0] + [len(m["cls"]) for _, m in self.parts])
        self.by_class = {int(c): np.nonzero(self.cls == c)[0] for c in np.unique(self.cls)}

    def __len__(self):
        return len(self.cls)

    def get(self, idx):
        idx = np.sort(idx)
        crops, box, nbr, side = [], [], [], []
        for k, (a, m) in enumerate(self.parts):
            sel = idx[(idx >= self.off[k]) & (idx < self.off[k + 1])] - self.off[k]
            if len(sel) == 0:
                continue
            crops.append(a[sel]); box.append(m["box"][sel]); nbr.append(m["nbr"][sel]); side.append(m["side"][sel])
        return np.concatenate(crops), np.concatenate(box), np.concatenate(nbr), np.concatenate(side), self.cls[idx]

    def sample(self, rng, n):
        keys = list(self.by_class)
        w = np.array([self.weights.get(k, 0.1) for k in keys], dtype=np.float64)
        w /= w.sum()
        ks = rng.choice(len(keys), n, p=w)
        return np.array([self.by_class[keys[k]][rng.integers(len(self.by_class[keys[k]]))] for k in ks])


class BatchStream(torch.utils.data.IterableDataset):
    def __init__(self, dirs, S, batch, seed, mask_prob=0.0, edge_prob=0.0, flat_prob=0.0, weights=None):
        self.dirs, self.S, self.batch, self.seed, self.mask_prob = dirs, S, batch, seed, mask_prob
        self.weights = weights
        self.edge_prob, self.flat_prob = edge_prob, flat_prob

    def __iter__(self):
        torch.set_num_threads(1)
        wi = torch.utils.data.get_worker_info()
        rng = np.random.default_rng(self.seed + (wi.id if wi else 0) * 7919)
        ds = CropSet(self.dirs, "train", self.weights)
        while True:
            idx = ds.sample(rng, self.batch)
            c, b, n, s, _ = ds.get(idx)
            img, tgt, co, lab = make_batch(c, b, n, s, self.S, rng, train=True, edge_prob=self.edge_prob,
                                           flat_prob=self.flat_prob)
            mi, has = previous_mask_logits(tgt, rng, self.mask_prob)
            yield img, tgt, co, lab, mi, has


def seg_loss(logits, iou_pred, tgt):
    bce = F.binary_cross_entropy_with_logits(logits, tgt)
    p = torch.sigmoid(logits)
    inter = (p * tgt).sum((1, 2, 3))
    dice = 1 - (2 * inter + 1) / (p.sum((1, 2, 3)) + tgt.sum((1, 2, 3)) + 1)
    with torch.no_grad():
        pm = logits > 0
        tm = tgt > 0.5
        i = (pm & tm).sum((1, 2, 3)).float()
        u = (pm | tm).sum((1, 2, 3)).float()
        iou_true = torch.where(u > 0, i / u.clamp(min=1), torch.ones_like(u))
    mse = F.mse_loss(iou_pred[:, 0], iou_true)
    return bce + dice.mean() + mse, bce.item(), dice.mean().item(), mse.item(), iou_true


def load_val(dirs, S, per_class=300, seed=123):
    ds = CropSet(dirs, "val")
    rng = np.random.default_rng(seed)
    idx = np.concatenate([rng.permutation(v)[:per_class] for v in ds.by_class.values()])
    c, b, n, s, cls = ds.get(idx)
    img, tgt, co, lab = make_batch(c, b, n, s, S, rng, train=False)
    # a fixed simulated previous mask for every crop, for the "with mask prompt" validation column
    mi, _ = previous_mask_logits(tgt, rng, 1.0)
    return img, tgt, co, lab, torch.from_numpy(cls), mi


@torch.no_grad()
def evaluate(model, val, bs=256, with_mask=False):
    """Mean IoU per class at crop resolution; with_mask: every crop also gets the fixed simulated
    previous mask of load_val (has_mask_input = 1)."""
    model.eval()
    img, tgt, co, lab, cls, mi = val
    ious, ps = [], []
    for i in range(0, len(img), bs):
        if with_mask:
            n = len(img[i:i + bs])
            lg, ip = model(img[i:i + bs], co[i:i + bs], lab[i:i + bs], mi[i:i + bs], torch.ones(n))
        else:
            lg, ip = model(img[i:i + bs], co[i:i + bs], lab[i:i + bs])
        pm, tm = lg > 0, tgt[i:i + bs] > 0.5
        it = (pm & tm).sum((1, 2, 3)).float(); u = (pm | tm).sum((1, 2, 3)).float()
        ious.append(torch.where(u > 0, it / u.clamp(min=1), torch.ones_like(u))); ps.append(ip[:, 0])
    iou = torch.cat(ious); pr = torch.cat(ps)
    model.train()
    res = {CLASS_NAMES[int(k)]: round(iou[cls == k].mean().item(), 4) for k in torch.unique(cls) if int(k) in CLASS_NAMES}
    res["mean4"] = round(float(np.mean([res[k] for k in ("plane", "ship", "small_vehicle", "large_vehicle") if k in res])), 4)
    res["iou_head_mae"] = round((pr - iou).abs().mean().item(), 4)
    return res


def lr_at(frac, step, base, warm=100, floor=0.02):
    w = min(1.0, (step + 1) / warm)
    return base * w * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", nargs="+", default=[os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache/isaid")],
                    help="crop caches made by prepare_crops.py (e.g. real + synthetic)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache/run"))
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (tests)")
    ap.add_argument("--input-size", type=int, default=64)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", default="", help="start from these weights (fine-tune), new schedule")
    ap.add_argument("--ckpt-every", type=float, default=5.0, help="minutes")
    ap.add_argument("--eval-every", type=float, default=10.0, help="minutes")
    ap.add_argument("--val-per-class", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--arch", default="slim", choices=["slim", "base"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mask-prompt", type=int, default=1, choices=[0, 1], help="1: decoder takes mask_input (previous logits)")
    ap.add_argument("--mask-prob", type=float, default=0.5, help="fraction of training crops given a simulated previous mask")
    ap.add_argument("--edge-prob", type=float, default=0.0,
                    help="fraction of training crops cut by a simulated frame edge / corner (augment.frame_edges)")
    ap.add_argument("--flat-prob", type=float, default=0.0,
                    help="fraction of training crops whose object is made textureless (augment.flat_fill)")
    ap.add_argument("--class-weight", action="append", default=[], metavar="NAME=W",
                    help="sampling weight of a class instead of CLASS_WEIGHTS' (repeatable), e.g. plane=0.40")
    a = ap.parse_args(argv)
    weights = class_weights(a.class_weight)  # refuses a bad --class-weight before any loading
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    dev = torch.device(a.device)
    model = SatUNet(a.input_size, a.arch, mask_prompt=bool(a.mask_prompt)).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.wd)
    step, elapsed = 0, 0.0
    ck = os.path.join(a.out, "ckpt.pt")
    if a.resume and os.path.exists(ck):
        st = torch.load(ck, map_location="cpu")
        model.load_state_dict(st["model"]); opt.load_state_dict(st["opt"])
        step, elapsed = st["step"], st["elapsed"]
        print(f"resumed at step {step}, {elapsed/60:.1f} min", flush=True)
    elif a.init:
        init = torch.load(a.init, map_location="cpu")["model"]
        model.load_state_dict(add_mask_channels(init, model) if a.mask_prompt else init)
        print(f"initialised from {a.init}", flush=True)
    print(f"params {count_params(model)} arch={a.arch} S={a.input_size} batch={a.batch} budget={a.minutes} min", flush=True)
    val = load_val(a.data, a.input_size, a.val_per_class)
    stream = BatchStream(a.data, a.input_size, a.batch, a.seed + step, a.mask_prob if a.mask_prompt else 0.0, a.edge_prob,
                         a.flat_prob, weights)
    loader = torch.utils.data.DataLoader(stream, batch_size=None, num_workers=a.workers,
                                         persistent_workers=a.workers > 0, prefetch_factor=4 if a.workers else 2)
    budget = a.minutes * 60
    t_last = time.time()
    last_ck = last_ev = elapsed
    hist = []
    model.train()
    for img, tgt, co, lab, mi, has in loader:
        frac = elapsed / budget
        for g in opt.param_groups:
            g["lr"] = lr_at(frac, step, a.lr, a.warmup)
        img, tgt, co, lab, mi, has = img.to(dev), tgt.to(dev), co.to(dev), lab.to(dev), mi.to(dev), has.to(dev)
        logits, iou = model(img, co, lab, mi, has) if a.mask_prompt else model(img, co, lab)
        loss, bce, dice, mse, _ = seg_loss(logits, iou, tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        hist.append(loss.item())
        if step % 50 == 0:
            print(f"step {step} t={elapsed/60:.1f}m lr={opt.param_groups[0]['lr']:.2e} loss={np.mean(hist[-50:]):.4f} bce={bce:.3f} dice={dice:.3f} mse={mse:.4f}", flush=True)
        done = elapsed >= budget or (a.max_steps and step >= a.max_steps)
        if elapsed - last_ev >= a.eval_every * 60 or done:
            t0 = time.time()
            print("val", json.dumps({"t_min": round(elapsed / 60, 1), "step": step, **evaluate(model, val)}), flush=True)
            if a.mask_prompt:
                print("val_mask", json.dumps({"t_min": round(elapsed / 60, 1), "step": step, **evaluate(model, val, with_mask=True)}), flush=True)
            t_last += time.time() - t0  # eval time not counted in the schedule
            last_ev = elapsed
        if elapsed - last_ck >= a.ckpt_every * 60 or done:
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "elapsed": elapsed,
                        "args": vars(a)}, ck + ".tmp")
            os.replace(ck + ".tmp", ck)
            last_ck = elapsed
        if done:
            break
    torch.save({"model": model.state_dict(), "step": step, "elapsed": elapsed, "args": vars(a),
                "finished": elapsed >= budget}, os.path.join(a.out, "final.pt"))
    print(f"done step {step} elapsed {elapsed/60:.1f} min", flush=True)
    return hist


if __name__ == "__main__":
    main()
