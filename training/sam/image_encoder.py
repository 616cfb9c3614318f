"""SAM's ViT image encoder: 16 px patches, absolute position embedding, blocks with windowed
(14 x 14) or global attention, decomposed relative positions (MViTv2) in every attention, and a
conv neck to 256 channels. Returns the embedding and, for HQ-SAM, the output of the first
global-attention block (its "early feature").
"""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .layers import LayerNorm2d, MLPBlock


class PatchEmbed(nn.Module):
    def __init__(self, patch: int, in_chans: int, dim: int):
        super().__init__()
        self.proj = nn.Conv2d(in_chans, dim, kernel_size=patch, stride=patch)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).permute(0, 2, 3, 1)  # B, H, W, C


def relative_index(q_size: int, k_size: int) -> torch.Tensor:
    """Row index into a (2*max-1, C) relative-position table for every (query, key) pair. SAM's
    tables always have 2*size-1 rows for the grid they serve, so no resampling is needed; the
    index is fixed per grid and kept as a buffer so the ONNX graph holds a constant gather."""
    q_scale = max(k_size / q_size, 1.0)
    k_scale = max(q_size / k_size, 1.0)
    q = torch.arange(q_size)[:, None] * q_scale
    k = torch.arange(k_size)[None, :] * k_scale
    return (q - k + (k_size - 1) * k_scale).long()


class Attention(nn.Module):
    """Multi-head self-attention over a (B, H, W, C) grid with decomposed relative positions."""

    def __init__(self, dim: int, heads: int, grid: Tuple[int, int], use_rel_pos: bool = True):
        super().__init__()
        self.heads = heads
        head_dim = dim // heads
        self.scale = head_dim ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.use_rel_pos = use_rel_pos
        if use_rel_pos:
            self.rel_pos_h = nn.Parameter(torch.zeros(2 * grid[0] - 1, head_dim))
            self.rel_pos_w = nn.Parameter(torch.zeros(2 * grid[1] - 1, head_dim))
            self.register_buffer("index_h", relative_index(grid[0], grid[0]), persistent=False)
            self.register_buffer("index_w", relative_index(grid[1], grid[1]), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, h, w, c = x.shape
        qkv = self.qkv(x).reshape(b, h * w, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.reshape(3, b * self.heads, h * w, -1).unbind(0)
        attn = (q * self.scale) @ k.transpose(-2, -1)
        if self.use_rel_pos:
            attn = self._add_rel_pos(attn, q, h, w)
        attn = attn.softmax(dim=-1)
        out = (attn @ v).view(b, self.heads, h, w, -1).permute(0, 2, 3, 1, 4).reshape(b, h, w, -1)
        return self.proj(out)

    def _add_rel_pos(self, attn: torch.Tensor, q: torch.Tensor, h: int, w: int) -> torch.Tensor:
        # attn[(y,x),(y',x')] += q(y,x) . Rh[y-y'] + q(y,x) . Rw[x-x'] (MViTv2, eq. 4).
        rh = self.rel_pos_h[self.index_h]  # h, h, C
        rw = self.rel_pos_w[self.index_w]  # w, w, C
        n, _, c = q.shape
        rq = q.reshape(n, h, w, c)
        rel_h = torch.einsum("nyxc,ykc->nyxk", rq, rh)
        rel_w = torch.einsum("nyxc,xkc->nyxk", rq, rw)
        attn = attn.view(n, h, w, h, w) + rel_h[:, :, :, :, None] + rel_w[:, :, :, None, :]
        return attn.view(n, h * w, h * w)


def to_windows(x: torch.Tensor, size: int) -> Tuple[torch.Tensor, Tuple[int, int]]:
    """(B, H, W, C) -> (B * windows, size, size, C), zero-padding H and W up to multiples of size."""
    b, h, w, c = x.shape
    pad_h = (size - h % size) % size
    pad_w = (size - w % size) % size
    if pad_h or pad_w:
        x = F.pad(x, (0, 0, 0, pad_w, 0, pad_h))
    hp, wp = h + pad_h, w + pad_w
    x = x.view(b, hp // size, size, wp // size, size, c).permute(0, 1, 3, 2, 4, 5)
    return x.contiguous().view(-1, size, size, c), (hp, wp)


def from_windows(windows: torch.Tensor, size: int, padded: Tuple[int, int], hw: Tuple[int, int]) -> torch.Tensor:
    """Inverse of to_windows, dropping the padding."""
    hp, wp = padded
    h, w = hw
    b = windows.shape[0] // ((hp // size) * (wp // size))
    x = windows.view(b, hp // size, wp // size, size, size, -1).permute(0, 1, 3, 2, 4, 5)
    x = x.contiguous().view(b, hp, wp, -1)
    if hp > h or wp > w:
        x = x[:, :h, :w, :].contiguous()
    return x


class Block(nn.Module):
    """Pre-norm transformer block; window > 0 attends within window x window tiles."""

    def __init__(self, dim: int, heads: int, mlp_ratio: float, window: int, grid: Tuple[int, int], use_rel_pos: bool):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads, grid if window == 0 else (window, window), use_rel_pos)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = MLPBlock(dim, int(dim * mlp_ratio))
        self.window_size = window

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x
        x = self.norm1(x)
        if self.window_size > 0:
            h, w = x.shape[1], x.shape[2]
            x, padded = to_windows(x, self.window_size)
            x = from_windows(self.attn(x), self.window_size, padded, (h, w))
        else:
            x = self.attn(x)
        x = shortcut + x
        return x + self.mlp(self.norm2(x))


class ImageEncoderViT(nn.Module):
    """ViT-B/L/H (or any size) image encoder of SAM.

    Input: (B, 3, S, S) normalised pixels. Output: (B, out_chans, S/16, S/16) embedding and the
    list of global-attention block outputs (B, S/16, S/16, embed_dim), first one = HQ-SAM's early feature.
    """

    def __init__(self, img_size: int = 1024, patch_size: int = 16, embed_dim: int = 768, depth: int = 12,
                 num_heads: int = 12, global_attn_indexes: Sequence[int] = (2, 5, 8, 11), window_size: int = 14,
                 out_chans: int = 256, mlp_ratio: float = 4.0, use_rel_pos: bool = True):
        super().__init__()
        self.img_size = img_size
        grid = (img_size // patch_size, img_size // patch_size)
        self.patch_embed = PatchEmbed(patch_size, 3, embed_dim)
        self.pos_embed = nn.Parameter(torch.zeros(1, grid[0], grid[1], embed_dim))
        self.blocks = nn.ModuleList(
            Block(embed_dim, num_heads, mlp_ratio, 0 if i in global_attn_indexes else window_size, grid, use_rel_pos)
            for i in range(depth))
        self.neck = nn.Sequential(
            nn.Conv2d(embed_dim, out_chans, kernel_size=1, bias=False),
            LayerNorm2d(out_chans),
            nn.Conv2d(out_chans, out_chans, kernel_size=3, padding=1, bias=False),
            LayerNorm2d(out_chans),
        )

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[torch.Tensor]]:
        x = self.patch_embed(x) + self.pos_embed
        global_outputs: List[torch.Tensor] = []
        for block in self.blocks:
            x = block(x)
            if block.window_size == 0:
                global_outputs.append(x)
        return self.neck(x.permute(0, 3, 1, 2)), global_outputs
