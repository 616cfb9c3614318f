"""Turns an official SAM / HQ-SAM / ROS-SAM checkpoint into a batched model folder for satvidseg.

  /usr/bin/python3 training/export_sam.py --checkpoint sam_vit_b_01ec64.pth --out models/sam-vit-b
  /usr/bin/python3 training/export_sam.py --checkpoint sam_hq_vit_l.pth --out models/sam-hq-vit-l

The architecture (ViT-B/L/H or any size, SAM or HQ-SAM) is read from the checkpoint's tensors;
--model-type and --hq/--no-hq only assert it. The folder holds encoder.onnx and decoder.onnx
(opset 17, dynamic batch axis B, FORMATS.md §1 "Batched export") and model.json (ROS-SAM's crop
pipeline: a 512 px crop centred on the box, x2 bicubic, one object per crop, batched across
objects). --golden writes golden.json + golden.bin: random inputs and the torch outputs for them,
which tests feed to ONNX Runtime (tests/SatVideoSeg.Tests/Segmentation/SamExportTests.cs).
"""
import argparse, hashlib, json, os, shutil, sys, tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sam import load_checkpoint  # noqa: E402
from sam.onnx_wrappers import EncoderGraph, OfficialLayoutDecoder, decoder_graph  # noqa: E402
from sam.prompt_encoder import PAD_ABSENT  # noqa: E402
import onnx_export  # noqa: E402

OPSET = 17


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def gather_external_data(folder, onnx_name):
    """torch writes graphs over protobuf's 2 GB limit (ViT-H) with one external file per weight,
    hundreds of them; rewrite those as one <name>.data file beside the graph. Call it right after
    exporting <name> into a folder that held nothing else."""
    import onnx
    scattered = [f for f in os.listdir(folder) if f != onnx_name]
    if not scattered:
        return
    path = os.path.join(folder, onnx_name)
    model = onnx.load(path)  # reads the external files into memory
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=onnx_name + ".data")
    for f in scattered:
        os.remove(os.path.join(folder, f))


