"""The project's own PyTorch implementation of the Segment Anything family (SAM, HQ-SAM, ROS-SAM).

Written from the published architecture so that the official checkpoints load with strict=True
under their original key names (`image_encoder.*`, `prompt_encoder.*`, `mask_decoder.*`). Nothing
here imports segment_anything; the behaviour was matched against the official sources outside the
repository (see training/README.md, "Bring your own SAM").
"""
from .build import SamConfig, build_sam, config_from_state_dict, load_checkpoint, PRESETS  # noqa: F401
from .model import Sam  # noqa: F401
