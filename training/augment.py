"""Batched on-the-fly augmentation from the pre-cut store crops (torch, CPU)."""
import math
import numpy as np
import torch
import torch.nn.functional as F

STORE = 160


def affine_grid(theta, R):
    """Same as F.affine_grid(theta, (B,C,R,R), align_corners=False), but faster on CPU."""
    b = (torch.arange(R, dtype=torch.float32) * 2 + 1) / R - 1
    gx = theta[:, 0, 0].view(-1, 1, 1) * b.view(1, 1, R) + theta[:, 0, 1].view(-1, 1, 1) * b.view(1, R, 1) + theta[:, 0, 2].view(-1, 1, 1)
    gy = theta[:, 1, 0].view(-1, 1, 1) * b.view(1, 1, R) + theta[:, 1, 1].view(-1, 1, 1) * b.view(1, R, 1) + theta[:, 1, 2].view(-1, 1, 1)
    return torch.stack([gx, gy], 3)


def _tight_boxes(m, thr=0.5):
    """m [B,H,W] -> [B,4] pixel-edge boxes (x0,y0,x1,y1); empty -> nan."""
    B, H, W = m.shape
    on = m > thr
    cols = on.any(1)
    rows = on.any(2)
    out = torch.full((B, 4), float("nan"))
    ar_w = torch.arange(W, dtype=torch.float32)
    ar_h = torch.arange(H, dtype=torch.float32)
    for i in range(B):
        if cols[i].any():
            xs = ar_w[cols[i]]
            ys = ar_h[rows[i]]
            out[i] = torch.tensor([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1])
    return out


def jitter_boxes(box, rng, native_px):
    """box [B,4] (x0,y0,x1,y1) -> tracker-like noisy boxes. native_px [B]: store px per native px."""
    B = box.shape[0]
    b = box.clone()
    w = (b[:, 2] - b[:, 0]).clamp(min=1)
    h = (b[:, 3] - b[:, 1]).clamp(min=1)
    sz = torch.stack([w, h, w, h], 1)
    sign = torch.tensor([-1.0, -1.0, 1.0, 1.0])
    mode = rng.random(B)
    noise = torch.from_numpy(rng.normal(0, 0.03, (B, 4))).float()
    d = noise * sz
    for i in range(B):
        if mode[i] < 0.30:  # near tight
            pass
        elif mode[i] < 0.55:  # shifted
            sh = torch.from_numpy(rng.normal(0, 0.07, 2)).float() * torch.stack([w[i], h[i]])
            d[i] += torch.cat([sh, sh])
        elif mode[i] < 0.75:  # loose
            d[i] += sign * torch.from_numpy(rng.uniform(0, 0.2, 4)).float() * sz[i]
        elif mode[i] < 0.85:  # tight / shrunk
            d[i] -= sign * torch.from_numpy(rng.uniform(0, 0.1, 4)).float() * sz[i]
        else:  # clipped on one side (partial occlusion / frame edge / bad tracker)
            k = rng.integers(4)
            d[i, k] -= sign[k] * rng.uniform(0.1, 0.3) * sz[i, k]
    d += torch.from_numpy(rng.normal(0, 0.5, (B, 4))).float() * native_px.view(-1, 1)
    b = b + d
    # keep ordered with >= 1 native px size
    mn = native_px
    cx = (b[:, 0] + b[:, 2]) / 2
    cy = (b[:, 1] + b[:, 3]) / 2
    ww = (b[:, 2] - b[:, 0]).clamp(min=1) * 0 + torch.maximum(b[:, 2] - b[:, 0], mn)
    hh = torch.maximum(b[:, 3] - b[:, 1], mn)
    return torch.stack([cx - ww / 2, cy - hh / 2, cx + ww / 2, cy + hh / 2], 1)


