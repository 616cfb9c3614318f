"""Evaluate sat-unet at NATIVE resolution, the way the C# crop pipeline runs it.

(a) real validation split of isaid-512 (tiles held out by prepare_crops.py's seeded split):
    per object: inference crop rule -> S x S (bicubic) -> model with the tight box -> low-res logits
    resized (bilinear) to the crop size -> pasted into the tile -> IoU / boundary IoU vs the native mask.
(b) ../shared/data/real/isaid-P0003: the same per instance (tight bbox from instances.json), next to
    the box-fill baseline.
Boundary IoU (FORMATS.md 7): boundary = mask minus its erosion (3x3, d times, 1-px zero padding at the
image border), d = max(1, round(0.02 * diag)) with diag = the object's CROP diagonal (side * sqrt 2),
not the image diagonal (which would swallow small objects); also reported with fixed d = 1.

/usr/bin/python3 training/eval_real.py --ckpt training/.cache/run/final.pt --json out.json
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (TARGET_CLASSES, CONTEXT, MIN_CROP, read_labels, find_image, raster_poly, mask_box,
                    crop_window, cut_crop)

HERE = os.path.dirname(os.path.abspath(__file__))


def erode(m, d):
    x = np.pad(m, 1)
    for _ in range(d):
        y = x.copy()
        y[1:-1, 1:-1] = (x[1:-1, 1:-1] & x[:-2, 1:-1] & x[2:, 1:-1] & x[1:-1, :-2] & x[1:-1, 2:] &
                         x[:-2, :-2] & x[:-2, 2:] & x[2:, :-2] & x[2:, 2:])
        y[0, :] = y[-1, :] = False; y[:, 0] = y[:, -1] = False
        x = y
    return x[1:-1, 1:-1]


def iou(a, b):
    u = (a | b).sum()
    return 1.0 if u == 0 else (a & b).sum() / u


def biou(p, g, d):
    return iou(p & ~erode(p, d), g & ~erode(g, d))


def local_window(p_box, g_box, H, W, margin):
    x0 = max(0, int(min(p_box[0], g_box[0])) - margin); y0 = max(0, int(min(p_box[1], g_box[1])) - margin)
    x1 = min(W, int(max(p_box[2], g_box[2])) + margin); y1 = min(H, int(max(p_box[3], g_box[3])) + margin)
    return x0, y0, x1, y1


class Predictor:
    def __init__(self, ckpt, context=CONTEXT, min_crop=MIN_CROP, threads=1):
        from export_onnx import load
        torch.set_num_threads(threads)
        self.m, _ = load(ckpt)
        self.S = self.m.S
        self.context, self.min_crop = context, min_crop

    @torch.no_grad()
    def logits(self, img, boxes, masks=None, bs=128):
        """img: PIL RGB; boxes: boxes (pixel edges) to prompt with; masks: per box None or a
        previous MaskLogits-like (logits [S,S], window) offered as mask_input, resampled into this
        box's crop window exactly as the engine does (MaskLogits.ResampleTo). Returns per box
        (window (cx0, cy0, side), low-res logits [S,S] numpy, predicted iou)."""
        S = self.S
        crops, prm, wins, mis, has = [], [], [], [], []
        for k, b in enumerate(boxes):
            cx0, cy0, side = crop_window(b, self.context, self.min_crop)
            crops.append(np.asarray(cut_crop(img, cx0, cy0, side, S, Image.BICUBIC), dtype=np.float32) / 255.0)
            sc = S / side
            prm.append([[(b[0] - cx0) * sc, (b[1] - cy0) * sc], [(b[2] - cx0) * sc, (b[3] - cy0) * sc]])
            wins.append((cx0, cy0, side))
            prev = masks[k] if masks is not None else None
            mis.append(np.zeros((S, S), np.float32) if prev is None else resample_logits(prev[0], prev[1], (cx0, cy0, side)))
            has.append(0.0 if prev is None else 1.0)
        out = []
        for i in range(0, len(crops), bs):
            x = torch.from_numpy(np.stack(crops[i:i + bs])).permute(0, 3, 1, 2)
            co = torch.tensor(prm[i:i + bs], dtype=torch.float32)
            lab = torch.tensor([[2.0, 3.0]]).repeat(len(x), 1)
            if self.m.mask_prompt:
                mi = torch.from_numpy(np.stack(mis[i:i + bs])).unsqueeze(1)
                lg, ip = self.m(x, co, lab, mi, torch.tensor(has[i:i + bs]))
            else:
                lg, ip = self.m(x, co, lab)
            for k in range(len(x)):
                out.append((wins[i + k], lg[k, 0].numpy(), float(ip[k, 0])))
        return out

    def predict(self, img, boxes, H, W, masks=None, bs=128):
        """Returns per box (mask window (x0,y0), bool array, predicted iou) pasted at native resolution."""
        return [paste(win, lg, ip, H, W) for win, lg, ip in self.logits(img, boxes, masks, bs)]


def paste(win, lg, ip, H, W):
    cx0, cy0, side = win
    big = F.interpolate(torch.from_numpy(lg)[None, None], size=(side, side), mode="bilinear", align_corners=False)[0, 0].numpy() > 0
    # clip the window to the image
    x0, y0 = max(cx0, 0), max(cy0, 0)
    x1, y1 = min(cx0 + side, W), min(cy0 + side, H)
    sub = big[y0 - cy0:y1 - cy0, x0 - cx0:x1 - cx0] if x1 > x0 and y1 > y0 else np.zeros((0, 0), bool)
    return ((x0, y0), sub, ip)


OUTSIDE_LOGIT = -20.0  # MaskLogits.Outside


def resample_logits(lg, win, target):
    """The engine's MaskLogits.ResampleTo: logits lg [S,S] over window win = (x, y, side) sampled
    (bilinear, half-pixel centres, clamped at the map's edge) at the centres of the S x S grid of
    window target; OUTSIDE_LOGIT where a centre falls outside win."""
    S = lg.shape[0]
    wx, wy, ws = win
    tx, ty, ts = target
    c = (np.arange(S) + 0.5) * (ts / S)
    x = tx + c; y = ty + c
    u = np.clip((x - wx) * (S / ws) - 0.5, 0, S - 1)
    v = np.clip((y - wy) * (S / ws) - 0.5, 0, S - 1)
    u0 = np.floor(u).astype(int); v0 = np.floor(v).astype(int)
    u1 = np.minimum(u0 + 1, S - 1); v1 = np.minimum(v0 + 1, S - 1)
    fu = (u - u0)[None, :]; fv = (v - v0)[:, None]
    top = lg[v0][:, u0] + (lg[v0][:, u1] - lg[v0][:, u0]) * fu
    bot = lg[v1][:, u0] + (lg[v1][:, u1] - lg[v1][:, u0]) * fu
    out = (top + (bot - top) * fv).astype(np.float32)
    outside = (x < wx) | (x >= wx + ws)
    out[:, outside] = OUTSIDE_LOGIT
    out[(y < wy) | (y >= wy + ws), :] = OUTSIDE_LOGIT
    return out


def score_objects(pred, gts, H, W):
    """pred: list from Predictor; gts: list of (cls, full-image bool mask or (x0,y0,sub)), box."""
    rows = []
    for (off, sub, ip), (c, gwin, gbox, side) in zip(pred, gts):
        gx0, gy0, gm = gwin
        d = max(1, int(round(0.02 * side * math.sqrt(2))))
        pb = [off[0], off[1], off[0] + sub.shape[1], off[1] + sub.shape[0]]
        gb = [gx0, gy0, gx0 + gm.shape[1], gy0 + gm.shape[0]]
        x0, y0, x1, y1 = local_window(pb, gb, H, W, d + 2)
        P = np.zeros((y1 - y0, x1 - x0), bool); G = np.zeros_like(P); Bx = np.zeros_like(P)
        def paste(dst, ox, oy, m):
            ys, xs = max(oy, y0), max(ox, x0)
            ye, xe = min(oy + m.shape[0], y1), min(ox + m.shape[1], x1)
            if ye > ys and xe > xs:
                dst[ys - y0:ye - y0, xs - x0:xe - x0] |= m[ys - oy:ye - oy, xs - ox:xe - ox]
        paste(P, off[0], off[1], sub)
        paste(G, gx0, gy0, gm)
        bx0, by0, bx1, by1 = [int(v) for v in gbox]
        Bx[by0 - y0:by1 - y0, bx0 - x0:bx1 - x0] = True
        # the local window touches the image border only where it was clipped: erosion's zero padding
        # then coincides with the spec's image-border padding; elsewhere both masks are 0 near the edge.
        rows.append({"cls": c, "iou": float(iou(P, G)), "biou": float(biou(P, G, d)), "biou_d1": float(biou(P, G, 1)),
                     "box_iou": float(iou(Bx, G)), "box_biou": float(biou(Bx, G, d)), "iou_pred": ip,
                     "d": d, "area": int(G.sum())})
    return rows


def summarise(rows, key="cls"):
    out = {}
    for c in sorted(set(r[key] for r in rows)):
        rs = [r for r in rows if r[key] == c]
        out[c] = {"n": len(rs), **{k: round(float(np.mean([r[k] for r in rs])), 4) for k in ("iou", "biou", "biou_d1", "box_iou", "box_biou")}}
        ip = np.array([r["iou_pred"] for r in rs]); it = np.array([r["iou"] for r in rs])
        out[c]["iou_head_mae"] = round(float(np.abs(ip - it).mean()), 4)
    out["all"] = {"n": len(rows), **{k: round(float(np.mean([r[k] for r in rows])), 4) for k in ("iou", "biou", "biou_d1", "box_iou", "box_biou")}}
    if len(rows) > 2:
        out["all"]["iou_head_pearson"] = round(float(np.corrcoef([r["iou_pred"] for r in rows], [r["iou"] for r in rows])[0, 1]), 4)
    return out


def val_tiles(split_json, max_tiles=0, stride=1, context=CONTEXT, min_crop=MIN_CROP):
    """Yields (image, H, W, gts, tight boxes) per validation tile with target objects."""
    sp = json.load(open(split_json))
    src = sp["src"]
    tiles = sp["val"][::stride]
    tiles = tiles[:max_tiles] if max_tiles else tiles
    for stem in tiles:
        labels = read_labels(os.path.join(src, "labels", stem + ".txt"))
        labels = [(c, p) for c, p in labels if c in TARGET_CLASSES]
        if not labels:
            continue
        img = Image.open(find_image(src, stem)).convert("RGB")
        W, H = img.size
        gts, boxes = [], []
        for c, p in labels:
            x0, y0 = int(np.floor(p[:, 0].min())) - 1, int(np.floor(p[:, 1].min())) - 1
            w, h = int(np.ceil(p[:, 0].max())) - x0 + 2, int(np.ceil(p[:, 1].max())) - y0 + 2
            m = raster_poly(p, x0, y0, w, h)
            # clip to the tile
            ys, xs = np.nonzero(m)
            ys, xs = ys + y0, xs + x0
            k = (ys >= 0) & (ys < H) & (xs >= 0) & (xs < W)
            if not k.any():
                continue
            ys, xs = ys[k], xs[k]
            bx = np.array([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], float)
            gm = np.zeros((int(bx[3] - bx[1]), int(bx[2] - bx[0])), bool)
            gm[ys - int(bx[1]), xs - int(bx[0])] = True
            side = crop_window(bx, context, min_crop)[2]
            gts.append((TARGET_CLASSES[c], (int(bx[0]), int(bx[1]), gm), bx, side))
            boxes.append(bx)
        yield img, H, W, gts, boxes


def eval_val(pred, split_json, max_tiles=0, stride=1):
    rows = []
    for img, H, W, gts, boxes in val_tiles(split_json, max_tiles, stride, pred.context, pred.min_crop):
        rows += score_objects(pred.predict(img, boxes, H, W), gts, H, W)
    return rows


def jitter_box(b, rng, sd):
    """A tracker-predicted box between keyframes: centre moved by N(0, sd) of the box size, width
    and height scaled by exp(N(0, sd)); at least 1 px."""
    w, h = b[2] - b[0], b[3] - b[1]
    cx = (b[0] + b[2]) / 2 + rng.normal(0, sd) * w
    cy = (b[1] + b[3]) / 2 + rng.normal(0, sd) * h
    w = max(1.0, w * math.exp(rng.normal(0, sd))); h = max(1.0, h * math.exp(rng.normal(0, sd)))
    return np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])


def eval_propagation(pred, split_json, stride=1, frames=4, sd=0.1, seed=0, max_tiles=0):
    """Sparse prompting on still tiles, the way propagation uses the mask prompt: a keyframe with
    the tight box, then `frames` frames whose boxes are tracker-like predictions (jitter_box, the
    same draws for both arms). Arm "box": each frame from its box alone. Arm "box+mask": each frame
    also gets the model's OWN previous-frame low-res logits as mask_input (chained from the
    keyframe), resampled into the new crop window exactly as the engine does. No ground truth
    enters the prompts. Rows: frames 1..frames of every object."""
    rng = np.random.default_rng(seed)
    rows = {"box": [], "box+mask": []}
    for img, H, W, gts, boxes in val_tiles(split_json, max_tiles, stride, pred.context, pred.min_crop):
        prev = [(lg, win) for win, lg, _ in pred.logits(img, boxes)]
        for f in range(frames):
            jb = [jitter_box(b, rng, sd) for b in boxes]
            rows["box"] += score_objects(pred.predict(img, jb, H, W), gts, H, W)
            out = pred.logits(img, jb, masks=prev)
            rows["box+mask"] += score_objects([paste(w, lg, ip, H, W) for w, lg, ip in out], gts, H, W)
            prev = [(lg, w) for w, lg, _ in out]
    return rows


def eval_p0003(pred, folder):
    meta = json.load(open(os.path.join(folder, "instances.json")))
    img = Image.open(os.path.join(folder, meta["image"])).convert("RGB")
    ids = np.asarray(Image.open(os.path.join(folder, meta["instance_id_mask"])).convert("RGB")).astype(np.int32)
    key = ids[..., 0] * 65536 + ids[..., 1] * 256 + ids[..., 2]
    W, H = img.size
    gts, boxes = [], []
    for ins in meta["instances"]:
        r, g, b = ins["instance_id_rgb"]
        x, y, w, h = ins["bbox"]
        sub = key[y:y + h, x:x + w] == (r * 65536 + g * 256 + b)
        bx = np.array([x, y, x + w, y + h], float)
        side = crop_window(bx, pred.context, pred.min_crop)[2]
        gts.append((ins["category"].lower(), (x, y, sub), bx, side))
        boxes.append(bx)
    return score_objects(pred.predict(img, boxes, H, W), gts, H, W)


def model_report(pred, a):
    res = {"context": a.context, "min_crop": a.min_crop, "input_size": pred.S, "mask_prompt": bool(pred.m.mask_prompt)}
    if os.path.exists(a.split):
        res["val"] = summarise(eval_val(pred, a.split, a.max_tiles, a.tile_stride))
        res["val_tiles"] = f"one validation tile in {a.tile_stride}" if a.tile_stride > 1 else "all validation tiles"
        if a.propagation and pred.m.mask_prompt:
            t = time.time()
            pr = eval_propagation(pred, a.split, a.propagation, a.prop_frames, a.prop_jitter, max_tiles=a.max_tiles)
            res["propagation"] = {k: summarise(v) for k, v in pr.items()}
            res["propagation_setup"] = (f"one validation tile in {a.propagation}; keyframe = tight box, then {a.prop_frames} frames "
                                        f"with jittered boxes (centre and size sd {a.prop_jitter}); box+mask = the model's own "
                                        f"previous low-res logits as mask_input ({time.time() - t:.0f} s)")
    if os.path.exists(a.p0003):
        res["p0003"] = summarise(eval_p0003(pred, a.p0003))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True, nargs="+", help="one or more checkpoints, evaluated on the same split")
    ap.add_argument("--names", nargs="+", default=None, help="a name per checkpoint (default: file names)")
    ap.add_argument("--split", default=os.path.join(HERE, ".cache/isaid/split.json"))
    ap.add_argument("--p0003", default=os.path.join(HERE, "../../shared/data/real/isaid-P0003"))
    ap.add_argument("--context", type=float, default=CONTEXT)
    ap.add_argument("--min-crop", type=float, default=MIN_CROP)
    ap.add_argument("--max-tiles", type=int, default=0)
    ap.add_argument("--tile-stride", type=int, default=1, help="evaluate every k-th validation tile")
    ap.add_argument("--propagation", type=int, default=0, help="mask-prompt test on every k-th validation tile (0 = off)")
    ap.add_argument("--prop-frames", type=int, default=4)
    ap.add_argument("--prop-jitter", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    names = a.names or [os.path.basename(os.path.dirname(c)) + "/" + os.path.basename(c) for c in a.ckpt]
    if len(names) != len(a.ckpt):
        raise SystemExit(f"--names: {len(names)} names for {len(a.ckpt)} checkpoints")
    t = time.time()
    res = {"models": {}}
    for name, ck in zip(names, a.ckpt):
        res["models"][name] = model_report(Predictor(ck, a.context, a.min_crop, a.threads), a)
    res["seconds"] = round(time.time() - t, 1)
    print(json.dumps(res, indent=1))
    print(comparison(res))
    if a.json:
        with open(a.json + ".tmp", "w") as f:
            json.dump(res, f, indent=1)
        os.replace(a.json + ".tmp", a.json)


def comparison(res):
    """Plain-text table: IoU per class, one column per model."""
    names = list(res["models"])
    lines = ["IoU (native resolution, tight box) | " + " | ".join(names)]
    for part in ("val", "p0003"):
        classes = sorted({c for r in res["models"].values() for c in r.get(part, {})}, key=lambda c: (c == "all", c))
        for c in classes:
            vals = [res["models"][n].get(part, {}).get(c, {}).get("iou") for n in names]
            lines.append(f"{part} {c} | " + " | ".join("-" if v is None else f"{v:.3f}" for v in vals))
    for n in names:
        pr = res["models"][n].get("propagation")
        if pr:
            for c in pr["box"]:
                lines.append(f"propagation {n} {c}: box {pr['box'][c]['iou']:.3f} -> box+mask {pr['box+mask'][c]['iou']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
