"""Fine-tune a SAM / HQ-SAM / ROS-SAM checkpoint the ROS-SAM way (issue 8, item 5).

Recipe: every image-encoder block gets LoRA of rank r on the q and v projections (SAM's ViT has one
fused `attn.qkv` Linear: the low-rank updates are added to its q and v output slices, as in SAMed);
all base encoder weights are frozen except the LAST block, which is trained in full; the prompt
encoder is frozen; the SAM mask decoder and the HQ decoder parts (hf_token, hf_mlp, compress_vit_feat,
embedding_encoder, embedding_maskfeature) are updated ALTERNATELY: even steps optimise the SAM mask
output (SAM decoder + encoder LoRA/last block), odd steps the HQ mask output (HQ parts + encoder
LoRA/last block). Loss: BCE + Dice on the low-res mask (+ MSE on SAM's IoU prediction).
Data: the same crop caches as train.py (prepare_crops.py), re-cropped / augmented by augment.py at
the model's input size (1024 for real SAM; the ROS-SAM crop x2 bicubic upsampling is the crop rule).
At the end, LoRA deltas are merged into the qkv weights and a plain state_dict is saved, loadable by
segment_anything / sam-hq and exportable with their ONNX export scripts.

Real checkpoint (GPU):
  python3 training/finetune_sam.py --sam-checkpoint sam_hq_vit_b.pth --model-type vit_b --hq \
      --data training/.cache/isaid --input-size 1024 --batch 4 --steps 20000 --device cuda --rank 4
  (needs the segment_anything or segment_anything_hq package importable; HQ parts need sam-hq)
What is exercised HERE (no SAM weights, no GPU): --tiny-random builds a randomly initialised small
ViT SAM-HQ with the same module names (TinySamHQ below) and runs a few steps on CPU.
"""
import argparse, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


# ----------------------------------------------------------------------------------------- LoRA
class LoRAqkv(nn.Module):
    """Wraps SAM's fused qkv Linear(dim, 3*dim): adds B_q A_q x to q and B_v A_v x to v."""

    def __init__(self, qkv: nn.Linear, r: int, alpha: float = 1.0):
        super().__init__()
        self.qkv = qkv
        self.dim = qkv.in_features
        self.a_q = nn.Linear(self.dim, r, bias=False); self.b_q = nn.Linear(r, self.dim, bias=False)
        self.a_v = nn.Linear(self.dim, r, bias=False); self.b_v = nn.Linear(r, self.dim, bias=False)
        for a in (self.a_q, self.a_v):
            nn.init.kaiming_uniform_(a.weight, a=math.sqrt(5))
        for b in (self.b_q, self.b_v):
            nn.init.zeros_(b.weight)
        self.scale = alpha

    def forward(self, x):
        out = self.qkv(x)
        dq = self.b_q(self.a_q(x)) * self.scale
        dv = self.b_v(self.a_v(x)) * self.scale
        d = self.dim
        return torch.cat([out[..., :d] + dq, out[..., d:2 * d], out[..., 2 * d:] + dv], -1)

    def merged(self):
        w = self.qkv.weight.data.clone()
        d = self.dim
        w[:d] += (self.b_q.weight @ self.a_q.weight) * self.scale
        w[2 * d:] += (self.b_v.weight @ self.a_v.weight) * self.scale
        return w


def apply_lora(sam, r):
    blocks = sam.image_encoder.blocks
    for p in sam.parameters():
        p.requires_grad_(False)
    loras = []
    for blk in blocks:
        blk.attn.qkv = LoRAqkv(blk.attn.qkv, r)
        loras.append(blk.attn.qkv)
    for p in blocks[-1].parameters():  # last block fully trainable
        p.requires_grad_(True)
    for l in loras:  # the wrapped base qkv of the last block stays trainable, others frozen
        for n, p in l.named_parameters():
            if n.startswith(("a_", "b_")):
                p.requires_grad_(True)
    return loras


def merge_lora(sam):
    sd = {}
    for k, v in sam.state_dict().items():
        if ".attn.qkv.a_" in k or ".attn.qkv.b_" in k:
            continue
        sd[k.replace(".attn.qkv.qkv.", ".attn.qkv.")] = v
    for i, blk in enumerate(sam.image_encoder.blocks):
        if isinstance(blk.attn.qkv, LoRAqkv):
            sd[f"image_encoder.blocks.{i}.attn.qkv.weight"] = blk.attn.qkv.merged()
    return sd


HQ_PARTS = ("hf_token", "hf_mlp", "compress_vit_feat", "embedding_encoder", "embedding_maskfeature")


