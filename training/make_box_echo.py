#!/usr/bin/python3
"""Writes a model folder whose "model" is geometry, for testing the engine's plumbing without a
trained network: the decoder's logit at each cell of the S x S crop grid is the signed distance
(in grid pixels) from the cell centre to the prompt box's nearest edge, positive inside. Pasted
back through the engine's crop, resize and threshold (> 0), the mask must be the box itself: the
pixels whose centres lie inside it (BitMask.FromBox), so any error of the crop window, the
coordinate transform, the batch order or the paste-back shows as a mask off its box.

The files follow the project's batched SAM contract (FORMATS.md 1) like sat-unet: encoder
[B,3,S,S] -> image_embeddings [B,1,S/4,S/4]; decoder (image_embeddings, point_coords [B,N,2],
point_labels [B,N], mask_input, has_mask_input, orig_im_size) -> masks, iou_predictions [B,1],
low_res_masks [B,1,S,S]. The image and the mask prompt are ignored.

Usage: make_box_echo.py --out FOLDER [--size 64]
"""
import argparse
import json
import os

import torch

import onnx_export

torch.set_num_threads(2)


class Encoder(torch.nn.Module):
    def forward(self, input_image):
        # Any image-dependent tensor of the contract's shape: the decoder does not read it.
        return torch.nn.functional.avg_pool2d(input_image[:, :1], 4)


class Decoder(torch.nn.Module):
    def __init__(self, size):
        super().__init__()
        centres = torch.arange(size, dtype=torch.float32) + 0.5  # pixel edges: cell j spans [j, j+1)
        self.register_buffer("centres", centres)

    def forward(self, image_embeddings, point_coords, point_labels, mask_input, has_mask_input, orig_im_size):
        top_left = (point_coords * (point_labels == 2).unsqueeze(-1).float()).sum(1)  # [B,2]
        bottom_right = (point_coords * (point_labels == 3).unsqueeze(-1).float()).sum(1)
        x = self.centres.view(1, 1, -1)
        y = self.centres.view(1, -1, 1)
        inside_x = torch.minimum(x - top_left[:, 0].view(-1, 1, 1), bottom_right[:, 0].view(-1, 1, 1) - x)
        inside_y = torch.minimum(y - top_left[:, 1].view(-1, 1, 1), bottom_right[:, 1].view(-1, 1, 1) - y)
        low_res = torch.minimum(inside_x, inside_y).unsqueeze(1)  # [B,1,S,S]
        # Keep the unused inputs in the graph so that their names stay inputs of the exported file.
        low_res = low_res + 0 * (image_embeddings.mean() + mask_input.mean() + has_mask_input.mean())
        # The engine reads low_res_masks only; masks stay at the grid's size instead of orig_im_size.
        iou = torch.ones_like(low_res[:, :, 0, 0]) + 0 * orig_im_size.sum()
        return low_res * 1, iou, low_res


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()
    s = args.size
    os.makedirs(args.out, exist_ok=True)
    onnx_export.export(Encoder(), (torch.zeros(2, 3, s, s),), os.path.join(args.out, "encoder.onnx"), opset_version=17,
                      input_names=["input_image"], output_names=["image_embeddings"],
                      dynamic_axes={"input_image": {0: "B"}, "image_embeddings": {0: "B"}})
    inputs = (torch.zeros(2, 1, s // 4, s // 4), torch.zeros(2, 3, 2), torch.tensor([[2.0, 3.0, -1.0]] * 2),
              torch.zeros(2, 1, s, s), torch.zeros(2), torch.tensor([float(s), float(s)]))
    onnx_export.export(Decoder(s), inputs, os.path.join(args.out, "decoder.onnx"), opset_version=17,
                      input_names=["image_embeddings", "point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"],
                      output_names=["masks", "iou_predictions", "low_res_masks"],
                      dynamic_axes={"image_embeddings": {0: "B"}, "point_coords": {0: "B", 1: "N"}, "point_labels": {0: "B", 1: "N"},
                                    "mask_input": {0: "B"}, "has_mask_input": {0: "B"}, "masks": {0: "B"},
                                    "iou_predictions": {0: "B"}, "low_res_masks": {0: "B"}})
    manifest = {
        "name": "box-echo",
        "contract": "sam",
        "encoder": "encoder.onnx",
        "decoder": "decoder.onnx",
        "inputSize": s,
        "resize": "longest-side",
        "pad": "bottom-right-zero",
        "pixelMean": [123.675, 116.28, 103.53],
        "pixelStd": [58.395, 57.12, 57.375],
        "channelOrder": "rgb",
        "maskThreshold": 0.0,
        "multimaskOutput": False,
        "batchAxis": True,
        "pipeline": {"mode": "crop", "cropSize": "adaptive", "contextFactor": 1.6, "minCropSize": 16.0, "upsampleFactor": 2,
                     "upsample": "bicubic", "border": "zero-pad"},
        "embeddingShape": [1, s // 4, s // 4],
        "lowResMaskSize": s,
        "maskInputUsed": False,
        "pointsUsed": True,
    }
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
