"""Shared helpers: dataset reading, split, rasterisation, crop rule (used by prep, train, eval)."""
import json, os, random
import numpy as np
from PIL import Image, ImageDraw

TARGET_CLASSES = {7: "plane", 9: "ship", 0: "small_vehicle", 1: "large_vehicle", 6: "helicopter"}
PIXEL_MEAN = (123.675, 116.28, 103.53)
PIXEL_STD = (58.395, 57.12, 57.375)

# Inference crop rule (written into model.json; the C# engine must use the same):
# square crop centred on the box centre, side = max(CONTEXT * max(w, h), MIN_CROP) native px,
# NOT shifted inside the frame (zero padding past the edges), resized (bicubic) to S x S.
CONTEXT = 1.6
MIN_CROP = 16.0


def list_tiles(src):
    return sorted(f[:-4] for f in os.listdir(os.path.join(src, "labels")) if f.endswith(".txt"))


def split_tiles(stems, seed=0, val_frac=0.1):
    s = list(stems)
    random.Random(seed).shuffle(s)
    nval = int(round(len(s) * val_frac))
    return sorted(s[nval:]), sorted(s[:nval])


def poly_area(p):
    x, y = p[:, 0], p[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def read_labels(path):
    out = []
    with open(path) as f:
        for line in f:
            v = line.split()
            if len(v) < 7:
                continue
            c = int(v[0])
            p = np.array(v[1:], dtype=np.float64).reshape(-1, 2)
            if poly_area(p) < 1.0:
                continue
            out.append((c, p))
    return out


def find_image(src, stem):
    for ext in (".jpg", ".png", ".jpeg"):
        p = os.path.join(src, "images", stem + ext)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(stem)


def raster_poly(p, x0, y0, w, h):
    """Rasterise polygon p (native px, PIL convention: integer vertex = pixel centre, boundary
    pixels included) into a w x h window whose top-left is (x0, y0). Returns bool array."""
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).polygon([(float(a - x0), float(b - y0)) for a, b in p], fill=1, outline=1)
    return np.asarray(im, dtype=bool)


def mask_box(m):
    """Tight box in pixel-EDGE convention [x0,y0,x1,y1] (x1 = last col + 1)."""
    ys, xs = np.nonzero(m)
    if len(xs) == 0:
        return None
    return np.array([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], dtype=np.float64)


def crop_window(box, context=CONTEXT, min_crop=MIN_CROP):
    """Inference crop rule: integer square window (cx0, cy0, side) centred on the box centre,
    side = round(max(context * max(w, h), min_crop)); not shifted inside the frame."""
    x0, y0, x1, y1 = box
    side = int(round(max(context * max(x1 - x0, y1 - y0), min_crop)))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return int(np.floor(cx - side / 2 + 0.5)), int(np.floor(cy - side / 2 + 0.5)), side


def cut_crop(img, cx0, cy0, side, out, resample=Image.BICUBIC):
    """Cut the integer square window (zero padded past the edges) of a PIL image and resize it
    to out x out (PIL resize: antialiased when shrinking)."""
    c = img.crop((cx0, cy0, cx0 + side, cy0 + side))
    return c if side == out else c.resize((out, out), resample)
