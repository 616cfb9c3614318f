"""Pre-cut object crops once into a uint8 cache (training/.cache/<name>/).

Each crop: square window of side L = max(STORE_CTX * max(w,h), STORE_MIN) native px centred on the
object's tight box, zero padded past the tile edge, resized to STORE px: channels RGB + mask
coverage (0..255, area-averaged native polygon raster). Augmentation (train.py) re-crops from it.

Source layout (iSAID-512 style, also what synthetic data must be exported as):
  <src>/images/<stem>.jpg|png, <src>/labels/<stem>.txt  ("class x1 y1 ... xn yn", integer px)
Usage: /usr/bin/python3 training/prepare_crops.py --src ../shared/data/train/isaid-512 --name isaid
"""
import argparse, json, os, sys, time
from multiprocessing import Pool
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TARGET_CLASSES, list_tiles, split_tiles, read_labels, find_image, raster_poly, mask_box

STORE = 160
STORE_CTX = 4.0
STORE_MIN = 48
NNBR = 6


def process_tile(args):
    src, stem, cap = args
    labels = read_labels(os.path.join(src, "labels", stem + ".txt"))
    if not labels:
        return []
    img = Image.open(find_image(src, stem)).convert("RGB")
    W, H = img.size
    boxes, polys = [], []
    for c, p in labels:
        boxes.append(np.array([p[:, 0].min(), p[:, 1].min(), p[:, 0].max() + 1, p[:, 1].max() + 1]))
        polys.append((c, p))
    centres = np.array([[(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] for b in boxes])
    out = []
    for i, (c, p) in enumerate(polys):
        if c not in TARGET_CLASSES:
            continue
        b0 = boxes[i]
        m = max(b0[2] - b0[0], b0[3] - b0[1])
        L = int(np.ceil(max(STORE_CTX * m, STORE_MIN)))
        cx, cy = (b0[0] + b0[2]) / 2, (b0[1] + b0[3]) / 2
        x0, y0 = int(np.floor(cx - L / 2)), int(np.floor(cy - L / 2))
        msk = raster_poly(p, x0, y0, L, L)
        tb = mask_box(msk)
        if tb is None:
            continue
        # clip mask to the tile (polygons are clipped already, but be safe)
        im = img.crop((x0, y0, x0 + L, y0 + L))
        mk = Image.fromarray(msk.astype(np.uint8) * 255)
        if L != STORE:
            im = im.resize((STORE, STORE), Image.BICUBIC)
            mk = mk.resize((STORE, STORE), Image.BOX)
        arr = np.concatenate([np.asarray(im), np.asarray(mk)[:, :, None]], axis=2)
        sc = STORE / L
        box = tb * sc  # tight box (pixel edges) in store px
        d = np.hypot(centres[:, 0] - cx, centres[:, 1] - cy)
        d[i] = 1e9
        order = np.argsort(d)[:NNBR]
        nb = np.full((NNBR, 2), -1e4, np.float32)
        k = 0
        for j in order:
            if d[j] < L * 0.75:
                nb[k] = (centres[j] - [x0, y0]) * sc
                k += 1
        out.append((arr, c, box.astype(np.float32), nb, float(L), stem))
    return out


def build(src, stems, outdir, cap_small, seed):
    os.makedirs(outdir, exist_ok=True)
    t = time.time()
    with Pool(2) as pool:
        res = pool.map(process_tile, [(src, s, 0) for s in stems], chunksize=8)
    items = [it for r in res for it in r]
    rng = np.random.default_rng(seed)
    if cap_small:
        sv = [i for i, it in enumerate(items) if it[1] == 0]
        if len(sv) > cap_small:
            drop = set(rng.choice(sv, len(sv) - cap_small, replace=False).tolist())
            items = [it for i, it in enumerate(items) if i not in drop]
    write_cache(items, outdir)
    counts = {TARGET_CLASSES[c]: int(sum(1 for it in items if it[1] == c)) for c in TARGET_CLASSES}
    print(outdir, len(items), counts, "%.0fs" % (time.time() - t), flush=True)


def write_cache(items, outdir):
    """items: (crop [STORE,STORE,4] uint8, class, tight box, neighbours, native side, tile name)."""
    os.makedirs(outdir, exist_ok=True)
    n = len(items)
    arr = np.lib.format.open_memmap(os.path.join(outdir, "crops.npy"), mode="w+", dtype=np.uint8, shape=(n, STORE, STORE, 4))
    for i, it in enumerate(items):
        arr[i] = it[0]
    arr.flush()
    np.savez(os.path.join(outdir, "meta.npz"), cls=np.array([it[1] for it in items], np.int16),
             box=np.stack([it[2] for it in items]), nbr=np.stack([it[3] for it in items]),
             side=np.array([it[4] for it in items], np.float32), tile=np.array([it[5] for it in items]))


def cut_store_crop(img, msk_fn, b0, centres, i, cls, name):
    """One cache item for object i with tight box b0 (pixel edges), the way process_tile cuts it;
    msk_fn(x0, y0, L) returns the object's bool mask over the L x L window at (x0, y0)."""
    m = max(b0[2] - b0[0], b0[3] - b0[1])
    L = int(np.ceil(max(STORE_CTX * m, STORE_MIN)))
    cx, cy = (b0[0] + b0[2]) / 2, (b0[1] + b0[3]) / 2
    x0, y0 = int(np.floor(cx - L / 2)), int(np.floor(cy - L / 2))
    msk = msk_fn(x0, y0, L)
    tb = mask_box(msk)
    if tb is None:
        return None
    im = img.crop((x0, y0, x0 + L, y0 + L))
    mk = Image.fromarray(msk.astype(np.uint8) * 255)
    if L != STORE:
        im = im.resize((STORE, STORE), Image.BICUBIC)
        mk = mk.resize((STORE, STORE), Image.BOX)
    arr = np.concatenate([np.asarray(im), np.asarray(mk)[:, :, None]], axis=2)
    sc = STORE / L
    d = np.hypot(centres[:, 0] - cx, centres[:, 1] - cy)
    d[i] = 1e9
    nb = np.full((NNBR, 2), -1e4, np.float32)
    k = 0
    for j in np.argsort(d)[:NNBR]:
        if d[j] < L * 0.75:
            nb[k] = (centres[j] - [x0, y0]) * sc
            k += 1
    return (arr, cls, (tb * sc).astype(np.float32), nb, float(L), name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "../../shared/data/train/isaid-512"))
    ap.add_argument("--name", default="isaid")
    ap.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache"))
    ap.add_argument("--cap-small", type=int, default=16000, help="max small vehicles kept in the train split")
    ap.add_argument("--val-frac", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-tiles", type=int, default=0)
    a = ap.parse_args()
    stems = list_tiles(a.src)
    if a.max_tiles:
        stems = stems[: a.max_tiles]
    tr, va = split_tiles(stems, a.seed, a.val_frac)
    base = os.path.join(a.cache, a.name)
    os.makedirs(base, exist_ok=True)
    json.dump({"src": os.path.abspath(a.src), "train": tr, "val": va, "seed": a.seed}, open(os.path.join(base, "split.json"), "w"))
    build(a.src, va, os.path.join(base, "val"), 0, a.seed)
    build(a.src, tr, os.path.join(base, "train"), a.cap_small, a.seed)


if __name__ == "__main__":
    main()
