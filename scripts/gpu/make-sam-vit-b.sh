#!/usr/bin/env bash
# Usage: scripts/gpu/make-sam-vit-b.sh OUT_DIR     (PYTHON=... picks the interpreter; default python3)
# Issue 14 item 5a's second model: a SAM ViT-B model folder (batched encoder + decoder ONNX and
# model.json, as "Bring your own SAM" makes from a real checkpoint) in the real architecture with
# random weights, made by the repo's training/make_random_sam.py and training/export_sam.py with any
# Python that has torch (1.13 here; a torch of 2.9 or later is told to use the TorchScript exporter,
# training/onnx_export.py). No checkpoint can be downloaded where this project is built, and the
# weights' values do not change the work, so its timings are a real ViT-B's. The encoder alone is
# 359 MB, over what one device call carries (64 MiB): make it on the machine that measures it, then
#   OUT_DIR_OF_THE_BUNDLE/measure-io-binding.sh --model OUT_DIR --batch 1,2,4,8,16,32
# Measured on the 2-core development machine (2026-12-04, loaded): 9.6 min to make, and on its CPU
# `bench model --model OUT_DIR --batch 1,2 --calls 1` 6.5 s per 1024 px crop.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
out="$1"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-python3}"
"$python" -c 'import torch' 2>/dev/null || { echo "error: $python has no torch (set PYTHON to an interpreter that has)" >&2; exit 1; }
checkpoint="$(mktemp --suffix=.pth)"
trap 'rm -f "$checkpoint"' EXIT
"$python" "$repo/training/make_random_sam.py" --config vit_b --out "$checkpoint"
"$python" "$repo/training/export_sam.py" --checkpoint "$checkpoint" --out "$out" --name sam-vit-b-random --threads "$(nproc)"
