"""The batched ONNX graphs of the project's SAM contract (FORMATS.md §1, "Batched export").

Encoder: input_image [B,3,S,S] (normalised, padded) -> image_embeddings [B,256,h,w]
         (+ interm_embeddings [B,h,w,D] for HQ-SAM: the first global-attention block's output).
Decoder: B embeddings with one prompt each -> the mask SamPredictor returns with
         multimask_output=False (token 0; HQ-SAM: token 0 + HQ token): low_res_masks [B,1,4h,4w],
         iou_predictions [B,1], and masks [B,1,H,W] upscaled to orig_im_size the official way.
Point label PAD_ABSENT (-2) marks batch padding: such points are left out of attention, so a
prompt gives the same mask whatever the other prompts of its batch are.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .model import Sam
from .prompt_encoder import PAD_ABSENT

# Added to attention logits of absent points: exp underflows to exactly 0 in float32.
ABSENT_BIAS = -1e9


class EncoderGraph(nn.Module):
    def __init__(self, sam: Sam):
        super().__init__()
        self.sam = sam

    def forward(self, input_image):
        embedding, early = self.sam.encode(input_image)
        return (embedding, early) if self.sam.hq else embedding


class DecoderGraph(nn.Module):
    def __init__(self, sam: Sam, hq_token_only: bool = False):
        super().__init__()
        self.sam = sam
        self.hq_token_only = hq_token_only
        self.register_buffer("dense_pe", sam.prompt_encoder.dense_pe(), persistent=False)

    def decode(self, image_embeddings, early_feature, point_coords, point_labels, mask_input, has_mask_input):
        prompt = self.sam.prompt_encoder
        sparse = prompt.embed_points(point_coords, point_labels)
        dense = prompt.embed_mask(mask_input, has_mask_input)
        bias = (point_labels == PAD_ABSENT).to(sparse.dtype) * ABSENT_BIAS
        masks, iou = self.sam.mask_decoder.predict(image_embeddings, self.dense_pe, sparse, dense, early_feature, bias)
        return self.sam.mask_decoder.single_mask(masks, iou, self.hq_token_only)

    def upscale(self, low_res, orig_im_size):
        # The official postprocessing: bilinear to S, cut the padding, bilinear to the original size.
        s = self.sam.image_encoder.img_size
        masks = F.interpolate(low_res, size=(s, s), mode="bilinear", align_corners=False)
        size = orig_im_size.to(torch.float32)
        kept = torch.floor(size * (s / torch.max(size)) + 0.5).to(torch.int64)
        masks = masks[..., :kept[0], :kept[1]]
        size = orig_im_size.to(torch.int64)
        return F.interpolate(masks, size=(size[0], size[1]), mode="bilinear", align_corners=False)


class SamDecoderGraph(DecoderGraph):
    def forward(self, image_embeddings, point_coords, point_labels, mask_input, has_mask_input, orig_im_size):
        low, iou = self.decode(image_embeddings, None, point_coords, point_labels, mask_input, has_mask_input)
        return self.upscale(low, orig_im_size), iou, low


class HqDecoderGraph(DecoderGraph):
    def forward(self, image_embeddings, interm_embeddings, point_coords, point_labels, mask_input, has_mask_input, orig_im_size):
        low, iou = self.decode(image_embeddings, interm_embeddings, point_coords, point_labels, mask_input, has_mask_input)
        return self.upscale(low, orig_im_size), iou, low


def decoder_graph(sam: Sam, hq_token_only: bool = False) -> DecoderGraph:
    return (HqDecoderGraph if sam.hq else SamDecoderGraph)(sam, hq_token_only).eval()


class OfficialLayoutDecoder(DecoderGraph):
    """The decoder as the official scripts/export_onnx_model.py writes it (batch 1, one image,
    prompts padded with -1 points), for testing how the engine handles exports users already have:
    all 4 masks (index 0 = SamPredictor's single mask), or with return_single_mask the official
    choice by point count (token 0 for more than 2 points, else the best IoU of tokens 1-3)."""

    def __init__(self, sam: Sam, return_single_mask: bool):
        super().__init__(sam)
        self.return_single_mask = return_single_mask

    def forward(self, image_embeddings, point_coords, point_labels, mask_input, has_mask_input, orig_im_size):
        prompt = self.sam.prompt_encoder
        sparse = prompt.embed_points(point_coords, point_labels)
        dense = prompt.embed_mask(mask_input, has_mask_input)
        masks, iou = self.sam.mask_decoder.predict(image_embeddings, self.dense_pe, sparse, dense)
        if self.return_single_mask:
            reweight = torch.zeros(1, masks.shape[1])
            reweight[0, 0] = 1000
            score = iou + (point_coords.shape[1] - 2.5) * reweight
            best = torch.argmax(score, dim=1)
            masks = masks[torch.arange(masks.shape[0]), best].unsqueeze(1)
            iou = iou[torch.arange(iou.shape[0]), best].unsqueeze(1)
        return self.upscale(masks, orig_im_size), iou, masks