def frame_edges(tb, rng, edge):
    """Simulated frame borders for the samples where edge [B] is True: the object cut by one
    frame edge (half of them) or by a frame corner (two edges), keeping 25-105% of its extent
    along each cut axis (over 100%: touching or just inside the edge). tb [B,4] rotated-frame
    store px. Returns lo, hi [B,2]: the frame's inside is lo <= p < hi (+-inf where uncut)."""
    B = tb.shape[0]
    lo = torch.full((B, 2), -1e9)
    hi = torch.full((B, 2), 1e9)
    for i in np.nonzero(edge)[0]:
        axes = [0, 1] if rng.random() < 0.5 else [int(rng.integers(2))]
        for a in axes:
            e0, e1 = float(tb[i, a]), float(tb[i, a + 2])
            keep = rng.uniform(0.25, 1.05) * (e1 - e0)
            if rng.random() < 0.5:
                lo[i, a] = e1 - keep  # frame starts inside the object: its low side is cut off
            else:
                hi[i, a] = e0 + keep
    return lo, hi


def flat_fill(img, tgt, rng, flat_prob):
    """Textureless objects (saturated or rendered: one colour inside the outline): in flat_prob of the
    samples the object's pixels become its own mean colour x U(0.9, 1.4), blended by the mask
    coverage so the outline stays anti-aliased; half of those also get a flat background (its mean
    colour; the noise step may add grain). A model that only learnt textured interiors answers such
    objects, magnified by the crop rule, with a ring along the outline."""
    B = img.shape[0]
    flat = torch.from_numpy(rng.random(B) < flat_prob)
    if not flat.any():
        return img
    t, im = tgt[flat], img[flat]
    k = im.shape[0]
    obj = (im * t).sum((2, 3), keepdim=True) / t.sum((2, 3), keepdim=True).clamp(min=1e-3)
    obj = obj * torch.from_numpy(rng.uniform(0.9, 1.4, (k, 1, 1, 1))).float()
    bg = (im * (1 - t)).sum((2, 3), keepdim=True) / (1 - t).sum((2, 3), keepdim=True).clamp(min=1e-3)
    flat_bg = torch.from_numpy(rng.random(k) < 0.5).view(k, 1, 1, 1)
    im = torch.where(flat_bg, bg * (1 - t), im * (1 - t)) + obj * t
    img = img.clone()
    img[flat] = im
    return img


