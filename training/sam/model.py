"""The SAM container: image encoder, prompt encoder, mask decoder, and SamPredictor's box path
on an already resized and normalised image (what the crop pipeline feeds the encoder)."""
from typing import Optional, Tuple

import torch
import torch.nn as nn

from .image_encoder import ImageEncoderViT
from .mask_decoder import MaskDecoder
from .prompt_encoder import PromptEncoder

PIXEL_MEAN = (123.675, 116.28, 103.53)
PIXEL_STD = (58.395, 57.12, 57.375)


class Sam(nn.Module):
    """Module names (image_encoder, prompt_encoder, mask_decoder) are the checkpoint's prefixes.
    pixel_mean / pixel_std are non-persistent buffers, as in the official model: not in checkpoints."""

    mask_threshold = 0.0

    def __init__(self, image_encoder: ImageEncoderViT, prompt_encoder: PromptEncoder, mask_decoder: MaskDecoder):
        super().__init__()
        self.image_encoder = image_encoder
        self.prompt_encoder = prompt_encoder
        self.mask_decoder = mask_decoder
        self.register_buffer("pixel_mean", torch.tensor(PIXEL_MEAN).view(-1, 1, 1), False)
        self.register_buffer("pixel_std", torch.tensor(PIXEL_STD).view(-1, 1, 1), False)

    @property
    def hq(self) -> bool:
        return self.mask_decoder.hq

    def normalize(self, rgb255: torch.Tensor) -> torch.Tensor:
        """(B, 3, H, W) RGB in 0..255 -> normalised and zero-padded bottom-right to S x S."""
        x = (rgb255 - self.pixel_mean) / self.pixel_std
        s = self.image_encoder.img_size
        return nn.functional.pad(x, (0, s - x.shape[-1], 0, s - x.shape[-2]))

    def encode(self, images: torch.Tensor) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        """(B, 3, S, S) normalised -> embedding (B, 256, S/16, S/16) and, for HQ-SAM, the early feature."""
        embedding, global_outputs = self.image_encoder(images)
        return embedding, (global_outputs[0] if self.hq else None)

    @torch.no_grad()
    def predict_box(self, embedding: torch.Tensor, early_feature: Optional[torch.Tensor], box: torch.Tensor,
                    points: Optional[Tuple[torch.Tensor, torch.Tensor]] = None, mask_input: Optional[torch.Tensor] = None,
                    hq_token_only: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        """SamPredictor.predict_torch(point_coords, point_labels, boxes=box, mask_input,
        multimask_output=False) for one image: box (1, 4) and points in encoder-input pixels.
        Returns low-res logits (1, 1, 4h, 4w) and the IoU prediction (1, 1)."""
        sparse, dense = self.prompt_encoder(points, box, mask_input)
        masks, iou = self.mask_decoder.predict(embedding, self.prompt_encoder.dense_pe(), sparse, dense, early_feature)
        return self.mask_decoder.single_mask(masks, iou, hq_token_only)