def example_decoder_inputs(sam, batch=3, seed=0):
    """A batch of three different prompts, as the engine sends them: a box (padded with an absent
    point to the batch's 3 points); a box and a negative point; a box, a positive point and a mask."""
    g = torch.Generator().manual_seed(seed)
    s = sam.image_encoder.img_size
    low = 4 * sam.prompt_encoder.image_embedding_size[0]
    coords = torch.zeros(batch, 3, 2)
    labels = torch.full((batch, 3), float(PAD_ABSENT))
    for i in range(batch):
        x0, y0 = (torch.rand(2, generator=g) * 0.4 + 0.1) * s
        x1, y1 = x0 + (0.2 + 0.3 * torch.rand(1, generator=g)) * s, y0 + (0.2 + 0.3 * torch.rand(1, generator=g)) * s
        coords[i, 0], coords[i, 1] = torch.tensor([x0, y0]), torch.tensor([x1.item(), y1.item()])
        labels[i, 0], labels[i, 1] = 2, 3
        if i >= 1:
            coords[i, 2] = torch.rand(2, generator=g) * s
            labels[i, 2] = 0 if i == 1 else 1
    mask_input = torch.randn(batch, 1, low, low, generator=g) * 4
    has_mask = torch.tensor([0.0, 0.0, 1.0][:batch] + [0.0] * max(0, batch - 3))
    orig = torch.tensor([s // 2, s // 2], dtype=torch.float32)  # a crop side: ROS-SAM upsamples x2
    return coords, labels, mask_input, has_mask, orig


def export(sam, out, hq_token_only=False, opset=OPSET):
    s = sam.image_encoder.img_size
    encoder = EncoderGraph(sam).eval()
    decoder = decoder_graph(sam, hq_token_only)
    images = torch.randn(2, 3, s, s)
    enc_outputs = ["image_embeddings"] + (["interm_embeddings"] if sam.hq else [])
    with torch.no_grad():
        onnx_export.export(encoder, (images,), os.path.join(out, "encoder.onnx"), opset_version=opset,
                          input_names=["input_image"], output_names=enc_outputs,
                          dynamic_axes={"input_image": {0: "B"}, **{n: {0: "B"} for n in enc_outputs}},
                          do_constant_folding=True)
        gather_external_data(out, "encoder.onnx")
        # Example features of the right shapes: tracing the decoder needs no real encoder run
        # (one ViT-H forward costs minutes on a small CPU).
        g = sam.prompt_encoder.image_embedding_size[0]
        features = (torch.randn(3, sam.prompt_encoder.embed_dim, g, g),)
        if sam.hq:
            features += (torch.randn(3, g, g, sam.image_encoder.patch_embed.proj.out_channels),)
        prompts = example_decoder_inputs(sam)
        inputs = list(features) + list(prompts)
        names = enc_outputs + ["point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"]
        dynamic = {n: {0: "B"} for n in names[:-1]}
        dynamic["point_coords"] = {0: "B", 1: "N"}
        dynamic["point_labels"] = {0: "B", 1: "N"}
        dynamic.update({"masks": {0: "B", 2: "H", 3: "W"}, "iou_predictions": {0: "B"}, "low_res_masks": {0: "B"}})
        onnx_export.export(decoder, tuple(inputs), os.path.join(out, "decoder.onnx"), opset_version=opset,
                          input_names=names, output_names=["masks", "iou_predictions", "low_res_masks"],
                          dynamic_axes=dynamic, do_constant_folding=True)
    return encoder, decoder


def export_official_layout(sam, out, single_mask, opset=OPSET):
    """Batch-1 files shaped as the official scripts/export_onnx_model.py writes them (with or
    without --return-single-mask) and a minimal model.json, as a user of such an export writes it."""
    if sam.hq:
        raise ValueError("--official-layout covers the SAM decoder only (HQ-SAM's own export script differs)")
    s = sam.image_encoder.img_size
    g = sam.prompt_encoder.image_embedding_size[0]
    with torch.no_grad():
        onnx_export.export(EncoderGraph(sam).eval(), (torch.randn(1, 3, s, s),), os.path.join(out, "encoder.onnx"),
                          opset_version=opset, input_names=["input_image"], output_names=["image_embeddings"])
        inputs = (torch.randn(1, sam.prompt_encoder.embed_dim, g, g), torch.rand(1, 3, 2) * s, torch.tensor([[2.0, 3.0, -1.0]]),
                  torch.zeros(1, 1, 4 * g, 4 * g), torch.zeros(1), torch.tensor([s / 2, s / 2]))
        onnx_export.export(OfficialLayoutDecoder(sam, single_mask).eval(), inputs, os.path.join(out, "decoder.onnx"), opset_version=opset,
                          input_names=["image_embeddings", "point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"],
                          output_names=["masks", "iou_predictions", "low_res_masks"],
                          dynamic_axes={"point_coords": {1: "num_points"}, "point_labels": {1: "num_points"}})
    return {"name": os.path.basename(os.path.abspath(out)), "contract": "sam", "inputSize": s, "multimaskOutput": not single_mask,
            "pipeline": {"mode": "crop", "cropSize": "fixed", "upsampleFactor": 2, "upsample": "bicubic", "border": "zero-pad"}}


def manifest(sam, name, checkpoint, hq_token_only, cfg, decoder=None):
    s = sam.image_encoder.img_size
    decoder_source = {"file": os.path.basename(decoder), "sha256": sha256(decoder)} if decoder else None
    return {
        "name": name,
        "contract": "sam-hq" if sam.hq else "sam",
        "encoder": "encoder.onnx",
        "decoder": "decoder.onnx",
        "inputSize": s,
        "resize": "longest-side",
        "pixelMean": [123.675, 116.28, 103.53],
        "pixelStd": [58.395, 57.12, 57.375],
        "channelOrder": "rgb",
        "maskThreshold": 0.0,
        "multimaskOutput": False,
        "batchAxis": True,
        "extraFeatures": ["interm_embeddings"] if sam.hq else [],
        "paddingLabel": PAD_ABSENT,
        "pipeline": {"mode": "crop", "cropSize": "fixed", "upsampleFactor": 2, "contextFactor": 2.0,
                     "minCropSize": 16, "upsample": "bicubic", "border": "zero-pad"},
        "maskInputUsed": True,
        "pointsUsed": True,
        # SamPredictor.predict(multimask_output=False): token 0 (HQ-SAM: + the HQ token's mask).
        "maskSelection": "token0",
        "hqTokenOnly": bool(sam.hq and hq_token_only),
        "source": {"checkpoint": os.path.basename(checkpoint), "sha256": sha256(checkpoint), "decoder": decoder_source, "architecture": cfg,
                   "exportedWith": f"training/export_sam.py, torch {torch.__version__}, opset {OPSET}"},
    }


def write_golden(sam, encoder, decoder, out, seed=1):
    """Random encoder input and a decoder batch with torch's outputs, float32 little-endian."""
    s = sam.image_encoder.img_size
    g = torch.Generator().manual_seed(seed)
    images = torch.randn(2, 3, s, s, generator=g)
    with torch.no_grad():
        features = encoder(images)
        features = features if isinstance(features, tuple) else (features,)
        # The decoder batch reuses crop 0's features three times and crop 1's never: that is allowed.
        dec_features = [f[:1].expand(3, *f.shape[1:]).contiguous() for f in features]
        prompts = example_decoder_inputs(sam, seed=seed)
        masks, iou, low = decoder(*dec_features, *prompts)
    tensors = {"input_image": images, "image_embeddings": features[0]}
    if sam.hq:
        tensors["interm_embeddings"] = features[1]
    names = ["point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"]
    tensors.update({f"decoder.{n}": t for n, t in zip(names, prompts)})
    tensors.update({"decoder.masks": masks, "decoder.iou_predictions": iou, "decoder.low_res_masks": low})
    entries, offset = [], 0
    with open(os.path.join(out, "golden.bin"), "wb") as f:
        for name, t in tensors.items():
            data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
            f.write(data)
            entries.append({"name": name, "shape": list(t.shape), "offset": offset})
            offset += len(data)
    with open(os.path.join(out, "golden.json"), "w") as f:
        json.dump({"decoderBatchUsesFeaturesOfImage": 0, "tensors": entries}, f, indent=1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True, help="official SAM / HQ-SAM state_dict (.pth), or ROS-SAM merged weights")
    ap.add_argument("--decoder", default=None, help="a mask decoder saved on its own (e.g. ROS-SAM's / HQ-SAM's trained MaskDecoderHQ) to use with the checkpoint's encoder")
    ap.add_argument("--model-type", default="auto", choices=["auto", "vit_b", "vit_l", "vit_h"])
    hq = ap.add_mutually_exclusive_group()
    hq.add_argument("--hq", dest="hq", action="store_true", default=None, help="insist the checkpoint is HQ-SAM")
    hq.add_argument("--no-hq", dest="hq", action="store_false", help="insist it is plain SAM")
    ap.add_argument("--hq-token-only", action="store_true", help="HQ-SAM: the HQ token's mask alone (default: SAM + HQ, as SamPredictor)")
    ap.add_argument("--out", required=True, help="model folder to write (must not exist or be empty)")
    ap.add_argument("--name", default=None, help="model name shown in reports (default: the folder name)")
    ap.add_argument("--golden", action="store_true", help="also write golden.json/bin for the ONNX Runtime check")
    ap.add_argument("--official-layout", choices=["4-mask", "single-mask"], default=None,
                    help="for tests: batch-1 files as the official export script writes them (without / with --return-single-mask)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    if not os.path.isfile(a.checkpoint):
        sys.exit(f"error: --checkpoint {a.checkpoint}: no such file")
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit(f"error: --out {a.out} exists and is not empty")
    try:
        sam = load_checkpoint(a.checkpoint, a.model_type, a.hq, decoder=a.decoder)
    except (ValueError, RuntimeError) as e:
        sys.exit(f"error: {a.checkpoint}: {e}")
    if a.official_layout and sam.hq:
        sys.exit("error: --official-layout covers SAM checkpoints only (HQ-SAM's own export script writes another decoder)")
    cfg = sam.config.describe()
    parent = os.path.dirname(os.path.abspath(a.out))
    os.makedirs(parent, exist_ok=True)
    # Written into a sibling temporary folder and renamed: a failed export leaves nothing behind.
    tmp = tempfile.mkdtemp(prefix=".export-", dir=parent)
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; a model folder is read by other users
    try:
        name = a.name or os.path.basename(os.path.abspath(a.out))
        if a.official_layout:
            meta = export_official_layout(sam, tmp, a.official_layout == "single-mask") | {"name": name}
        else:
            encoder, decoder = export(sam, tmp, a.hq_token_only)
            if a.golden:
                write_golden(sam, encoder, decoder, tmp)
            meta = manifest(sam, name, a.checkpoint, a.hq_token_only, cfg, a.decoder)
        with open(os.path.join(tmp, "model.json"), "w") as f:
            json.dump(meta, f, indent=2)
        if os.path.exists(a.out):
            os.rmdir(a.out)
        os.replace(tmp, a.out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    kind = "HQ-SAM" if sam.hq else "SAM"
    layout = f"official {a.official_layout} layout, batch 1" if a.official_layout else "batched"
    print(f"{a.out}: {kind} ViT width {cfg['embed_dim']} depth {cfg['depth']} at {cfg['img_size']} px, "
          f"{sum(p.numel() for p in sam.parameters())} parameters; encoder.onnx + decoder.onnx ({layout}) + model.json")


if __name__ == "__main__":
    main()