def make_batch(crops_u8, boxes, nbrs, sides, S, rng, train=True, context=2.0, min_crop=16.0, point_prob=0.3,
               edge_prob=0.0, flat_prob=0.0):
    """crops_u8: [B,160,160,4] uint8 numpy; boxes [B,4] store px (edges); nbrs [B,K,2] store px;
    sides [B] native side of the store crop. Returns img [B,3,S,S] 0..1, target [B,1,S,S] 0..1,
    coords [B,4,2], labels [B,4] in the S frame.

    edge_prob (train only): that fraction of samples is cut by a simulated frame edge or corner
    (frame_edges), as the engine sees objects entering or leaving the frame: image and mask are
    0 past the edge, the box is the visible part's, and the window is either centred on it with
    zero padding past the edge (the engine's crop rule, 70%) or shifted inside the frame (its
    ShiftInside option, 30%)."""
    B = crops_u8.shape[0]
    x = torch.from_numpy(np.ascontiguousarray(crops_u8)).permute(0, 3, 1, 2).float() / 255.0
    boxes = torch.from_numpy(boxes).float()
    nbrs = torch.from_numpy(nbrs).float()
    native_px = torch.from_numpy(STORE / sides).float()  # store px per native px
    if train:
        ang = np.where(rng.random(B) < 0.5, rng.uniform(0, 2 * math.pi, B), rng.integers(0, 4, B) * (math.pi / 2))
        flip = np.where(rng.random(B) < 0.5, -1.0, 1.0)
    else:
        ang = np.zeros(B)
        flip = np.ones(B)
    ca, sa = np.cos(ang), np.sin(ang)
    # M maps rotated-frame normalised coords p -> store normalised coords q (q = M p)
    M = torch.tensor(np.stack([np.stack([ca * flip, -sa], 1), np.stack([sa * flip, ca], 1)], 1), dtype=torch.float32)
    if train:
        th = torch.cat([M, torch.zeros(B, 2, 1)], 2)
        grid = affine_grid(th, STORE)
        mrot = F.grid_sample(x[:, 3:4], grid, mode="bilinear", padding_mode="zeros", align_corners=False)[:, 0]
        tb = _tight_boxes(mrot)
        bad = torch.isnan(tb[:, 0])
        tb[bad] = boxes[bad]
        edge = (rng.random(B) < edge_prob) & ~bad.numpy()
        lo, hi = frame_edges(tb, rng, edge)
        if edge.any():
            ar = torch.arange(STORE, dtype=torch.float32) + 0.5
            inside = (((ar.view(1, 1, -1) >= lo[:, 0].view(-1, 1, 1)) & (ar.view(1, 1, -1) < hi[:, 0].view(-1, 1, 1)))
                      & ((ar.view(1, -1, 1) >= lo[:, 1].view(-1, 1, 1)) & (ar.view(1, -1, 1) < hi[:, 1].view(-1, 1, 1))))
            cut = _tight_boxes(mrot * inside)
            gone = torch.isnan(cut[:, 0])  # nothing of the object left inside: keep it whole
            edge &= ~gone.numpy()
            lo[gone], hi[gone] = -1e9, 1e9
            tb = torch.where(torch.from_numpy(edge).view(-1, 1), cut, tb)
        jb = jitter_boxes(tb, rng, native_px)
        # a tracker's box does not reach past the frame
        jb = torch.cat([torch.maximum(jb[:, :2], lo), torch.minimum(jb[:, 2:], hi)], 1)
    else:
        tb = boxes.clone()
        jb = boxes.clone()
    # crop rule on the (jittered) box
    if train:
        c = np.where(rng.random(B) < 0.5, np.exp(rng.uniform(math.log(1.3), math.log(4.0), B)), rng.uniform(1.7, 2.4, B))
        msz = rng.uniform(12, 24, B)
    else:
        c = np.full(B, context)
        msz = np.full(B, min_crop)
    c = torch.from_numpy(c).float()
    msz = torch.from_numpy(msz).float() * native_px
    side = torch.maximum(c * torch.maximum(jb[:, 2] - jb[:, 0], jb[:, 3] - jb[:, 1]), msz)
    ctr = torch.stack([(jb[:, 0] + jb[:, 2]) / 2, (jb[:, 1] + jb[:, 3]) / 2], 1)
    if train:
        off = torch.from_numpy(rng.uniform(-0.2, 0.2, (B, 2)) * (rng.random((B, 1)) < 0.2)).float()
        ctr = ctr + off * side.view(-1, 1)
        shift = torch.from_numpy(edge & (rng.random(B) < 0.3)).view(-1, 1)
        half = side.view(-1, 1) / 2
        ctr = torch.where(shift, torch.minimum(torch.maximum(ctr, lo + half), hi - half), ctr)
    s = side / STORE  # in normalised units: half-extent of crop = s
    c0 = ctr / (STORE / 2) - 1  # crop centre, rotated-frame normalised
    A = M * s.view(-1, 1, 1)
    t = torch.bmm(M, c0.unsqueeze(-1))
    theta = torch.cat([A, t], 2)
    R = 2 * S
    grid = affine_grid(theta, R)
    smp = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    inside_out = None
    if train and edge.any():
        # output cell centres in the rotated frame (store px): p = s * b + c0 in normalised units
        b = (torch.arange(R, dtype=torch.float32) * 2 + 1) / R - 1
        px = ((s.view(-1, 1) * b.view(1, -1) + c0[:, 0:1]) + 1) * (STORE / 2)  # [B,R]
        py = ((s.view(-1, 1) * b.view(1, -1) + c0[:, 1:2]) + 1) * (STORE / 2)
        ins = (((px >= lo[:, 0:1]) & (px < hi[:, 0:1])).view(B, 1, 1, R)
               & ((py >= lo[:, 1:2]) & (py < hi[:, 1:2])).view(B, 1, R, 1)).float()
        smp = smp * ins
        inside_out = F.avg_pool2d(ins, 2)
    out = F.avg_pool2d(smp, 2)
    img, tgt = out[:, :3], out[:, 3:4]

    def to_out(p):  # rotated-frame store px [...,2] -> output S px
        pn = p / (STORE / 2) - 1
        return ((pn - c0.view(-1, *([1] * (p.dim() - 2)), 2)) / s.view(-1, *([1] * (p.dim() - 1))) + 1) * (S / 2)

    box_out = torch.cat([to_out(jb[:, 0:2].unsqueeze(1)), to_out(jb[:, 2:4].unsqueeze(1))], 1)  # [B,2,2]
    coords = torch.zeros(B, 4, 2)
    labels = torch.full((B, 4), -1.0)
    coords[:, 0:2] = box_out
    labels[:, 0] = 2
    labels[:, 1] = 3
    if train:
        # neighbours: store -> rotated frame: p = M^-1 q (normalised)
        qn = nbrs / (STORE / 2) - 1
        pn = torch.einsum("bij,bkj->bki", M.transpose(1, 2), qn)
        nb_out = ((pn - c0.unsqueeze(1)) / s.view(-1, 1, 1) + 1) * (S / 2)
        valid = (nbrs[:, :, 0] > -1e3) & (nb_out >= 0).all(2) & (nb_out < S).all(2)
        tflat = tgt.view(B, -1)
        bo = box_out.view(B, 4)
        gy, gx = torch.meshgrid(torch.arange(S, dtype=torch.float32) + 0.5, torch.arange(S, dtype=torch.float32) + 0.5, indexing="ij")
        gx, gy = gx.reshape(-1), gy.reshape(-1)
        for i in range(B):
            slot = 2
            if rng.random() < point_prob * 0.5:  # positive points
                cand = torch.nonzero(tflat[i] > 0.5)[:, 0]
                if len(cand):
                    for _ in range(rng.integers(1, 3)):
                        j = cand[rng.integers(len(cand))]
                        coords[i, slot] = torch.tensor([gx[j], gy[j]]) + torch.from_numpy(rng.uniform(-0.5, 0.5, 2)).float()
                        labels[i, slot] = 1
                        slot += 1
            if slot < 4 and rng.random() < point_prob * 0.5:  # one negative point
                vi = torch.nonzero(valid[i])[:, 0]
                if len(vi) and rng.random() < 0.6:
                    coords[i, slot] = nb_out[i, vi[rng.integers(len(vi))]]
                    labels[i, slot] = 0
                else:
                    inbox = (gx >= bo[i, 0]) & (gx <= bo[i, 2]) & (gy >= bo[i, 1]) & (gy <= bo[i, 3])
                    cand = torch.nonzero(inbox & (tflat[i] < 0.1))[:, 0]
                    if len(cand):
                        j = cand[rng.integers(len(cand))]
                        coords[i, slot] = torch.tensor([gx[j], gy[j]])
                        labels[i, slot] = 0
        # photometric
        br = torch.from_numpy(rng.normal(0, 0.06, (B, 1, 1, 1))).float()
        ct = torch.from_numpy(rng.uniform(0.75, 1.3, (B, 1, 1, 1))).float()
        mu = img.mean((1, 2, 3), keepdim=True)
        img = (img - mu) * ct + mu + br
        img = flat_fill(img, tgt, rng, flat_prob)
        gray = torch.from_numpy(rng.random(B) < 0.1)
        if gray.any():
            img[gray] = img[gray].mean(1, keepdim=True).expand(-1, 3, -1, -1)
        cj = torch.from_numpy(rng.uniform(0.92, 1.08, (B, 3, 1, 1))).float()
        img = img * cj
        blur = torch.from_numpy(rng.random(B) < 0.15)
        if blur.any():
            k = torch.tensor([1.0, 2.0, 1.0])
            k = (k[:, None] * k[None, :] / 16).view(1, 1, 3, 3).repeat(3, 1, 1, 1)
            img[blur] = F.conv2d(F.pad(img[blur], (1, 1, 1, 1), mode="replicate"), k, groups=3)
        low = torch.from_numpy(rng.random(B) < 0.15)
        if low.any():
            img[low] = F.interpolate(F.avg_pool2d(img[low], 2), scale_factor=2.0, mode="bilinear", align_corners=False)
        ns = torch.from_numpy(rng.uniform(0, 0.03, (B, 1, 1, 1)) * (rng.random((B, 1, 1, 1)) < 0.5)).float()
        img = img + torch.randn_like(img) * ns
        if inside_out is not None:
            img = img * inside_out  # the engine's zero padding is exactly 0 past the frame, whatever the photometry
        img = img.clamp(0, 1)
    return img, tgt, coords, labels


