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
training/sam (strict) and by segment_anything / sam-hq, and exported by training/export_sam.py.

Real checkpoint (GPU):
  python3 training/finetune_sam.py --sam-checkpoint sam_hq_vit_b.pth --model-type vit_b --hq \
      --data training/.cache/isaid --input-size 1024 --batch 4 --steps 20000 --device cuda --rank 4
  The model is the project's own implementation (training/sam): the checkpoint's architecture is
  read from its tensors (--model-type auto), official key names, strict loading.
What is exercised HERE (no SAM weights, no GPU): --tiny-random builds a randomly initialised tiny
HQ-SAM of the same architecture (training/make_random_sam.py's TINY) and runs a few steps on CPU.
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


# ------------------------------------------------------------------------------ the model
class TrainableSam(nn.Module):
    """The project's SAM (training/sam, the official architecture and key names) as the recipe
    trains it: forward(img255, boxes) -> (SAM token-0 logits, HQ token logits, IoU of token 0).
    One box per image: B crops, B prompts (no repeat of one image over prompts)."""

    def __init__(self, sam):
        super().__init__()
        # The three parts as direct children: the state_dict keeps the official key names.
        self.image_encoder, self.prompt_encoder, self.mask_decoder = sam.image_encoder, sam.prompt_encoder, sam.mask_decoder
        self.register_buffer("pixel_mean", sam.pixel_mean.clone(), persistent=False)
        self.register_buffer("pixel_std", sam.pixel_std.clone(), persistent=False)

    def forward(self, img255, boxes):
        embedding, global_outputs = self.image_encoder((img255 - self.pixel_mean) / self.pixel_std)
        early = global_outputs[0] if self.mask_decoder.hq else None
        sparse, dense = self.prompt_encoder(None, boxes, None)
        masks, iou = self.mask_decoder.predict(embedding, self.prompt_encoder.dense_pe(), sparse, dense, early)
        m_sam = masks[:, 0:1]
        m_hq = masks[:, self.mask_decoder.num_sam_tokens:] if self.mask_decoder.hq else m_sam
        return m_sam, m_hq, iou[:, 0:1]


def build(a):
    if a.tiny_random:
        from dataclasses import replace
        from make_random_sam import TINY
        from sam import build_sam
        torch.manual_seed(a.seed)
        return TrainableSam(build_sam(replace(TINY, img_size=a.input_size, hq=True)))
    from sam import load_checkpoint
    sam = load_checkpoint(a.sam_checkpoint, a.model_type, True if a.hq else None)
    if sam.image_encoder.img_size != a.input_size:
        raise SystemExit(f"error: {a.sam_checkpoint} takes {sam.image_encoder.img_size} px inputs; pass --input-size {sam.image_encoder.img_size}")
    return TrainableSam(sam)


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
    ap.add_argument("--model-type", default="auto", choices=["auto", "vit_b", "vit_l", "vit_h"])
    ap.add_argument("--hq", action="store_true")
    ap.add_argument("--tiny-random", action="store_true", help="random tiny HQ-SAM of the real architecture (exercises the recipe)")
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
    model.to(a.device)  # the LoRA factors are created on the CPU
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
    last_changed = not torch.equal(sd[f"image_encoder.blocks.{last}.mlp.lin1.weight"], base[f"image_encoder.blocks.{last}.mlp.lin1.weight"])
    lora_changed = any(l.b_q.weight.abs().sum() > 0 for l in loras)
    print(f"frozen block-0/prompt-encoder weights unchanged: {frozen_same}; last block changed: {last_changed}; LoRA B non-zero: {lora_changed}")
    return hist, frozen_same, last_changed, lora_changed


if __name__ == "__main__":
    main()
