"""SAM's mask decoder, with HQ-SAM's additions when `hq=True`.

Tokens: [IoU token, 4 mask tokens (0 = the single-mask output, 1..3 = the multimask outputs),
(HQ token)] followed by the prompt tokens. After the two-way transformer the image tokens are
upscaled 4x, and each mask token's hypernetwork MLP gives the weights of a per-pixel dot product.
HQ-SAM's token reads a finer feature: the upscaled decoder feature refined by a conv block plus
the early ViT feature (first global-attention block) and the image embedding, both upscaled.

Unlike the official decoder, `predict` takes B embeddings with one prompt each (no
repeat_interleave of one image over many prompts): a batch of crops of different objects.
"""
from typing import Optional, Tuple

import torch
import torch.nn as nn

from .layers import LayerNorm2d, MLP


class MaskDecoder(nn.Module):
    def __init__(self, transformer: nn.Module, transformer_dim: int = 256, num_multimask_outputs: int = 3,
                 iou_head_depth: int = 3, iou_head_hidden_dim: int = 256, hq: bool = False, vit_dim: int = 768):
        super().__init__()
        d = transformer_dim
        self.transformer = transformer
        self.num_sam_tokens = num_multimask_outputs + 1
        self.hq = hq
        self.iou_token = nn.Embedding(1, d)
        self.mask_tokens = nn.Embedding(self.num_sam_tokens, d)
        self.output_upscaling = nn.Sequential(
            nn.ConvTranspose2d(d, d // 4, kernel_size=2, stride=2),
            LayerNorm2d(d // 4),
            nn.GELU(),
            nn.ConvTranspose2d(d // 4, d // 8, kernel_size=2, stride=2),
            nn.GELU(),
        )
        self.output_hypernetworks_mlps = nn.ModuleList(MLP(d, d, d // 8, 3) for _ in range(self.num_sam_tokens))
        self.iou_prediction_head = MLP(d, iou_head_hidden_dim, self.num_sam_tokens, iou_head_depth)
        if hq:
            self.hf_token = nn.Embedding(1, d)
            self.hf_mlp = MLP(d, d, d // 8, 3)
            self.compress_vit_feat = nn.Sequential(
                nn.ConvTranspose2d(vit_dim, d, kernel_size=2, stride=2),
                LayerNorm2d(d),
                nn.GELU(),
                nn.ConvTranspose2d(d, d // 8, kernel_size=2, stride=2),
            )
            self.embedding_encoder = nn.Sequential(
                nn.ConvTranspose2d(d, d // 4, kernel_size=2, stride=2),
                LayerNorm2d(d // 4),
                nn.GELU(),
                nn.ConvTranspose2d(d // 4, d // 8, kernel_size=2, stride=2),
            )
            self.embedding_maskfeature = nn.Sequential(
                nn.Conv2d(d // 8, d // 4, 3, 1, 1),
                LayerNorm2d(d // 4),
                nn.GELU(),
                nn.Conv2d(d // 4, d // 8, 3, 1, 1),
            )

    def predict(self, image_embeddings: torch.Tensor, image_pe: torch.Tensor, sparse: torch.Tensor,
                dense: torch.Tensor, early_feature: Optional[torch.Tensor] = None,
                prompt_bias: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, torch.Tensor]:
        """Every token's low-res mask logits (B, 4 [+1 HQ], 4h, 4w) and the IoU head (B, 4).

        image_embeddings, dense: (B, C, h, w); image_pe: (1, C, h, w); sparse: (B, N, C);
        early_feature: (B, h, w, D), HQ only; prompt_bias: (B, N), 0 or a large negative number
        for prompt tokens to leave out of attention."""
        b = sparse.shape[0]
        output_tokens = [self.iou_token.weight, self.mask_tokens.weight] + ([self.hf_token.weight] if self.hq else [])
        output_tokens = torch.cat(output_tokens, dim=0)
        tokens = torch.cat([output_tokens.unsqueeze(0).expand(b, -1, -1), sparse], dim=1)
        token_bias = None
        if prompt_bias is not None:
            token_bias = torch.cat([torch.zeros(b, output_tokens.shape[0], device=sparse.device), prompt_bias], dim=1)
        src = image_embeddings + dense
        pos = image_pe.expand(b, -1, -1, -1)
        _, c, h, w = src.shape
        hs, src = self.transformer(src, pos, tokens, token_bias)
        iou_out = hs[:, 0, :]
        n_out = output_tokens.shape[0] - 1
        mask_out = hs[:, 1:1 + n_out, :]
        upscaled = self.output_upscaling(src.transpose(1, 2).reshape(b, c, h, w))
        weights = torch.stack([mlp(mask_out[:, i, :]) for i, mlp in enumerate(self.output_hypernetworks_mlps)], dim=1)
        bu, cu, hu, wu = upscaled.shape
        masks = (weights @ upscaled.view(bu, cu, hu * wu)).view(bu, -1, hu, wu)
        if self.hq:
            hq_features = self.embedding_encoder(image_embeddings) + self.compress_vit_feat(early_feature.permute(0, 3, 1, 2))
            upscaled_hq = self.embedding_maskfeature(upscaled) + hq_features
            hq_weight = self.hf_mlp(mask_out[:, self.num_sam_tokens, :]).unsqueeze(1)
            masks_hq = (hq_weight @ upscaled_hq.view(bu, cu, hu * wu)).view(bu, 1, hu, wu)
            masks = torch.cat([masks, masks_hq], dim=1)
        return masks, self.iou_prediction_head(iou_out)

    def single_mask(self, masks: torch.Tensor, iou: torch.Tensor, hq_token_only: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        """What SamPredictor.predict(multimask_output=False) returns: token 0 (the box mask), plus
        the HQ token's mask for HQ-SAM (its default hq_token_only=False sums them)."""
        sam = masks[:, 0:1]
        if not self.hq:
            return sam, iou[:, 0:1]
        hq = masks[:, self.num_sam_tokens:self.num_sam_tokens + 1]
        return (hq if hq_token_only else sam + hq), iou[:, 0:1]