# Logit the engine writes where the previous crop window has no data (MaskLogits.Outside in C#).
OUTSIDE_LOGIT = -20.0


def previous_mask_logits(tgt, rng, p_has=0.5):
    """A stand-in for the engine's mask prompt: the previous frame's low-res logits of the same
    object, resampled into the current crop (SamSegmenter + MaskLogits.ResampleTo in C#).

    tgt [B,1,S,S] target coverage of the current crop. Per sample, with probability p_has
    (else has = 0 and mask_input = 0, as the engine sends when a track has no previous mask):
    the target moved by tracking-like jitter (shift ~ N(0, 3%) of the crop, 25% of samples
    N(0, 8%); scale x exp(N(0, 0.06)); rotation N(0, 4 deg)), then degraded like a model's own
    mask (dilated / eroded by 1 px, blurred), turned into logits k (2m - 1) with k ~ U(2, 10) plus
    noise; 25% get a band of OUTSIDE_LOGIT on one side (the previous window did not cover it);
    5% are an empty mask (a lost object). Returns mask_input [B,1,S,S], has_mask_input [B]."""
    B, _, S, _ = tgt.shape
    has = torch.from_numpy((rng.random(B) < p_has).astype(np.float32))
    ang = rng.normal(0, math.radians(4), B)
    sc = np.exp(rng.normal(0, 0.06, B))
    sh = rng.normal(0, 0.06, (B, 2)) * np.where(rng.random((B, 1)) < 0.25, 2.7, 1.0)  # normalised units (crop = 2)
    ca, sa = np.cos(ang) / sc, np.sin(ang) / sc
    theta = torch.tensor(np.stack([np.stack([ca, -sa, sh[:, 0]], 1), np.stack([sa, ca, sh[:, 1]], 1)], 1), dtype=torch.float32)
    m = F.grid_sample(tgt, affine_grid(theta, S), mode="bilinear", padding_mode="zeros", align_corners=False)
    mode = rng.random(B)
    dil = torch.from_numpy(mode < 0.25).view(B, 1, 1, 1)
    ero = torch.from_numpy((mode >= 0.25) & (mode < 0.45)).view(B, 1, 1, 1)
    m = torch.where(dil, F.max_pool2d(m, 3, 1, 1), m)
    m = torch.where(ero, -F.max_pool2d(-m, 3, 1, 1), m)
    blur = torch.from_numpy(rng.random(B) < 0.4).view(B, 1, 1, 1)
    m = torch.where(blur, F.avg_pool2d(F.pad(m, (1, 1, 1, 1), mode="replicate"), 3, 1), m)
    k = torch.from_numpy(rng.uniform(2, 10, (B, 1, 1, 1))).float()
    lg = k * (2 * m - 1) + torch.randn_like(m) * k * 0.15
    lost = torch.from_numpy(rng.random(B) < 0.05).view(B, 1, 1, 1)
    lg = torch.where(lost, -k.expand_as(lg), lg)
    band = rng.random(B) < 0.25
    for i in np.nonzero(band)[0]:
        w = int(rng.integers(1, max(2, S // 5)))
        side = rng.integers(4)
        if side == 0: lg[i, :, :, :w] = OUTSIDE_LOGIT
        elif side == 1: lg[i, :, :, S - w:] = OUTSIDE_LOGIT
        elif side == 2: lg[i, :, :w, :] = OUTSIDE_LOGIT
        else: lg[i, :, S - w:, :] = OUTSIDE_LOGIT
    return lg * has.view(B, 1, 1, 1), has
