"""Configurations of the SAM family and loading of official checkpoints.

`config_from_state_dict` reads every architecture choice from the tensors' shapes, so a
checkpoint of any size (ViT-B/L/H, or a custom one) builds the right model without being told:
embedding width (patch_embed.proj), depth (blocks.N), head width and window size (rel_pos
tables: 2*grid-1 rows for global blocks, 2*window-1 for windowed ones), input size
(pos_embed x patch) and HQ-SAM (mask_decoder.hf_token).
"""
import re
from dataclasses import dataclass, field, asdict
from typing import Dict, List, Optional

import torch

from .image_encoder import ImageEncoderViT
from .mask_decoder import MaskDecoder
from .model import Sam
from .prompt_encoder import PromptEncoder
from .transformer import TwoWayTransformer


@dataclass
class SamConfig:
    embed_dim: int = 768
    depth: int = 12
    heads: int = 12
    global_attn: List[int] = field(default_factory=lambda: [2, 5, 8, 11])
    img_size: int = 1024
    patch_size: int = 16
    window_size: int = 14
    hq: bool = False
    # Prompt encoder and decoder widths: 256 / 8 heads / 2048 in every official release.
    prompt_dim: int = 256
    decoder_heads: int = 8
    decoder_mlp_dim: int = 2048
    decoder_depth: int = 2
    mask_in_chans: int = 16
    iou_head_hidden_dim: int = 256

    @property
    def embedding_size(self) -> int:
        return self.img_size // self.patch_size

    def describe(self) -> Dict:
        return asdict(self)


PRESETS = {
    "vit_b": SamConfig(embed_dim=768, depth=12, heads=12, global_attn=[2, 5, 8, 11]),
    "vit_l": SamConfig(embed_dim=1024, depth=24, heads=16, global_attn=[5, 11, 17, 23]),
    "vit_h": SamConfig(embed_dim=1280, depth=32, heads=16, global_attn=[7, 15, 23, 31]),
}


def build_sam(cfg: SamConfig) -> Sam:
    g = cfg.embedding_size
    encoder = ImageEncoderViT(img_size=cfg.img_size, patch_size=cfg.patch_size, embed_dim=cfg.embed_dim,
                              depth=cfg.depth, num_heads=cfg.heads, global_attn_indexes=tuple(cfg.global_attn),
                              window_size=cfg.window_size, out_chans=cfg.prompt_dim)
    prompt = PromptEncoder(cfg.prompt_dim, (g, g), (cfg.img_size, cfg.img_size), cfg.mask_in_chans)
    transformer = TwoWayTransformer(cfg.decoder_depth, cfg.prompt_dim, cfg.decoder_heads, cfg.decoder_mlp_dim)
    decoder = MaskDecoder(transformer, cfg.prompt_dim, iou_head_hidden_dim=cfg.iou_head_hidden_dim,
                          hq=cfg.hq, vit_dim=cfg.embed_dim)
    sam = Sam(encoder, prompt, decoder).eval()
    sam.config = cfg  # what it was built from, for model.json (a plain attribute: not in the state_dict)
    return sam


def unwrap_state_dict(obj) -> Dict[str, torch.Tensor]:
    """Official files are a bare state_dict; training frameworks wrap it in {"model": ...} or
    {"state_dict": ...} and may prefix keys with "module." (DataParallel) or "sam."."""
    for key in ("model", "state_dict"):
        if isinstance(obj, dict) and key in obj and isinstance(obj[key], dict):
            obj = obj[key]
    if not isinstance(obj, dict) or not obj:
        raise ValueError("the checkpoint holds no state_dict")
    for prefix in ("module.", "sam."):
        if all(k.startswith(prefix) for k in obj):
            obj = {k[len(prefix):]: v for k, v in obj.items()}
    return merge_lora_keys(obj)


# LoRA factor names around a wrapped qkv Linear: ROS-SAM's LoRA_qkv (linear_a_q, ...) and
# training/finetune_sam.py's LoRAqkv (a_q, ...). Both add B(A(x)) to q and v with scale 1.
LORA_NAMES = (("linear_a_q", "linear_b_q", "linear_a_v", "linear_b_v"), ("a_q", "b_q", "a_v", "b_v"))


