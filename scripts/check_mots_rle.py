#!/usr/bin/env python3
"""Decodes every mask of a MOTS txt file with an independent, line-by-line Python port of
pycocotools' rleFrString / rleDecode (maskApi.c) and checks what TrackEval would: run lengths sum
to h*w, and the masks of one frame never overlap. Prints the number of masks and their total area.

Usage: scripts/check_mots_rle.py out/demo/tracks.mots.txt
"""
import sys


def rle_from_string(s, h, w):
    # maskApi.c rleFrString: 5-bit groups, least significant first, 0x20 = more, 0x10 = sign.
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    if sum(counts) != h * w or any(c < 0 for c in counts):
        raise ValueError(f"runs sum to {sum(counts)}, expected {h}x{w}")
    return counts


def decode(counts):
    # Column-major flat indices of the set pixels (odd runs).
    pos, pixels = 0, set()
    for i, c in enumerate(counts):
        if i % 2 == 1:
            pixels.update(range(pos, pos + c))
        pos += c
    return pixels


def main(path):
    by_frame, masks, area = {}, 0, 0
    for n, line in enumerate(open(path), 1):
        if not line.strip():
            continue
        t, obj, cls, h, w, rle = line.split(" ")
        pixels = decode(rle_from_string(rle.strip(), int(h), int(w)))
        seen = by_frame.setdefault(int(t), set())
        if seen & pixels:
            raise SystemExit(f"{path}:{n}: object {obj} overlaps another mask of frame {t}")
        seen |= pixels
        masks += 1
        area += len(pixels)
    print(f"{path}: {masks} masks in {len(by_frame)} frames decode; total area {area} px; no overlaps")


if __name__ == "__main__":
    main(sys.argv[1])
