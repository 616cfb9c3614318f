"""SAM's prompt encoder: random-Fourier positional encoding of points and box corners plus a
learned embedding per point label, and a small conv net that turns a low-res mask into a dense
embedding (or the learned "no mask" embedding).

Point labels: 1 positive, 0 negative, 2 box top-left, 3 box bottom-right, -1 padding ("not a
point", which still takes part in attention), and PAD_ABSENT (-2), which this project's batched
decoder excludes from attention so that prompts of different lengths can share one batch.
"""
import math
from typing import Optional, Tuple

import torch
import torch.nn as nn

from .layers import LayerNorm2d

PAD_ABSENT = -2


class PositionEmbeddingRandom(nn.Module):
    """Fourier features of coordinates in [0,1] with a fixed Gaussian frequency matrix (a
    persistent buffer: it is in the checkpoint)."""

    def __init__(self, num_pos_feats: int):
        super().__init__()
        self.register_buffer("positional_encoding_gaussian_matrix", torch.randn(2, num_pos_feats))

    def encode(self, unit_coords: torch.Tensor) -> torch.Tensor:
        c = (2 * unit_coords - 1) @ self.positional_encoding_gaussian_matrix
        c = 2 * math.pi * c
        return torch.cat([torch.sin(c), torch.cos(c)], dim=-1)

    def grid(self, h: int, w: int) -> torch.Tensor:
        """(C, h, w) encoding of the embedding grid's cell centres."""
        device = self.positional_encoding_gaussian_matrix.device
        ys = (torch.arange(h, device=device, dtype=torch.float32) + 0.5) / h
        xs = (torch.arange(w, device=device, dtype=torch.float32) + 0.5) / w
        xy = torch.stack([xs[None, :].expand(h, w), ys[:, None].expand(h, w)], dim=-1)
        return self.encode(xy).permute(2, 0, 1)


class PromptEncoder(nn.Module):
    def __init__(self, embed_dim: int = 256, image_embedding_size: Tuple[int, int] = (64, 64),
                 input_image_size: Tuple[int, int] = (1024, 1024), mask_in_chans: int = 16):
        super().__init__()
        self.embed_dim = embed_dim
        self.input_image_size = input_image_size
        self.image_embedding_size = image_embedding_size
        self.pe_layer = PositionEmbeddingRandom(embed_dim // 2)
        # Label 0 negative, 1 positive, 2 / 3 box corners.
        self.point_embeddings = nn.ModuleList(nn.Embedding(1, embed_dim) for _ in range(4))
        self.not_a_point_embed = nn.Embedding(1, embed_dim)
        self.mask_downscaling = nn.Sequential(
            nn.Conv2d(1, mask_in_chans // 4, kernel_size=2, stride=2),
            LayerNorm2d(mask_in_chans // 4),
            nn.GELU(),
            nn.Conv2d(mask_in_chans // 4, mask_in_chans, kernel_size=2, stride=2),
            LayerNorm2d(mask_in_chans),
            nn.GELU(),
            nn.Conv2d(mask_in_chans, embed_dim, kernel_size=1),
        )
        self.no_mask_embed = nn.Embedding(1, embed_dim)

    def dense_pe(self) -> torch.Tensor:
        """(1, C, h, w) positional encoding of the image embedding grid."""
        return self.pe_layer.grid(*self.image_embedding_size).unsqueeze(0)

    def embed_points(self, coords: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """(B, N, 2) coordinates in encoder-input pixels and (B, N) labels -> (B, N, C).
        Written with masks instead of in-place indexing so that it exports to ONNX as is."""
        h, w = self.input_image_size
        scale = torch.tensor([1.0 / w, 1.0 / h], device=coords.device)
        pe = self.pe_layer.encode((coords + 0.5) * scale)  # + 0.5: pixel centre
        labels = labels.unsqueeze(-1)
        is_point = (labels >= 0).to(pe.dtype)
        out = pe * is_point + self.not_a_point_embed.weight * (labels == -1).to(pe.dtype)
        for label, table in enumerate(self.point_embeddings):
            out = out + table.weight * (labels == label).to(pe.dtype)
        return out

    def embed_mask(self, mask_input: torch.Tensor, has_mask_input: torch.Tensor) -> torch.Tensor:
        """(B, 1, 4h, 4w) logits and (B,) flags -> (B, C, h, w); rows with flag 0 get no_mask_embed."""
        flag = has_mask_input.view(-1, 1, 1, 1)
        no_mask = self.no_mask_embed.weight.reshape(1, -1, 1, 1)
        return flag * self.mask_downscaling(mask_input) + (1 - flag) * no_mask

    def forward(self, points: Optional[Tuple[torch.Tensor, torch.Tensor]], boxes: Optional[torch.Tensor],
                masks: Optional[torch.Tensor]) -> Tuple[torch.Tensor, torch.Tensor]:
        """SamPredictor's prompt encoding: points (padded with one -1 point when there is no box),
        then the box's two corners; a mask or the no-mask embedding. Returns (sparse, dense)."""
        batch = points[0].shape[0] if points is not None else boxes.shape[0] if boxes is not None else \
            masks.shape[0] if masks is not None else 1
        device = self.no_mask_embed.weight.device
        parts = [torch.empty(batch, 0, self.embed_dim, device=device)]
        if points is not None:
            coords, labels = points
            if boxes is None:
                coords = torch.cat([coords, torch.zeros(batch, 1, 2, device=device)], dim=1)
                labels = torch.cat([labels, -torch.ones(batch, 1, device=device)], dim=1)
            parts.append(self.embed_points(coords, labels))
        if boxes is not None:
            corners = boxes.reshape(-1, 2, 2)
            corner_labels = torch.tensor([[2.0, 3.0]], device=device).expand(corners.shape[0], 2)
            parts.append(self.embed_points(corners, corner_labels))
        sparse = torch.cat(parts, dim=1)
        h, w = self.image_embedding_size
        if masks is not None:
            dense = self.mask_downscaling(masks)
        else:
            dense = self.no_mask_embed.weight.reshape(1, -1, 1, 1).expand(batch, -1, h, w)
        return sparse, dense