def merge_lora_keys(sd: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """A state_dict saved with LoRA wrappers still on the image encoder's qkv (keys
    `blocks.N.attn.qkv.qkv.weight` and the low-rank factors) -> the official layout, with
    W_q += B_q A_q and W_v += B_v A_v merged into `blocks.N.attn.qkv.weight`."""
    wrapped = [k[:-len(".qkv.weight")] for k in sd if k.endswith(".attn.qkv.qkv.weight")]
    if not wrapped:
        return sd
    sd = dict(sd)
    for qkv in wrapped:
        weight = sd.pop(qkv + ".qkv.weight").clone()
        dim = weight.shape[1]
        for a_q, b_q, a_v, b_v in LORA_NAMES:
            if f"{qkv}.{a_q}.weight" in sd:
                factor = lambda name: sd.pop(f"{qkv}.{name}.weight").float()  # noqa: E731
                weight[:dim] += factor(b_q) @ factor(a_q)
                weight[-dim:] += factor(b_v) @ factor(a_v)
        sd[qkv + ".weight"] = weight
        if qkv + ".qkv.bias" in sd:
            sd[qkv + ".bias"] = sd.pop(qkv + ".qkv.bias")
    return sd


def config_from_state_dict(sd: Dict[str, torch.Tensor]) -> SamConfig:
    def need(key):
        if key not in sd:
            raise ValueError(f"not a SAM checkpoint: no tensor '{key}' (keys start: {sorted(sd)[:3]})")
        return sd[key]

    proj = need("image_encoder.patch_embed.proj.weight")  # D, 3, p, p
    embed_dim, patch = proj.shape[0], proj.shape[-1]
    grid = need("image_encoder.pos_embed").shape[1]
    blocks = sorted({int(m.group(1)) for k in sd for m in [re.match(r"image_encoder\.blocks\.(\d+)\.", k)] if m})
    depth = len(blocks)
    head_dim = need("image_encoder.blocks.0.attn.rel_pos_h").shape[1]
    global_attn, window = [], 0
    for i in blocks:
        rows = need(f"image_encoder.blocks.{i}.attn.rel_pos_h").shape[0]
        if rows == 2 * grid - 1:
            global_attn.append(i)
        else:
            window = (rows + 1) // 2
    prompt_dim = need("mask_decoder.iou_token.weight").shape[1]
    return SamConfig(
        embed_dim=embed_dim, depth=depth, heads=embed_dim // head_dim, global_attn=global_attn,
        img_size=grid * patch, patch_size=patch, window_size=window or 14,
        hq="mask_decoder.hf_token.weight" in sd, prompt_dim=prompt_dim,
        decoder_mlp_dim=need("mask_decoder.transformer.layers.0.mlp.lin1.weight").shape[0],
        decoder_depth=len({k.split(".")[3] for k in sd if k.startswith("mask_decoder.transformer.layers.")}),
        decoder_heads=decoder_heads_hint(prompt_dim),
        mask_in_chans=need("prompt_encoder.mask_downscaling.3.weight").shape[0],
        iou_head_hidden_dim=need("mask_decoder.iou_prediction_head.layers.0.weight").shape[0])


def decoder_heads_hint(prompt_dim: int) -> int:
    """The decoder's head count is not visible in any shape; every release uses 8 at width 256.
    Smaller (test) widths use one head per 16 channels."""
    return 8 if prompt_dim == 256 else max(1, prompt_dim // 16)


def read_state_dict(path: str, decoder: Optional[str] = None) -> Dict[str, torch.Tensor]:
    """The checkpoint's tensors in the official layout. `decoder`: a mask decoder saved on its own
    (keys without the `mask_decoder.` prefix, as ROS-SAM's and HQ-SAM's training save their
    MaskDecoderHQ) that replaces the checkpoint's decoder."""
    sd = unwrap_state_dict(torch.load(path, map_location="cpu"))
    if decoder:
        parts = unwrap_state_dict(torch.load(decoder, map_location="cpu"))
        if any(k.startswith("mask_decoder.") for k in parts):
            raise ValueError(f"{decoder}: holds a whole model (mask_decoder.* keys); pass it as the checkpoint instead")
        sd = {k: v for k, v in sd.items() if not k.startswith("mask_decoder.")}
        sd.update({"mask_decoder." + k: v for k, v in parts.items()})
    return sd


def load_checkpoint(path: str, model_type: str = "auto", hq: Optional[bool] = None, decoder_heads: Optional[int] = None,
                    decoder: Optional[str] = None) -> Sam:
    """Builds the model a checkpoint file describes and loads it with strict=True.

    model_type "auto" reads the architecture from the tensors; vit_b/vit_l/vit_h also check that
    the file is that size. hq=None takes HQ-SAM from the file; True/False insists. decoder: see
    read_state_dict."""
    sd = read_state_dict(path, decoder)
    cfg = config_from_state_dict(sd)
    if decoder_heads:
        cfg.decoder_heads = decoder_heads
    if model_type != "auto":
        preset = PRESETS[model_type]
        if (preset.embed_dim, preset.depth, preset.global_attn) != (cfg.embed_dim, cfg.depth, cfg.global_attn):
            raise ValueError(f"{path}: --model-type {model_type} expects width {preset.embed_dim}, depth {preset.depth}, "
                             f"global blocks {preset.global_attn}; the file has {cfg.embed_dim}, {cfg.depth}, {cfg.global_attn}")
    if hq is not None and hq != cfg.hq:
        raise ValueError(f"{path}: {'--hq given but the file has no HQ-SAM decoder (mask_decoder.hf_token)' if hq else 'the file is an HQ-SAM checkpoint; drop --no-hq'}")
    model = build_sam(cfg)
    model.load_state_dict(sd, strict=True)  # raises, naming missing and unexpected keys
    return model
