"""Write models/sat-unet/MODEL_CARD.md from the eval json, verify json and the training log."""
import argparse, json, os, re, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import SatUNet, count_params, ARCHS

CLS = ["plane", "ship", "small_vehicle", "large_vehicle", "helicopter"]


def table(res, classes):
    rows = ["| class | n | IoU | boundary IoU (d = 2% of crop diag) | boundary IoU (d = 1) | box-fill IoU | box-fill BIoU | IoU-head MAE |",
            "|---|---|---|---|---|---|---|---|"]
    for c in classes + ["all"]:
        if c not in res:
            continue
        r = res[c]
        rows.append(f"| {c} | {r['n']} | **{r['iou']:.3f}** | {r['biou']:.3f} | {r['biou_d1']:.3f} | {r['box_iou']:.3f} | {r['box_biou']:.3f} | {r.get('iou_head_mae', '')} |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--eval", required=True)
    ap.add_argument("--verify", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--notes", default="")
    a = ap.parse_args()
    st = torch.load(a.ckpt, map_location="cpu")
    args = st["args"]
    m = SatUNet(args["input_size"], args.get("arch", "slim"))
    ev = json.load(open(a.eval)); vf = json.load(open(a.verify))
    log = open(a.log).read()
    vals, tcur = [], 0.0
    for l in log.splitlines():
        mt = re.search(r" t=([0-9.]+)m", l)
        if l.startswith("step") and mt:
            tcur = float(mt.group(1))
        if l.startswith("val "):
            vals.append((tcur, json.loads(l[4:])))
    S = args["input_size"]
    meta = json.load(open(os.path.join(a.out, "model.json")))
    sizes = {f: os.path.getsize(os.path.join(a.out, f)) / 1e6 for f in ("encoder.onnx", "decoder.onnx")}
    arch = ARCHS[args.get("arch", "slim")]
    p = ev["p0003"]["all"]
    notes = open(a.notes).read() if a.notes else ""
    import numpy as np
    from common import TARGET_CLASSES
    here = os.path.dirname(os.path.abspath(__file__))
    def counts(split):
        c = np.load(os.path.join(here, ".cache/isaid", split, "meta.npz"))["cls"]
        return ", ".join(f"{int((c == k).sum()):,} {v}" for k, v in TARGET_CLASSES.items())
    train_counts = counts("train") + " (val: " + counts("val") + ")"
    txt = f"""# sat-unet — embedded default segmenter (SAM ONNX contract)

A small box-promptable segmenter for small objects in satellite imagery (planes, ships, vehicles,
helicopters), trained from scratch on CPU by `training/` in this repository. It is not SAM: it is a
CNN whose ONNX files follow the Segment-Anything decoder/encoder contract (FORMATS.md 1), so the
engine runs it like any SAM-family model.

## Files
| file | size |
|---|---|
| `encoder.onnx` | {sizes['encoder.onnx']:.2f} MB |
| `decoder.onnx` | {sizes['decoder.onnx']:.2f} MB |
| `model.json` | engine settings (input size, normalisation, crop rule, extra feature names) |

## Architecture ({count_params(m):,} parameters: encoder {count_params(m.encoder):,}, decoder {count_params(m.decoder):,})
- Input S = {S} px crops (RGB, SAM normalisation: mean (123.675, 116.28, 103.53), std (58.395, 57.12, 57.375) on 0-255).
- **Encoder (prompt-free)**: conv-BN-ReLU stages at strides 1/2/4/8/16, widths {list(arch['w'])}, residual blocks {list(arch['nres'])}.
  Outputs: `image_embeddings` = stride-4 features [B,{arch['w'][2]},{S//4},{S//4}] (so the contract's 4h = {S} = the full crop
  resolution), plus `interm_embeddings_0` (stride 1, [B,{arch['w'][0]},{S},{S}]), `interm_embeddings_1` (stride 2,
  [B,{arch['w'][1]},{S//2},{S//2}]), `interm_embeddings_2` (stride 8, [B,{arch['w'][3]},{S//8},{S//8}]), `interm_embeddings_3`
  (stride 16, [B,{arch['w'][4]},{S//16},{S//16}]) — declared in `model.json` `extraFeatures`, decoder inputs of the same names.
- **Decoder**: rasterises the prompt inside the graph into 3 maps at S x S — the box (labels 2/3) as a per-pixel
  **area-coverage** map, positive points (label 1) and negative points (label 0) as gaussian blobs (sigma 2 px) —
  average-pools them to every scale and runs a U-Net decoder from stride 16 to stride 1 (widths {list(arch['d'][::-1])}),
  concatenating the prompt maps and the encoder skip at every scale (the box is the decoder's early-fusion input:
  TRAINING-NOTES lesson 3). 1x1 head -> `low_res_masks` [B,1,{S},{S}] logits; `masks` = bilinear resize of those logits
  to `orig_im_size` (dynamic in the graph); threshold > 0.
- `iou_predictions` [B,1]: a small MLP on pooled bottleneck and mask-weighted final features, trained with MSE
  against the true IoU of the thresholded predicted mask with the ground truth at crop resolution. Meaning: the
  model's estimate of its own mask IoU (0..1, not clamped). Measured quality below (MAE, Pearson r).
- `mask_input` / `has_mask_input`: accepted (dynamic B), **ignored** (multiplied by zero in the graph).
- Single mask output (`multimaskOutput: false`); B (batch) and N (points) are dynamic axes in both files.
- Loss: BCE + soft Dice (per sample) + MSE(iou). Export: `torch.onnx.export`, opset 17.

## Coordinate and crop conventions (the engine must match these)
- `point_coords` are (x, y) in the S x S encoder-input frame, **continuous pixel-edge coordinates**: pixel column j
  spans [j, j+1). A box is [x0, y0, x1, y1] = [x, y, x+w, y+h] for a tight box over pixels x..x+w-1 (label 2 = top-left
  corner (x0,y0), label 3 = bottom-right (x1,y1)). The box map value of pixel (j, i) is the fraction of the pixel square
  inside the box, so pixel (j, i) is "inside" (>= 0.5 coverage, for boxes wider than 1 px) iff x0 <= j + 0.5 <= x1 and
  y0 <= i + 0.5 <= y1. No 0.5 shift is added by the graph (unlike SAM). Padding points: label -1.
- No box (no label 2/3 pair): the whole crop is taken as the box (untrained use: points alone are weak).
- Points: positive / negative points were used in {int(0.3*100)}% of training samples (1-2 positives inside the mask;
  one negative at a neighbouring object's centre or on background inside the box).
- **Crop rule** (`model.json` `pipeline`): square window centred on the box centre, side = round(max({meta['pipeline']['contextFactor']} x max(w, h),
  {meta['pipeline']['minCropSize']})) native px, top-left = floor(centre - side/2 + 0.5); NOT shifted inside the frame (zero padding
  past the edges); resized to {S} x {S} with bicubic interpolation (PIL, antialiased when shrinking); box mapped into the crop by
  (x - x0) * S / side. Output: `low_res_masks` resized bilinearly (half-pixel centres) to side x side, pasted back, > 0.
  Training crops used context factors 1.3-4 (log-uniform, half of the samples) or 1.7-2.4 (the other half), min side
  12-24 native px, 20% off-centre by up to 20% of the side, any rotation, flips.

## Training data
iSAID-512 tiles (`../shared/data/train/isaid-512`, iSAID / DOTA imagery, **academic use only**), 90/10 split by tile
(seed 0): train = {train_counts}; validation = the held-out 10% of tiles. Polygons under 1 px area dropped;
rasterised with PIL (integer vertex = pixel centre, boundary included). Small vehicles capped at 16,000 in training.
Batches sampled by class: plane 0.30, ship 0.30, small vehicle 0.17, large vehicle 0.18, helicopter 0.05.
No synthetic data (trains) yet: `train.py --data <isaid cache> <synth cache>` takes them when available.
Nothing from `../shared/data/real/` was used for training.

## Training run
{args['minutes']:.0f} min wall-clock cosine schedule (AdamW, lr {args['lr']}, wd {args['wd']}, batch {args['batch']}, {args['warmup']}-step warm-up,
decay to 2%), on this machine: 2 CPU cores shared with concurrent C# builds/tests of the other engineer (load average
2-20 during the run, mostly 6-17; steps took 1-6 s), torch 1.13, 2 threads. Steps: {st['step']} ({st['step']*args['batch']:,} crops), training time
{st['elapsed']/60:.1f} min (plus 2.4 min one-off crop cutting). The schedule ran to its end (no mid-schedule checkpoint shipped).

Validation at crop resolution (64 px) during training (up to 300 objects per class of the validation crops; context 2.0, min side 16 px, tight box; mean IoU):
| ~training minutes | plane | ship | small veh. | large veh. | heli | mean of 4 |
|---|---|---|---|---|---|---|
""" + "\n".join(f"| {i:.1f} | {v.get('plane','')} | {v.get('ship','')} | {v.get('small_vehicle','')} | {v.get('large_vehicle','')} | {v.get('helicopter','')} | {v['mean4']} |" for i, v in vals) + f"""

Versus TRAINING-NOTES (1.15 M U-Net, 128 px, 34 min uncontended, mean of 4 classes at crop resolution 0.787,
planes 0.761): this run's crop-resolution mean is lower (0.766, planes 0.730; measured at 64 px crops) after a
contended 78 min; at native resolution it reaches planes 0.750 and ships 0.832 (below).

## Measured results (native resolution, tight box prompt, crop rule above)
IoU and boundary IoU per object. Boundary IoU (FORMATS.md 7): boundary = mask minus its erosion (3x3, d times, 1-px zero
padding at the image border); **d = max(1, round(0.02 x the object's crop diagonal))** (side x sqrt 2 of the inference crop),
not the image diagonal, which would swallow small objects; also given with d = 1.

### (a) real validation tiles (held-out 10% of isaid-512; {ev.get('val_tiles', 'all validation tiles')}: {ev['val']['all']['n']} objects), per object
{table(ev['val'], CLS)}

### (b) `../shared/data/real/isaid-P0003` (59 instances, tight bbox from instances.json)
{table(ev['p0003'], ['large_vehicle', 'small_vehicle', 'storage_tank'])}

Overall: **{p['iou']:.3f}** mean IoU vs box-fill {p['box_iou']:.3f} (README: 0.695) — {'+' if p['iou'] >= p['box_iou'] else ''}{p['iou'] - p['box_iou']:.3f}.
IoU head: Pearson r between predicted and true IoU = {ev['val']['all'].get('iou_head_pearson', 'n/a')} (validation), {p.get('iou_head_pearson', 'n/a')} (P0003).

### (c) held-out synthetic seeds
Not measured: no synthetic data existed when this model was trained.

## ONNX verification
`training/verify_onnx.py` (runtime used: {vf['runtime']}; Debian 12's onnx 1.12 has no `onnx.reference` and no onnxruntime
package exists here): encoder max |ONNX - torch| = {vf['encoder_max_abs_diff']:.2e}, decoder = {vf['decoder_max_abs_diff']:.2e}
over B = 3 and N = 2, 3, 4 with orig_im_size 37x53, 64x64, 120x90 -> {'PASS' if vf['pass'] else 'FAIL'} (tolerance 1e-4). The C# engine
(ONNX Runtime) should re-check it.

{notes}
"""
    open(os.path.join(a.out, "MODEL_CARD.md"), "w").write(txt)
    print("written")


if __name__ == "__main__":
    main()
