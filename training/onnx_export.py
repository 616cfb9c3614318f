"""torch.onnx.export with the TorchScript-based exporter on every torch version.

The project's graphs (SAM's ViT with decomposed relative positions, the batched decoders, sat-unet)
are traced with that exporter at opset 17, with dynamic batch axes named in `dynamic_axes`. torch
2.9 made the dynamo-based exporter the default (`dynamo=True`), which needs the onnxscript package
and reads `dynamic_shapes` instead, so a user exporting a checkpoint with a current torch would get
other graphs, or none; torch 1.13 (Debian's) has no `dynamo` argument at all.
"""
import inspect

import torch

_HAS_DYNAMO_SWITCH = "dynamo" in inspect.signature(torch.onnx.export).parameters


def export(*args, **kwargs):
    """torch.onnx.export(*args, **kwargs), with dynamo=False where torch offers the choice."""
    if _HAS_DYNAMO_SWITCH:
        kwargs.setdefault("dynamo", False)
    torch.onnx.export(*args, **kwargs)
