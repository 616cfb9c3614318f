"""sat-unet: a small promptable segmenter that meets the SAM ONNX contract.

Encoder (prompt-free): normalised RGB [B,3,S,S] -> multi-scale features
  interm_embeddings_0: stride 1  (c1 ch, S x S)
  interm_embeddings_1: stride 2  (c2 ch)
  image_embeddings:    stride 4  (c3 ch, h = S/4, so the low-res mask 4h = S = full crop res)
  interm_embeddings_2: stride 8  (c4 ch)
  interm_embeddings_3: stride 16 (c5 ch)
Decoder: rasterises the box (labels 2/3) as an area-coverage map and the positive / negative
points (labels 1 / 0) as gaussian blobs, inside the graph, then runs a prompt-conditioned U-Net
decoder from stride 16 up to stride 1, fusing the prompt maps at every scale (the box is the
decoder's own early-fusion input). Outputs low-res logits at S x S, an IoU estimate, and masks
bilinearly resized to orig_im_size.

Mask prompt (mask_prompt=True): two more prompt maps, sigmoid(mask_input) * has_mask_input and
has_mask_input itself (constant over the crop), fused like the box at every scale. mask_input is
what the engine offers: the track's previous low-res logits [B,1,S,S] (the contract's 4h x 4w
= S x S here, the whole crop) resampled into the current crop window, -20 outside the previous
window; with has_mask_input = 0 both maps are exactly zero, so the decoder sees only the box.
"""
import math, sys
import torch
import torch.nn as nn
import torch.nn.functional as F