def decoder_groups(sam):
    sam_p, hq_p = [], []
    for n, p in sam.mask_decoder.named_parameters():
        (hq_p if n.startswith(HQ_PARTS) else sam_p).append(p)
    return sam_p, hq_p


# ------------------------------------------------------------- tiny random SAM-HQ (same names)
class LayerNorm2d(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c)); self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, x):
        u = x.mean(1, keepdim=True); s = (x - u).pow(2).mean(1, keepdim=True)
        return self.weight[:, None, None] * (x - u) / torch.sqrt(s + 1e-6) + self.bias[:, None, None]


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        B, H, W, C = x.shape
        qkv = self.qkv(x).reshape(B, H * W, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = (q @ k.transpose(-2, -1) / math.sqrt(C // self.heads)).softmax(-1)
        return self.proj((a @ v).transpose(1, 2).reshape(B, H, W, C))


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim); self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 4), nn.GELU(), nn.Linear(dim * 4, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ImageEncoderViT(nn.Module):
    def __init__(self, img=128, patch=8, dim=64, depth=4, heads=2, out=32):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.pos_embed = nn.Parameter(torch.zeros(1, img // patch, img // patch, dim))
        self.blocks = nn.ModuleList([Block(dim, heads) for _ in range(depth)])
        self.neck = nn.Sequential(nn.Conv2d(dim, out, 1, bias=False), LayerNorm2d(out),
                                  nn.Conv2d(out, out, 3, padding=1, bias=False), LayerNorm2d(out))

    def forward(self, x):
        x = self.patch_embed(x).permute(0, 2, 3, 1) + self.pos_embed
        interm = []
        for b in self.blocks:
            x = b(x)
            interm.append(x)
        return self.neck(x.permute(0, 3, 1, 2)), interm


class PromptEncoder(nn.Module):
    def __init__(self, dim, img):
        super().__init__()
        self.img = img
        self.pe = nn.Parameter(torch.randn(2, dim // 2), requires_grad=False)
        self.point_embeddings = nn.ModuleList([nn.Embedding(1, dim) for _ in range(4)])
        self.no_mask_embed = nn.Embedding(1, dim)

    def pe_enc(self, c):
        c = 2 * c - 1
        c = 2 * math.pi * (c @ self.pe)
        return torch.cat([c.sin(), c.cos()], -1)

    def dense_pe(self, h, w):
        ys = (torch.arange(h).float() + 0.5) / h; xs = (torch.arange(w).float() + 0.5) / w
        g = torch.stack(torch.meshgrid(xs, ys, indexing="xy"), -1)
        return self.pe_enc(g).permute(2, 0, 1).unsqueeze(0)

    def forward(self, boxes):  # boxes [B,4] in input pixels
        c = (boxes.reshape(-1, 2, 2) + 0.5) / self.img
        e = self.pe_enc(c)
        e[:, 0] += self.point_embeddings[2].weight[0]
        e[:, 1] += self.point_embeddings[3].weight[0]
        return e


class MaskDecoderHQ(nn.Module):
    def __init__(self, dim=32, vit_dim=64, heads=2):
        super().__init__()
        self.iou_token = nn.Embedding(1, dim); self.mask_tokens = nn.Embedding(1, dim)
        self.t2i = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.i2t = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.self_attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.output_upscaling = nn.Sequential(nn.ConvTranspose2d(dim, dim // 4, 2, 2), LayerNorm2d(dim // 4), nn.GELU(),
                                              nn.ConvTranspose2d(dim // 4, dim // 8, 2, 2), nn.GELU())
        self.output_hypernetworks_mlps = nn.ModuleList([nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim // 8))])
        self.iou_prediction_head = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, 1))
        # HQ-SAM parts
        self.hf_token = nn.Embedding(1, dim)
        self.hf_mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim // 8))
        self.compress_vit_feat = nn.Sequential(nn.ConvTranspose2d(vit_dim, dim, 2, 2), LayerNorm2d(dim), nn.GELU(),
                                               nn.ConvTranspose2d(dim, dim // 8, 2, 2))
        self.embedding_encoder = nn.Sequential(nn.ConvTranspose2d(dim, dim // 4, 2, 2), LayerNorm2d(dim // 4), nn.GELU(),
                                               nn.ConvTranspose2d(dim // 4, dim // 8, 2, 2))
        self.embedding_maskfeature = nn.Sequential(nn.Conv2d(dim // 8, dim // 4, 3, 1, 1), LayerNorm2d(dim // 4), nn.GELU(),
                                                   nn.Conv2d(dim // 4, dim // 8, 3, 1, 1))

    def forward(self, emb, pe, sparse, no_mask, interm):
        B, C, h, w = emb.shape
        tok = torch.cat([self.iou_token.weight, self.mask_tokens.weight, self.hf_token.weight], 0).unsqueeze(0).expand(B, -1, -1)
        tok = torch.cat([tok, sparse], 1)
        src = (emb + no_mask.view(1, -1, 1, 1)).flatten(2).transpose(1, 2)
        pos = pe.flatten(2).transpose(1, 2)
        tok = tok + self.self_attn(tok, tok, tok)[0]
        tok = tok + self.t2i(tok, src + pos, src)[0]
        src = src + self.i2t(src + pos, tok, tok)[0]
        src = src.transpose(1, 2).reshape(B, C, h, w)
        up = self.output_upscaling(src)
        hq_feat = self.embedding_encoder(emb) + self.compress_vit_feat(interm.permute(0, 3, 1, 2))
        up_hq = self.embedding_maskfeature(up) + hq_feat
        m_sam = (self.output_hypernetworks_mlps[0](tok[:, 1]).unsqueeze(1) @ up.flatten(2)).view(B, 1, 4 * h, 4 * w)
        m_hq = (self.hf_mlp(tok[:, 2]).unsqueeze(1) @ up_hq.flatten(2)).view(B, 1, 4 * h, 4 * w)
        return m_sam, m_hq, self.iou_prediction_head(tok[:, 0])


class TinySamHQ(nn.Module):
    """Randomly initialised small SAM-HQ with segment_anything's module names (tests the recipe)."""

    def __init__(self, img=128, patch=8, dim=64, depth=4, heads=2, out=32):
        super().__init__()
        self.img = img
        self.image_encoder = ImageEncoderViT(img, patch, dim, depth, heads, out)
        self.prompt_encoder = PromptEncoder(out, img)
        self.mask_decoder = MaskDecoderHQ(out, dim, heads)
        self.register_buffer("pixel_mean", torch.tensor([123.675, 116.28, 103.53]).view(1, 3, 1, 1))
        self.register_buffer("pixel_std", torch.tensor([58.395, 57.12, 57.375]).view(1, 3, 1, 1))

    def forward(self, img255, boxes):
        x = (img255 - self.pixel_mean) / self.pixel_std
        emb, interm = self.image_encoder(x)
        sparse = self.prompt_encoder(boxes)
        pe = self.prompt_encoder.dense_pe(emb.shape[2], emb.shape[3])
        return self.mask_decoder(emb, pe, sparse, self.prompt_encoder.no_mask_embed.weight[0], interm[0])


class RealSamAdapter(nn.Module):
    """Wraps a segment_anything(-hq) Sam so that forward(img255, boxes) -> (sam_logits, hq_logits, iou)."""

    def __init__(self, sam, hq):
        super().__init__()
        self.sam, self.hq = sam, hq
        self.image_encoder, self.prompt_encoder, self.mask_decoder = sam.image_encoder, sam.prompt_encoder, sam.mask_decoder

    def forward(self, img255, boxes):
        x = self.sam.preprocess(img255)
        if self.hq:
            emb, interm = self.sam.image_encoder(x)
        else:
            emb, interm = self.sam.image_encoder(x), None
        sp, de = self.sam.prompt_encoder(points=None, boxes=boxes, masks=None)
        pe = self.sam.prompt_encoder.get_dense_pe()
        if self.hq:  # sam-hq: hq_token_only=False returns SAM+HQ sum; ask for both separately
            m_hq, iou = self.sam.mask_decoder(emb, pe, sp, de, multimask_output=False, hq_token_only=True, interm_embeddings=interm)
            m_sam, _ = self.sam.mask_decoder(emb, pe, sp, de, multimask_output=False, hq_token_only=False, interm_embeddings=interm)
            m_sam = m_sam - m_hq
        else:
            m_sam, iou = self.sam.mask_decoder(emb, pe, sp, de, multimask_output=False)
            m_hq = m_sam
        return m_sam, m_hq, iou


def build(a):
    if a.tiny_random:
        return TinySamHQ(img=a.input_size)
    if a.hq:
        from segment_anything_hq import sam_model_registry
    else:
        from segment_anything import sam_model_registry
    sam = sam_model_registry[a.model_type](checkpoint=a.sam_checkpoint)
    return RealSamAdapter(sam, a.hq)


def seg_loss(logits, tgt):
    t = F.interpolate(tgt, size=logits.shape[-2:], mode="area")
    bce = F.binary_cross_entropy_with_logits(logits, t)
    p = torch.sigmoid(logits)
    dice = 1 - (2 * (p * t).sum((1, 2, 3)) + 1) / (p.sum((1, 2, 3)) + t.sum((1, 2, 3)) + 1)
    with torch.no_grad():
        pm, tm = logits > 0, t > 0.5
        iou = (pm & tm).sum((1, 2, 3)).float() / (pm | tm).sum((1, 2, 3)).float().clamp(min=1)
    return bce + dice.mean(), iou


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--sam-checkpoint", default="")
    ap.add_argument("--model-type", default="vit_b")
    ap.add_argument("--hq", action="store_true")
    ap.add_argument("--tiny-random", action="store_true", help="random small ViT SAM-HQ (exercises the code path)")
    ap.add_argument("--data", nargs="+", default=[os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache/isaid")])
    ap.add_argument("--input-size", type=int, default=1024)
    ap.add_argument("--rank", type=int, default=4)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache/sam_ft"))
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    from train import CropSet
    from augment import make_batch
    model = build(a).to(a.device)
    base = {k: v.clone() for k, v in model.state_dict().items()}
    loras = apply_lora(model, a.rank)
    sam_p, hq_p = decoder_groups(model)
    enc_p = [p for p in model.image_encoder.parameters() if p.requires_grad]
    for p in sam_p + hq_p:
        p.requires_grad_(True)
    opt_sam = torch.optim.AdamW(enc_p + sam_p, lr=a.lr, weight_decay=1e-4)
    opt_hq = torch.optim.AdamW(enc_p + hq_p, lr=a.lr, weight_decay=1e-4)
    n_tr = sum(p.numel() for p in model.parameters() if p.requires_grad)
    n_all = sum(p.numel() for p in model.parameters())
    print(f"trainable {n_tr} / {n_all}; LoRA rank {a.rank} on {len(loras)} blocks; last block unfrozen", flush=True)
    ds = CropSet(a.data, "train")
    rng = np.random.default_rng(a.seed)
    hist = []
    t0 = time.time()
    for step in range(a.steps):
        c, b, n, s, _ = ds.get(ds.sample(rng, a.batch))
        img, tgt, co, lab = make_batch(c, b, n, s, a.input_size, rng, train=True, point_prob=0.0)
        boxes = co[:, :2].reshape(-1, 4).to(a.device)
        m_sam, m_hq, iou_p = model(img.to(a.device) * 255.0, boxes)
        which = "sam" if step % 2 == 0 else "hq"
        loss, iou = seg_loss(m_sam if which == "sam" else m_hq, tgt.to(a.device))
        if which == "sam":
            loss = loss + F.mse_loss(iou_p[:, 0], iou)
        opt = opt_sam if which == "sam" else opt_hq
        opt_sam.zero_grad(set_to_none=True); opt_hq.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        hist.append((which, loss.item()))
        if step % 10 == 0 or step == a.steps - 1:
            print(f"step {step} {which} loss {loss.item():.4f} iou {iou.mean().item():.3f} {time.time()-t0:.0f}s", flush=True)
    os.makedirs(a.out, exist_ok=True)
    merged = merge_lora(model)
    torch.save(merged, os.path.join(a.out, "merged_state_dict.pth"))
    # sanity: frozen weights unchanged, last block / LoRA changed
    sd = model.state_dict()
    frozen_same = all(torch.equal(sd[k.replace(".attn.qkv.", ".attn.qkv.qkv.")] if ".attn.qkv." in k and k.replace(".attn.qkv.", ".attn.qkv.qkv.") in sd else sd[k], v)
                      for k, v in base.items() if k.startswith("image_encoder.blocks.0.") or k.startswith("prompt_encoder."))
    last = len(model.image_encoder.blocks) - 1
    last_changed = not torch.equal(sd[f"image_encoder.blocks.{last}.mlp.0.weight" if a.tiny_random else f"image_encoder.blocks.{last}.mlp.lin1.weight"],
                                   base[f"image_encoder.blocks.{last}.mlp.0.weight" if a.tiny_random else f"image_encoder.blocks.{last}.mlp.lin1.weight"])
    lora_changed = any(l.b_q.weight.abs().sum() > 0 for l in loras)
    print(f"frozen block-0/prompt-encoder weights unchanged: {frozen_same}; last block changed: {last_changed}; LoRA B non-zero: {lora_changed}")
    return hist, frozen_same, last_changed, lora_changed


if __name__ == "__main__":
    main()
