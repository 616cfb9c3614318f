"""Export a trained sat-unet checkpoint to the SAM ONNX contract + model.json.

/usr/bin/python3 training/export_onnx.py --ckpt training/.cache/run/final.pt --out models/sat-unet
"""
import argparse, json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import SatUNet, OnnxEncoder, OnnxDecoder, EXTRA
from common import CONTEXT, MIN_CROP, PIXEL_MEAN, PIXEL_STD
import onnx_export

DEC_INPUTS = ["image_embeddings"] + EXTRA + ["point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"]


def load(ckpt, S=None):
    st = torch.load(ckpt, map_location="cpu")
    S = S or st.get("args", {}).get("input_size", 64)
    m = SatUNet(S, st.get("args", {}).get("arch", "slim"), mask_prompt=st.get("args", {}).get("mask_prompt", False))
    m.load_state_dict(st["model"])
    m.eval()
    return m, st


def dummy_inputs(m, B=2, N=3):
    S = m.S
    x = torch.randn(B, 3, S, S)
    with torch.no_grad():
        feats = OnnxEncoder(m)(x)
    coords = torch.tensor([[[10.0, 12.0], [40.0, 50.0], [25.0, 30.0]]]).repeat(B, 1, 1)[:, :N]
    labels = torch.tensor([[2.0, 3.0, 1.0]]).repeat(B, 1)[:, :N]
    mask_input = torch.randn(B, 1, S, S)
    has = torch.tensor([1.0, 0.0]).repeat(B)[:B]
    orig = torch.tensor([100.0, 100.0])
    return x, feats, (coords, labels, mask_input, has, orig)


def export(m, out, extra_meta=None, opset=17):
    os.makedirs(out, exist_ok=True)
    x, feats, prm = dummy_inputs(m)
    enc_out = ["image_embeddings"] + EXTRA
    onnx_export.export(OnnxEncoder(m), (x,), os.path.join(out, "encoder.onnx"), opset_version=opset,
                      input_names=["input_image"], output_names=enc_out,
                      dynamic_axes={"input_image": {0: "B"}, **{n: {0: "B"} for n in enc_out}}, do_constant_folding=True)
    dyn = {n: {0: "B"} for n in ["image_embeddings"] + EXTRA}
    dyn.update({"point_coords": {0: "B", 1: "N"}, "point_labels": {0: "B", 1: "N"}, "mask_input": {0: "B"},
                "has_mask_input": {0: "B"}, "masks": {0: "B", 2: "H", 3: "W"}, "iou_predictions": {0: "B"},
                "low_res_masks": {0: "B"}})
    onnx_export.export(OnnxDecoder(m), tuple(feats) + tuple(prm), os.path.join(out, "decoder.onnx"), opset_version=opset,
                      input_names=DEC_INPUTS, output_names=["masks", "iou_predictions", "low_res_masks"],
                      dynamic_axes=dyn, do_constant_folding=True)
    S = m.S
    meta = {
        "name": "sat-unet", "contract": "sam", "encoder": "encoder.onnx", "decoder": "decoder.onnx",
        "inputSize": S, "resize": "longest-side", "pad": "bottom-right-zero",
        "pixelMean": list(PIXEL_MEAN), "pixelStd": list(PIXEL_STD), "channelOrder": "rgb",
        "maskThreshold": 0.0, "multimaskOutput": False, "batchAxis": True,
        "extraFeatures": EXTRA,
        "pipeline": {"mode": "crop", "cropSize": "adaptive", "contextFactor": CONTEXT, "minCropSize": MIN_CROP,
                     "upsampleFactor": 2, "upsample": "bicubic", "border": "zero-pad",
                     "cropCentre": "box centre, window not shifted inside the frame, zero padding past the edges",
                     "boxConvention": "pixel edges: [x, y, x+w, y+h] for a tight box over pixels x..x+w-1"},
        "embeddingShape": [m.encoder.w[2], S // 4, S // 4],
        "arch": m.arch,
        "lowResMaskSize": S,
        "maskInputUsed": bool(m.mask_prompt),
        "pointsUsed": True,
        "iouPrediction": "estimated IoU of the thresholded mask with the true object mask at crop resolution (trained with MSE)",
    }
    if extra_meta:
        meta.update(extra_meta)
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
    return meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", default="", help="json file with extra model.json keys")
    a = ap.parse_args()
    m, st = load(a.ckpt)
    extra = json.load(open(a.meta)) if a.meta else None
    meta = export(m, a.out, extra)
    for f in ("encoder.onnx", "decoder.onnx"):
        print(f, os.path.getsize(os.path.join(a.out, f)) / 1e6, "MB")
    print(json.dumps(meta, indent=1))


if __name__ == "__main__":
    main()
