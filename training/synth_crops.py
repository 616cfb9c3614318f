"""Crop cache of synthetic objects from videos rendered by the project's own generator,
`satvidseg synth` (video.mp4 + gt.mots.txt with exact masks): trains (the only source of trains:
iSAID has none) and, for crisp rendered shapes, airplanes, ships and cars.

Every --every-th frame of each video is decoded (the H.264 frames the engine will see, not the
clean render), each visible object of --classes (MOTS class ids: 1 airplane, 2 ship, 3 train,
4 car) is cut exactly like prepare_crops.py cuts iSAID objects (objects cut by the frame edge
included, zero padded past it) and stored with a synthetic class id of its own (SYNTH_IDS: trains
100, airplanes 101, ships 102, cars 104), so train.py samples and validates each apart from the
real classes. The last --val-videos folders form the validation split. Never use the evaluation
sample (videos/synth-sample, seed 1) here.

  for s in 101 102 103 104 105 106; do satvidseg synth --seed $s --width 960 --height 720 \\
      --frames 40 --trains 8 --airplanes 2 --ships 2 --cars 4 --out training/.cache/synthvid/s$s; done
  /usr/bin/python3 training/synth_crops.py --videos training/.cache/synthvid/s1* --name synth
"""
import argparse, json, os, sys, time
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prepare_crops import cut_store_crop, write_cache
from common import mask_box

# MOTS class id -> cache class id (train.py's CLASS_WEIGHTS / CLASS_NAMES); 100 = trains as in v2's cache
SYNTH_IDS = {3: 100, 1: 101, 2: 102, 4: 104}


def rle_decode(counts, h, w):
    """COCO compressed RLE string (FORMATS.md 3) -> bool [h, w] (column-major runs)."""
    cnts, p, i = [], 0, 0
    s = counts.encode() if isinstance(counts, str) else counts
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = s[p] - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if i > 2:
            x += cnts[i - 2]
        cnts.append(x)
        i += 1
    flat = np.zeros(h * w, bool)
    pos, val = 0, False
    for n in cnts:
        if val:
            flat[pos:pos + n] = True
        pos += n
        val = not val
    return flat.reshape(w, h).T


def read_mots(path):
    """frame (1-based) -> list of (obj_id, class_id, h, w, rle)."""
    out = {}
    for line in open(path):
        v = line.split()
        if len(v) < 6:
            continue
        out.setdefault(int(v[0]), []).append((int(v[1]), int(v[2]), int(v[3]), int(v[4]), v[5]))
    return out


def video_items(folder, every, classes):
    import cv2
    mots = read_mots(os.path.join(folder, "gt.mots.txt"))
    cap = cv2.VideoCapture(os.path.join(folder, "video.mp4"))
    items, f = [], 0
    while True:
        ok, bgr = cap.read()
        if not ok:
            break
        f += 1
        if (f - 1) % every or f not in mots:
            continue
        img = Image.fromarray(bgr[:, :, ::-1].copy())
        objs = [(oid, c, rle_decode(r, h, w)) for oid, c, h, w, r in mots[f]]
        boxes = [mask_box(m) for _, _, m in objs]
        keep = [k for k, b in enumerate(boxes) if b is not None]
        centres = np.array([[(boxes[k][0] + boxes[k][2]) / 2, (boxes[k][1] + boxes[k][3]) / 2] for k in keep])
        for j, k in enumerate(keep):
            oid, c, m = objs[k]
            if c not in classes:
                continue
            H, W = m.shape

            def msk_fn(x0, y0, L, m=m):
                out = np.zeros((L, L), bool)
                xs, ys = max(x0, 0), max(y0, 0)
                xe, ye = min(x0 + L, W), min(y0 + L, H)
                if xe > xs and ye > ys:
                    out[ys - y0:ye - y0, xs - x0:xe - x0] = m[ys:ye, xs:xe]
                return out
            it = cut_store_crop(img, msk_fn, boxes[k], centres, j, SYNTH_IDS[c], f"{os.path.basename(folder)}_{f}_{oid}")
            if it is not None:
                items.append(it)
    cap.release()
    return items


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--videos", nargs="+", required=True, help="satvidseg synth output folders")
    ap.add_argument("--name", default="synth")
    ap.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache"))
    ap.add_argument("--every", type=int, default=3, help="use every k-th frame")
    ap.add_argument("--classes", type=int, nargs="+", default=[3], help="MOTS class ids to keep (1 airplane, 2 ship, 3 train, 4 car)")
    ap.add_argument("--val-videos", type=int, default=1)
    a = ap.parse_args(argv)
    t = time.time()
    vids = sorted(a.videos)
    if len(vids) <= a.val_videos:
        raise SystemExit(f"need more than --val-videos {a.val_videos} folders, got {len(vids)}")
    base = os.path.join(a.cache, a.name)
    split = {"train": vids[:-a.val_videos], "val": vids[-a.val_videos:]}
    for part, folders in split.items():
        items = [it for v in folders for it in video_items(v, a.every, set(a.classes))]
        write_cache(items, os.path.join(base, part))
        print(part, len(items), "crops from", len(folders), "videos", flush=True)
    json.dump({k: [os.path.abspath(v) for v in vs] for k, vs in split.items()}, open(os.path.join(base, "split.json"), "w"))
    print("%.0fs" % (time.time() - t))


if __name__ == "__main__":
    main()