def cbr(ci, co, s=1):
    return nn.Sequential(nn.Conv2d(ci, co, 3, s, 1, bias=False), nn.BatchNorm2d(co), nn.ReLU(inplace=True))


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = nn.Conv2d(c, c, 3, 1, 1, bias=False)
        self.an = nn.BatchNorm2d(c)
        self.b = nn.Conv2d(c, c, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        y = F.relu(self.an(self.a(x)), inplace=True)
        return F.relu(x + self.bn(self.b(y)), inplace=True)


class Encoder(nn.Module):
    def __init__(self, w=(16, 32, 64, 96, 160), nres=(0, 1, 1, 2, 2)):
        super().__init__()
        self.w = w
        self.s1 = nn.Sequential(cbr(3, w[0]), cbr(w[0], w[0]), *[Res(w[0]) for _ in range(nres[0])])
        stages = []
        for i in range(1, 5):
            stages.append(nn.Sequential(cbr(w[i - 1], w[i], 2), *[Res(w[i]) for _ in range(nres[i])]))
        self.stages = nn.ModuleList(stages)

    def forward(self, x):
        f1 = self.s1(x)
        f2 = self.stages[0](f1)
        f4 = self.stages[1](f2)
        f8 = self.stages[2](f4)
        f16 = self.stages[3](f8)
        return f4, f1, f2, f8, f16  # image_embeddings, interm_0..3


class Fuse(nn.Module):
    """concat(upsampled decoder, skip, prompt maps) -> conv -> residual block"""

    def __init__(self, cin, co, nres=1):
        super().__init__()
        self.c = cbr(cin, co)
        self.r = nn.Sequential(*[Res(co) for _ in range(nres)])

    def forward(self, *xs):
        return self.r(self.c(torch.cat(xs, 1)))


class PromptDecoder(nn.Module):
    NP = 3  # prompt channels: box coverage, positive blobs, negative blobs (+2 with the mask prompt)

    def __init__(self, w=(16, 32, 64, 96, 160), d=(16, 24, 64, 96, 128), sigma=2.0, dres=(2, 2, 1), mask_prompt=False):
        super().__init__()
        P = self.NP + (2 if mask_prompt else 0)
        self.P = P
        self.mask_prompt = mask_prompt
        self.sigma = sigma
        self.f16 = nn.Sequential(cbr(w[4] + P, d[4]), *[Res(d[4]) for _ in range(dres[0])])
        self.f8 = Fuse(d[4] + w[3] + P, d[3], dres[1])
        self.f4 = Fuse(d[3] + w[2] + P, d[2], dres[2])
        self.f2 = Fuse(d[2] + w[1] + P, d[1], 0)
        self.f1 = Fuse(d[1] + w[0] + P, d[0], 0)
        self.head = nn.Conv2d(d[0], 1, 1)
        self.iou = nn.Sequential(nn.Linear(d[4] + d[0] + 2, 64), nn.ReLU(inplace=True), nn.Linear(64, 1))

    def prompt_maps(self, coords, labels, S: int):
        """coords [B,N,2] (x,y in the S x S frame, pixel j spans [j, j+1)), labels [B,N]."""
        B = coords.shape[0]
        lab = labels.unsqueeze(-1)
        is_tl = (lab == 2).to(coords.dtype)
        is_br = (lab == 3).to(coords.dtype)
        ntl = is_tl.sum(1)
        nbr = is_br.sum(1)
        tl = (coords * is_tl).sum(1) / ntl.clamp(min=1.0)
        br = (coords * is_br).sum(1) / nbr.clamp(min=1.0)
        has = ((ntl > 0) & (nbr > 0)).to(coords.dtype)  # [B,1]
        full = torch.tensor([float(S)], dtype=coords.dtype)
        x0 = tl[:, 0:1] * has
        y0 = tl[:, 1:2] * has
        x1 = br[:, 0:1] * has + full * (1 - has)
        y1 = br[:, 1:2] * has + full * (1 - has)
        g = torch.arange(S, dtype=coords.dtype).unsqueeze(0)  # pixel j covers [j, j+1)
        cx = (torch.minimum(g + 1, x1) - torch.maximum(g, x0)).clamp(0, 1)  # [B,S]
        cy = (torch.minimum(g + 1, y1) - torch.maximum(g, y0)).clamp(0, 1)
        box = cy.unsqueeze(2) * cx.unsqueeze(1)  # [B,S,S]
        # point blobs
        c = g + 0.5
        dx = (c.view(1, 1, 1, S) - coords[:, :, 0].unsqueeze(-1).unsqueeze(-1)) ** 2  # [B,N,1,S]
        dy = (c.view(1, 1, S, 1) - coords[:, :, 1].unsqueeze(-1).unsqueeze(-1)) ** 2  # [B,N,S,1]
        gauss = torch.exp(-(dx + dy) / (2 * self.sigma ** 2))  # [B,N,S,S]
        pos = (labels == 1).to(coords.dtype).unsqueeze(-1).unsqueeze(-1)
        neg = (labels == 0).to(coords.dtype).unsqueeze(-1).unsqueeze(-1)
        pm = (gauss * pos).amax(1)
        nm = (gauss * neg).amax(1)
        return torch.stack([box, pm, nm], 1)

    def mask_maps(self, mask_input, has_mask_input):
        """mask_input [B,1,S,S] previous low-res logits, has_mask_input [B] (1 or 0) -> [B,2,S,S]:
        sigmoid(logits) * has and has (so 'no mask' differs from 'an empty previous mask')."""
        has = has_mask_input.view(-1, 1, 1, 1)
        m = torch.sigmoid(mask_input) * has
        return torch.cat([m, has.expand_as(m)], 1)

    def forward(self, f4, f1, f2, f8, f16, prompt):
        p2 = F.avg_pool2d(prompt, 2)
        p4 = F.avg_pool2d(p2, 2)
        p8 = F.avg_pool2d(p4, 2)
        p16 = F.avg_pool2d(p8, 2)
        x16 = self.f16(torch.cat([f16, p16], 1))
        up = lambda t: F.interpolate(t, scale_factor=2.0, mode="bilinear", align_corners=False)
        x = self.f8(up(x16), f8, p8)
        x = self.f4(up(x), f4, p4)
        x = self.f2(up(x), f2, p2)
        x = self.f1(up(x), f1, prompt)
        logits = self.head(x)
        prob = torch.sigmoid(logits)
        area = prob.mean((2, 3))
        feat = (x * prob).sum((2, 3)) / (prob.sum((2, 3)) + 1.0)
        boxfrac = prompt[:, 0:1].mean((2, 3))
        iou = self.iou(torch.cat([x16.mean((2, 3)), feat, area, boxfrac], 1))
        return logits, iou


ARCHS = {
    "base": dict(w=(16, 32, 64, 96, 160), nres=(0, 1, 1, 2, 2), d=(16, 24, 64, 96, 128), dres=(2, 2, 1)),
    "slim": dict(w=(16, 32, 48, 80, 128), nres=(0, 1, 1, 1, 2), d=(16, 24, 48, 80, 112), dres=(2, 1, 1)),
}


def add_mask_channels(state, model):
    """Widen a box-only checkpoint's decoder convs to the mask-prompt model's inputs: the new input
    channels (the last 2 of each prompt block) get zero weights, so the widened model computes
    exactly what the box-only one did, whatever mask is given."""
    own = model.state_dict()
    out = dict(state)
    for k, v in state.items():
        if k in own and own[k].shape != v.shape and v.dim() == 4 and own[k].shape[1] == v.shape[1] + 2:
            w = torch.zeros(own[k].shape, dtype=v.dtype)
            w[:, :v.shape[1]] = v  # prompt maps are the last block of every decoder fusion's input
            out[k] = w
    return out


class SatUNet(nn.Module):
    def __init__(self, S=64, arch="slim", mask_prompt=True):
        super().__init__()
        self.S = S
        self.arch = arch
        self.mask_prompt = mask_prompt
        a = ARCHS[arch]
        self.encoder = Encoder(a["w"], a["nres"])
        self.decoder = PromptDecoder(a["w"], a["d"], dres=a["dres"], mask_prompt=mask_prompt)
        self.register_buffer("mean", torch.tensor([123.675, 116.28, 103.53]).view(1, 3, 1, 1) / 255.0)
        self.register_buffer("std", torch.tensor([58.395, 57.12, 57.375]).view(1, 3, 1, 1) / 255.0)

    def prompt(self, coords, labels, mask_input=None, has_mask_input=None):
        p = self.decoder.prompt_maps(coords, labels, self.S)
        if self.mask_prompt:
            B = coords.shape[0]
            if mask_input is None:
                mask_input = torch.zeros(B, 1, self.S, self.S, dtype=coords.dtype)
                has_mask_input = torch.zeros(B, dtype=coords.dtype)
            p = torch.cat([p, self.decoder.mask_maps(mask_input, has_mask_input)], 1)
        return p

    def forward(self, img01, coords, labels, mask_input=None, has_mask_input=None):
        """img01: [B,3,S,S] RGB in 0..1 (training convenience); mask_input [B,1,S,S] logits and
        has_mask_input [B] as in the SAM contract (None = no mask for any crop)."""
        x = (img01 - self.mean) / self.std
        feats = self.encoder(x)
        return self.decoder(*feats, self.prompt(coords, labels, mask_input, has_mask_input))


EXTRA = ["interm_embeddings_0", "interm_embeddings_1", "interm_embeddings_2", "interm_embeddings_3"]


class OnnxEncoder(nn.Module):
    def __init__(self, m: SatUNet):
        super().__init__()
        self.enc = m.encoder

    def forward(self, input_image):
        return self.enc(input_image)


class OnnxDecoder(nn.Module):
    """SAM-contract decoder. With the mask prompt, mask_input / has_mask_input are prompt maps;
    without it they are accepted and ignored (multiplied by zero so that the graph keeps them)."""

    def __init__(self, m: SatUNet):
        super().__init__()
        self.dec = m.decoder
        self.S = m.S

    def forward(self, image_embeddings, interm_embeddings_0, interm_embeddings_1, interm_embeddings_2,
                interm_embeddings_3, point_coords, point_labels, mask_input, has_mask_input, orig_im_size):
        prompt = self.dec.prompt_maps(point_coords, point_labels, self.S)
        if self.dec.mask_prompt:
            prompt = torch.cat([prompt, self.dec.mask_maps(mask_input, has_mask_input)], 1)
        logits, iou = self.dec(image_embeddings, interm_embeddings_0, interm_embeddings_1,
                               interm_embeddings_2, interm_embeddings_3, prompt)
        if self.dec.mask_prompt:
            low = logits
        else:
            low = logits + (mask_input.mean((1, 2, 3)) * has_mask_input * 0.0).view(-1, 1, 1, 1)
        size = orig_im_size.to(torch.int64)
        masks = F.interpolate(low, size=(size[0], size[1]), mode="bilinear", align_corners=False)
        return masks, iou, low


def count_params(m):
    return sum(p.numel() for p in m.parameters())


if __name__ == "__main__":
    m = SatUNet(64, sys.argv[1] if len(sys.argv) > 1 else "slim")
    print("params", count_params(m), "enc", count_params(m.encoder), "dec", count_params(m.decoder))
