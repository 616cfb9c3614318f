"""Where a checkpoint loses IoU on the real validation tiles, in eval_real.py's setting (crop rule,
tight box, native resolution): per class, mean IoU by the box's longest side, by whether the object
touches the tile edge (cut by it), by elongation (longest / shortest box side), each with its share of
the class's total loss (sum of 1 - IoU), next to the resolution ceiling: the true mask's coverage on
the model's S x S grid, pasted back exactly like the model's logits (what a perfect S-px model scores).

/usr/bin/python3 training/where_it_loses.py --ckpt training/.cache/v3.pt [--classes plane ship] [--json rows.json]
"""
import argparse, json, os, sys
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CONTEXT, MIN_CROP
from eval_real import HERE, Predictor, paste, score_objects, val_tiles

SIDES = ((0, 16), (16, 32), (32, 64), (64, 128), (128, None))
ELONGATION = ((1, 1.5), (1.5, 2.5), (2.5, None))


def ceiling_logits(gwin, win, S):
    """The true mask as logits on the S x S grid of crop window win (area coverage, > 0 where >= half)."""
    gx, gy, gm = gwin
    cx0, cy0, side = win
    full = np.zeros((side, side), np.float32)
    ys, xs = np.nonzero(gm)
    ys, xs = ys + gy - cy0, xs + gx - cx0
    k = (ys >= 0) & (ys < side) & (xs >= 0) & (xs < side)
    full[ys[k], xs[k]] = 1
    cov = F.interpolate(torch.from_numpy(full)[None, None], size=(S, S), mode="area")[0, 0].numpy()
    return (cov - 0.5) * 20


def rows_for(pred, split, classes):
    rows = []
    for img, H, W, gts, boxes in val_tiles(split, context=pred.context, min_crop=pred.min_crop):
        keep = [i for i, g in enumerate(gts) if g[0] in classes]
        if not keep:
            continue
        gts, boxes = [gts[i] for i in keep], [boxes[i] for i in keep]
        out = pred.logits(img, boxes)
        got = score_objects([paste(w, lg, ip, H, W) for w, lg, ip in out], gts, H, W)
        best = score_objects([paste(w, ceiling_logits(g[1], w, pred.S), 1.0, H, W) for g, (w, _, _) in zip(gts, out)], gts, H, W)
        for r, c, b in zip(got, best, boxes):
            w, h = b[2] - b[0], b[3] - b[1]
            r.update(ceiling=c["iou"], side=float(max(w, h)), elongation=float(max(w, h) / max(1.0, min(w, h))),
                     touches_edge=bool(b[0] <= 0 or b[1] <= 0 or b[2] >= W or b[3] >= H))
            rows.append(r)
    return rows


def line(label, q, total_loss):
    iou = np.mean([r["iou"] for r in q])
    return (f"  {label:<22} n={len(q):5d}  IoU {iou:.3f}  ceiling {np.mean([r['ceiling'] for r in q]):.3f}  "
            f"BIoU {np.mean([r['biou'] for r in q]):.3f}  share of loss {sum(1 - r['iou'] for r in q) / total_loss:.2f}")


def report(rows, c):
    rs = [r for r in rows if r["cls"] == c]
    if not rs:
        return [f"{c}: no objects"]
    total = sum(1 - r["iou"] for r in rs)
    out = [f"{c}: n={len(rs)} IoU {np.mean([r['iou'] for r in rs]):.3f} ceiling {np.mean([r['ceiling'] for r in rs]):.3f}"]
    groups = [(f"side {lo}-{hi or ''} px", lambda r, lo=lo, hi=hi: r["side"] >= lo and (hi is None or r["side"] < hi)) for lo, hi in SIDES]
    groups += [(f"{'touches' if t else 'inside'} tile edge", lambda r, t=t: r["touches_edge"] == t) for t in (True, False)]
    groups += [(f"elongation {lo}-{hi or ''}", lambda r, lo=lo, hi=hi: r["elongation"] >= lo and (hi is None or r["elongation"] < hi))
               for lo, hi in ELONGATION]
    for label, keep in groups:
        q = [r for r in rs if keep(r)]
        if q:
            out.append(line(label, q, total))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--classes", nargs="+", default=["plane", "ship"])
    ap.add_argument("--split", default=os.path.join(HERE, ".cache/isaid/split.json"))
    ap.add_argument("--context", type=float, default=CONTEXT, help="the crop rule's context factor (the engine's: 1.6)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", default="", help="write the per-object rows here")
    a = ap.parse_args()
    if not os.path.exists(a.split):
        raise SystemExit(f"{a.split}: no split (run prepare_crops.py first)")
    pred = Predictor(a.ckpt, a.context, MIN_CROP, a.threads)
    rows = rows_for(pred, a.split, set(a.classes))
    for c in a.classes:
        print("\n".join(report(rows, c)))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f)


if __name__ == "__main__":
    main()
