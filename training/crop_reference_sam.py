"""Torch reference of the engine's ROS-SAM crop pipeline, for tests: the masks `satvidseg
segment` must reproduce for an exported checkpoint, computed without ONNX or C#.

For each box: a square window (fixed: side = S / upsample; adaptive: side = context x the box's
longer side, at least min-side), left = floor(cx - side/2 + 0.5), zero-padded past the frame;
the crop resized to S x S (OpenCV bicubic when enlarging, area when shrinking, as the engine);
SAM's normalisation; the box clipped to the window and scaled by S/side; SamPredictor's
box-only prompt (model.predict_box); the low-res logits resized bilinearly to the window and
kept where > 0, clipped to the frame.

  /usr/bin/python3 training/crop_reference_sam.py --checkpoint ckpt.pth --job job.json --out DIR
job.json: {"crop": "fixed"|"adaptive", "upsample": 2, "context": 2.0, "minSide": 16,
           "frameSize": [W, H] (optional: frames are cut or zero-padded to it, top-left anchored),
           "frames": [{"image": "a.png", "boxes": [[x0, y0, x1, y1], ...]}, ...]}
Writes DIR/<frame index>_<box index>.png, 255 inside the mask, and <...>_near.png, 255 where
the logit is within NEAR_THRESHOLD of the threshold. Random test weights give low, smooth logits
(|logit| < 0.5), and Debian's OpenCV 4.6 (here) and the engine's 4.13 resize bicubic crops one
grey level apart on ~3% of values (measured on a Jilin-1 car crop): pixels whose logit is that
close to the threshold may flip.
"""
import argparse, json, os, sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import crop_window  # noqa: E402
from sam import load_checkpoint  # noqa: E402

NEAR_THRESHOLD = 2e-2


def window_for(box, job, s):
    """The engine's crop rule (common.crop_window, shared with training): adaptive, or ROS-SAM's
    fixed side S / upsample (a context of 0 leaves the minimum side as the side)."""
    if job["crop"] == "adaptive":
        return crop_window(box, job.get("context", 2.0), job.get("minSide", 16))
    return crop_window(box, 0, max(1, int(round(s / job.get("upsample", 2)))))


def crop(frame, x, y, side):
    h, w = frame.shape[:2]
    out = np.zeros((side, side, 3), np.uint8)
    fx0, fy0, fx1, fy1 = max(x, 0), max(y, 0), min(x + side, w), min(y + side, h)
    if fx1 > fx0 and fy1 > fy0:
        out[fy0 - y:fy1 - y, fx0 - x:fx1 - x] = frame[fy0:fy1, fx0:fx1]
    return out


def fit(frame, size):
    """Top-left anchored cut or zero-pad to (W, H), as the engine's AnchorTopLeft size policy."""
    if size is None:
        return frame
    w, h = size
    out = np.zeros((h, w, 3), np.uint8)
    hh, ww = min(h, frame.shape[0]), min(w, frame.shape[1])
    out[:hh, :ww] = frame[:hh, :ww]
    return out


@torch.no_grad()
def segment(sam, frame_bgr, box, job):
    s = sam.image_encoder.img_size
    x, y, side = window_for(box, job, s)
    interpolation = cv2.INTER_AREA if side > s else cv2.INTER_CUBIC
    resized = cv2.resize(crop(frame_bgr, x, y, side), (s, s), interpolation=interpolation)
    rgb = torch.from_numpy(resized[:, :, ::-1].copy()).permute(2, 0, 1).float()[None]
    embedding, early = sam.encode(sam.normalize(rgb))
    x0, y0, x1, y1 = [min(max(v, lo), lo + side) for v, lo in zip(box, (x, y, x, y))]
    scale = s / side
    prompt = torch.tensor([[(x0 - x) * scale, (y0 - y) * scale, (x1 - x) * scale, (y1 - y) * scale]], dtype=torch.float32)
    low, _ = sam.predict_box(embedding, early, prompt)
    logits = F.interpolate(low, size=(side, side), mode="bilinear", align_corners=False)[0, 0].numpy()
    h, w = frame_bgr.shape[:2]
    mask, near = np.zeros((h, w), np.uint8), np.zeros((h, w), np.uint8)
    fx0, fy0, fx1, fy1 = max(x, 0), max(y, 0), min(x + side, w), min(y + side, h)
    if fx1 > fx0 and fy1 > fy0:
        inside = logits[fy0 - y:fy1 - y, fx0 - x:fx1 - x] - sam.mask_threshold
        mask[fy0:fy1, fx0:fx1] = np.where(inside > 0, 255, 0)
        near[fy0:fy1, fx0:fx1] = np.where(np.abs(inside) < NEAR_THRESHOLD, 255, 0)
    return mask, near


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--job", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    torch.set_num_threads(2)
    sam = load_checkpoint(a.checkpoint)
    job = json.load(open(a.job))
    os.makedirs(a.out, exist_ok=True)
    for i, item in enumerate(job["frames"]):
        frame = cv2.imread(item["image"], cv2.IMREAD_COLOR)
        if frame is None:
            sys.exit(f"error: {item['image']}: cannot read the image")
        frame = fit(frame, job.get("frameSize"))
        for k, box in enumerate(item["boxes"]):
            mask, near = segment(sam, frame, box, job)
            cv2.imwrite(os.path.join(a.out, f"{i}_{k}.png"), mask)
            cv2.imwrite(os.path.join(a.out, f"{i}_{k}_near.png"), near)


if __name__ == "__main__":
    main()
