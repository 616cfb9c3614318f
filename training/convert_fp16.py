"""Converts a model folder (model.json + encoder/decoder ONNX) to float16: every float32 tensor of
the graphs (inputs, outputs, weights, constants, Cast targets) becomes float16, and model.json
says "tensorType": "float16", so the engine feeds float16 inputs and converts float16 outputs back
(issue 14: fp16 model folders run as fp16 on a GPU). The SAM contract is otherwise unchanged:
same tensor names, ranks and batch axis.

Only python3-onnx and numpy (no onnxconverter-common). Inputs that ONNX requires as float32
whatever the data type (Resize's roi and scales) stay float32.

    /usr/bin/python3 training/convert_fp16.py --src models/sat-unet --out models/sat-unet-fp16
"""
import argparse, json, os, shutil, sys
import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

FLOAT, HALF = TensorProto.FLOAT, TensorProto.FLOAT16
FP16_MAX = float(np.finfo(np.float16).max)
# (op, input index) that ONNX types as float32 whatever the data's type.
KEEP_FLOAT32_INPUTS = {("Resize", 1), ("Resize", 2)}


def to_half(tensor):
    """A float32 TensorProto as float16, clipped to float16's range (weights beyond it become +-max, not inf)."""
    values = np.clip(numpy_helper.to_array(tensor), -FP16_MAX, FP16_MAX).astype(np.float16)
    return numpy_helper.from_array(values, tensor.name)


def convert_graph(model):
    graph = model.graph
    keep = {node.input[i] for node in graph.node for (op, i) in KEEP_FLOAT32_INPUTS if node.op_type == op and len(node.input) > i}
    for i, init in enumerate(graph.initializer):
        if init.data_type == FLOAT and init.name not in keep:
            graph.initializer[i].CopyFrom(to_half(init))
    for node in graph.node:
        for attr in node.attribute:
            if node.op_type == "Cast" and attr.name == "to" and attr.i == FLOAT:
                attr.i = HALF
            # Constant's value and ConstantOfShape's fill value.
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == FLOAT and not set(node.output) & keep:
                attr.t.CopyFrom(to_half(attr.t))
            if node.op_type == "Constant" and attr.name in ("value_float", "value_floats"):
                raise SystemExit(f"{node.name}: Constant {attr.name} is not supported; re-export with tensor constants")
    for value in list(graph.input) + list(graph.output) + list(graph.value_info):
        if value.type.tensor_type.elem_type == FLOAT and value.name not in keep:
            value.type.tensor_type.elem_type = HALF
    # Types inside the graph are re-inferred from the converted inputs and weights.
    del graph.value_info[:]
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", required=True, help="model folder with model.json")
    ap.add_argument("--out", required=True, help="new model folder (must not exist)")
    args = ap.parse_args()
    manifest_path = os.path.join(args.src, "model.json")
    manifest = json.load(open(manifest_path))
    if manifest.get("tensorType", "float32") != "float32":
        sys.exit(f"{manifest_path}: tensorType is {manifest['tensorType']}, expected float32")
    if os.path.exists(args.out):
        sys.exit(f"{args.out}: already exists; give a new folder")
    os.makedirs(args.out)
    for key, default in (("encoder", "encoder.onnx"), ("decoder", "decoder.onnx")):
        name = manifest.get(key, default)
        model = convert_graph(onnx.load(os.path.join(args.src, name)))
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(args.out, name))
    manifest["tensorType"] = "float16"
    manifest["name"] = manifest.get("name", os.path.basename(os.path.normpath(args.src))) + "-fp16"
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    card = os.path.join(args.src, "MODEL_CARD.md")
    if os.path.exists(card):
        shutil.copy(card, os.path.join(args.out, "MODEL_CARD.md"))
    print(f"{args.out}: float16 copy of {args.src}")


if __name__ == "__main__":
    main()
