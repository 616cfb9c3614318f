"""Write a model folder's MODEL_CARD.md from eval_real.py's json (several models on one split),
verify_onnx.py's json and the training log; engine measurements (synthetic sample, bench model,
targets) come in as a markdown --notes file."""
import argparse, json, os, re, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import SatUNet, count_params, ARCHS

CLS = ["plane", "ship", "small_vehicle", "large_vehicle", "helicopter"]


def table(res, classes, base=None):
    rows = ["| class | n | IoU | boundary IoU (d = 2% of crop diag) | boundary IoU (d = 1) | box-fill IoU | box-fill BIoU | IoU-head MAE |" + (" previous model IoU |" if base else ""),
            "|---|---|---|---|---|---|---|---|" + ("---|" if base else "")]
    for c in classes + ["all"]:
        if c not in res:
            continue
        r = res[c]
        old = f" {base[c]['iou']:.3f} |" if base and c in base else (" |" if base else "")
        rows.append(f"| {c} | {r['n']} | **{r['iou']:.3f}** | {r['biou']:.3f} | {r['biou_d1']:.3f} | {r['box_iou']:.3f} | {r['box_biou']:.3f} | {r.get('iou_head_mae', '')} |" + old)
    return "\n".join(rows)


def read_log(path):
    vals, vmask, tcur = [], [], 0.0
    for l in open(path).read().splitlines():
        mt = re.search(r" t=([0-9.]+)m", l)
        if l.startswith("step") and mt:
            tcur = float(mt.group(1))
        if l.startswith("val "):
            vals.append(json.loads(l[4:]))
        if l.startswith("val_mask "):
            vmask.append(json.loads(l[9:]))
    return vals, vmask


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--eval", required=True, help="eval_real.py json (several models)")
    ap.add_argument("--name", required=True, help="this model's name in the eval json")
    ap.add_argument("--baseline", default="", help="the previous model's name in the eval json")
    ap.add_argument("--verify", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--notes", default="")
    ap.add_argument("--init-note", default="", help="what the --init checkpoint was")
    ap.add_argument("--synth", default="", help="the synthetic crop cache the run used (default: the one named in the checkpoint's --data)")
    ap.add_argument("--synth-note", default="`satvidseg synth --seed 101..116 --width 960 --height 720`, 8-12 trains each; validation from seeds 117-118",
                    help="how the synthetic videos were rendered (seeds, sizes)")
    ap.add_argument("--schedule-note", default="", help="what changed along the run (resumed with other options), if anything")
    ap.add_argument("--date", default="2026-12-04")
    ap.add_argument("--machine", default="Debian 12, 2 CPU cores, 24 GB RAM, CPU shared with three other engineers' builds and tests")
    a = ap.parse_args()
    st = torch.load(a.ckpt, map_location="cpu")
    args = st["args"]
    S = args["input_size"]
    m = SatUNet(S, args.get("arch", "slim"), mask_prompt=bool(args.get("mask_prompt", 0)))
    allev = json.load(open(a.eval))["models"]
    ev = allev[a.name]
    base = allev.get(a.baseline) if a.baseline else None
    vf = json.load(open(a.verify))
    vals, vmask = read_log(a.log)
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
    from train import CLASS_NAMES, class_weights
    run_weights = class_weights(args.get("class_weight"))  # the run's own (--class-weight overrides)
    synth = a.synth or next((d for d in args.get("data", []) if "isaid" not in os.path.basename(d.rstrip("/"))), os.path.join(here, ".cache/synth"))
    def synth_counts(split):
        f = os.path.join(synth, split, "meta.npz")
        c = np.load(f)["cls"] if os.path.exists(f) else np.zeros(0, int)
        return ", ".join(f"{int((c == k).sum()):,} {CLASS_NAMES[k]}" for k in sorted(CLASS_NAMES) if k >= 100 and (c == k).any()) or "none"
    used = [k for k in run_weights if k < 100 or synth_counts("train").find(CLASS_NAMES[k]) >= 0]
    wsum = sum(run_weights[k] for k in used)
    weights = ", ".join(f"{CLASS_NAMES[k]} {run_weights[k] / wsum:.2f}" for k in used)
    edge = args.get("edge_prob", 0.0)
    edge_txt = (f"\n- **Frame edges and corners**: {edge:.0%} of the training crops were cut by a simulated frame edge (half) or corner "
                "(half), keeping 25-105% of the object along each cut axis: image and mask 0 past the edge (the engine's zero "
                "padding, also after the photometric changes), the box the visible part's, the window centred on it (70%) or "
                "shifted inside the frame (30%, the engine's ShiftInside); `augment.frame_edges`.") if edge else ""
    flat = args.get("flat_prob", 0.0)
    if flat:
        edge_txt += (f"\n- **Textureless objects**: {flat:.0%} of the training crops had the object's pixels replaced by its mean "
                     "colour x U(0.9, 1.4) (anti-aliased outline kept), half of them on a one-colour background "
                     "(`augment.flat_fill`): saturated or rendered objects have no texture inside.")
    train_counts = counts("train") + " (val: " + counts("val") + ")"
    init = args.get("init", "")
    fine = (f"fine-tuned from `{os.path.relpath(init, os.path.dirname(here))}`" + (f" ({a.init_note})" if a.init_note else "")) if init else "trained from scratch"
    def vrow(v):
        return f"| {v['t_min']} | {v.get('plane','')} | {v.get('ship','')} | {v.get('small_vehicle','')} | {v.get('large_vehicle','')} | {v.get('helicopter','')} | {v.get('train','')} | {v.get('synth_plane','')} | {v.get('synth_ship','')} | {v.get('synth_car','')} | {v['mean4']} |"
    prop = ev.get("propagation")
    prop_txt = "Not measured (model without mask prompt)."
    if prop:
        rows = ["| class | n (object-frames) | box only | box + previous mask | gain |", "|---|---|---|---|---|"]
        for c in CLS + ["all"]:
            if c in prop["box"]:
                b0, b1 = prop["box"][c]["iou"], prop["box+mask"][c]["iou"]
                rows.append(f"| {c} | {prop['box'][c]['n']} | {b0:.3f} | **{b1:.3f}** | {b1 - b0:+.3f} |")
        prop_txt = ev["propagation_setup"] + ".\n\n" + "\n".join(rows)
    txt = f"""# {meta['name']} — box-promptable segmenter with a mask prompt (SAM ONNX contract)

Written {a.date} by `training/make_card.py`. Machine: {a.machine}; torch 1.13 CPU, 2 threads. Not SAM: a CNN
whose ONNX files follow the Segment-Anything encoder/decoder contract (FORMATS.md 1) with a batch axis, so the
engine runs it like any SAM-family model (`--model models/{meta['name']}`).

## Files
| file | size |
|---|---|
| `encoder.onnx` | {sizes['encoder.onnx']:.2f} MB |
| `decoder.onnx` | {sizes['decoder.onnx']:.2f} MB |
| `model.json` | engine settings (input size, normalisation, crop rule, extra feature names, `maskInputUsed`) |

## Architecture ({count_params(m):,} parameters: encoder {count_params(m.encoder):,}, decoder {count_params(m.decoder):,})
- Input S = {S} px crops (RGB, SAM normalisation: mean (123.675, 116.28, 103.53), std (58.395, 57.12, 57.375) on 0-255).
- **Encoder (prompt-free)**: conv-BN-ReLU stages at strides 1/2/4/8/16, widths {list(arch['w'])}, residual blocks {list(arch['nres'])}.
  Outputs: `image_embeddings` = stride-4 features [B,{arch['w'][2]},{S//4},{S//4}] (so the contract's 4h = {S} = the full crop
  resolution), plus `interm_embeddings_0..3` (strides 1, 2, 8, 16), declared in `model.json` `extraFeatures`.
- **Decoder**: rasterises the prompt inside the graph into maps at S x S — the box (labels 2/3) as a per-pixel
  area-coverage map, positive / negative points (labels 1 / 0) as gaussian blobs (sigma 2 px) — and
  **two mask-prompt maps: sigmoid(`mask_input`) x `has_mask_input` and `has_mask_input` itself**;
  average-pools them to every scale and runs a U-Net decoder from stride 16 to stride 1 (widths {list(arch['d'][::-1])}),
  concatenating the prompt maps and the encoder skip at every scale. 1x1 head -> `low_res_masks` [B,1,{S},{S}] logits;
  `masks` = bilinear resize to `orig_im_size`; threshold > 0. `iou_predictions` [B,1]: the model's estimate of its own
  mask IoU (MLP, trained with MSE).
- Single mask output (`multimaskOutput: false`); B and N are dynamic axes in both files. Export: opset 17.

## Mask prompt: what `mask_input` must be (`maskInputUsed: true`)
- `mask_input` [B,1,{S},{S}] = **the same track's `low_res_masks` logits from the previous frame**, resampled into the
  current crop window: for each cell (u, v) of the current S x S grid, the frame point at the cell centre
  (x = X + (u + 0.5) side/S, same for y) sampled bilinearly (half-pixel centres, clamped) from the previous map over
  the previous window; **-20 where the point lies outside the previous window**. This is exactly what the engine's
  `MaskLogits.ResampleTo` does (`--segmenter sam-feedback`); logits, not probabilities or a binary mask. With the
  default `sam` segmenter and sparse boxes, the engine offers it to prompts predicted between boxes only, moved with
  the crop (`MaskLogits.FollowedTo`: as if the previous window had moved to the current one's centre, i.e. by the
  measured motion), which the training's shift jitter covers; annotated prompts get none.
- `has_mask_input` = 1 for a crop given such a mask, 0 otherwise (then `mask_input` is ignored exactly: both
  mask maps are 0, and the output is the box-only prediction). The first frame of a track has 0.
- Training: half of the crops got a simulated previous mask: the true mask moved by tracking-like jitter (shift
  N(0, 3%) of the crop, a quarter N(0, 8%); scale x exp(N(0, 0.06)); rotation N(0, 4 deg)), degraded (dilated or
  eroded 1 px, blurred), as logits k(2m - 1), k ~ U(2, 10), plus noise; a quarter with a -20 band on one side (past
  the previous window); 5% an empty mask (a lost object). The other half had `has_mask_input` = 0.

## Coordinate and crop conventions (the engine must match these)
- `point_coords` are (x, y) in the S x S encoder-input frame, continuous pixel-edge coordinates (pixel j spans
  [j, j+1)); a box is [x, y, x+w, y+h] (labels 2 and 3); no 0.5 shift in the graph. Padding points: label -1.
- **Crop rule** (`model.json` `pipeline`): square window centred on the box centre, side = round(max({meta['pipeline']['contextFactor']} x max(w, h),
  {meta['pipeline']['minCropSize']})) native px, top-left = floor(centre - side/2 + 0.5); not shifted inside the frame (zero padding);
  resized to {S} x {S} (bicubic). Output logits resized bilinearly to side x side, pasted back, > 0.
- Training crops: context factors 1.3-4 (log-uniform, half) or 1.7-2.4, min side 12-24 native px, 20% off-centre,
  any rotation and flips (ROS-SAM-like scale jitter and rotations), tracker-like box jitter (tight / shifted / loose /
  shrunk / one side clipped), points in 30% of samples, photometric / blur / down-up-sampling / noise.

## Training data
- iSAID-512 tiles (`../shared/data/train/isaid-512`, iSAID / DOTA imagery, **academic use only**), 90/10 split by
  tile (seed 0): train = {train_counts}. Small vehicles capped at 16,000.
- **Synthetic objects** rendered by the project's own generator (trains are the only source of trains): train crops
  {synth_counts('train')}; validation {synth_counts('val')} ({a.synth_note}; H.264-decoded
  frames, every 2nd frame, exact masks from gt.mots.txt; `training/synth_crops.py`). The evaluation sample
  `videos/synth-sample` (seed 1) and the engine tests' images were not used.{edge_txt}
- Batches by class (normalised): {weights}. Nothing from `../shared/data/real/` was used for training.

## Training run
{fine}{'' if 'shipped' not in init else ' (the previous shipped sat-unet, whose weights were recovered exactly from its ONNX files by `training/onnx_to_ckpt.py`: folded BatchNorms rebuilt and calibrated, ONNX vs torch max difference 7e-6; the new mask-prompt weights start at zero)'};
{args['minutes']:.0f} min wall-clock cosine schedule (AdamW, lr {args['lr']}, wd {args['wd']}, batch {args['batch']}, {args['warmup']}-step warm-up,
decay to 2%), in the background on {a.machine}. Steps: {st['step']} ({st['step']*args['batch']:,} crops),
training time {st['elapsed']/60:.1f} min. The schedule ran to its end (`finished`: {st.get('finished')}; no mid-schedule checkpoint shipped).{(' ' + a.schedule_note) if a.schedule_note else ''}

Validation at crop resolution during training (up to 300 objects per class of the validation crops, synthetic
objects from the held-out seeds; context 2.0, tight box; mean IoU; "mean of 4" = the four real classes). Box only:
| ~minutes | plane | ship | small veh. | large veh. | heli | train (synthetic) | synthetic plane | synthetic ship | synthetic car | mean of 4 |
|---|---|---|---|---|---|---|---|---|---|---|
""" + "\n".join(vrow(v) for v in vals) + """

With a simulated previous mask (the training simulation on the validation crops, so an optimistic upper bound;
the honest propagation test is below):
| ~minutes | plane | ship | small veh. | large veh. | heli | train (synthetic) | synthetic plane | synthetic ship | synthetic car | mean of 4 |
|---|---|---|---|---|---|---|---|---|---|---|
""" + "\n".join(vrow(v) for v in vmask) + f"""

## Measured results (native resolution, tight box prompt, crop rule above)
IoU and boundary IoU per object (FORMATS.md 7; d = max(1, round(0.02 x the object's crop diagonal)), also d = 1).
"previous model" = `{a.baseline or 'n/a'}` on the same split in the same `eval_real.py` run.

### (a) real validation tiles (held-out 10% of isaid-512; {ev.get('val_tiles', 'all validation tiles')}: {ev['val']['all']['n']} objects), per object
{table(ev['val'], CLS, base['val'] if base else None)}

### (b) `../shared/data/real/isaid-P0003` (59 instances, tight bbox from instances.json)
{table(ev['p0003'], ['large_vehicle', 'small_vehicle', 'storage_tank'], base['p0003'] if base else None)}

Overall: **{p['iou']:.3f}** mean IoU vs box-fill {p['box_iou']:.3f}.
IoU head: Pearson r between predicted and true IoU = {ev['val']['all'].get('iou_head_pearson', 'n/a')} (validation), {p.get('iou_head_pearson', 'n/a')} (P0003).

### (c) mask prompt on real validation tiles (sparse prompting, propagation-like)
{prop_txt}

## ONNX verification
`training/verify_onnx.py` (runtime: {vf['runtime']}): encoder max |ONNX - torch| = {vf['encoder_max_abs_diff']:.2e},
decoder = {vf['decoder_max_abs_diff']:.2e} over B = 3 (has_mask_input 1, 0, 1 with random mask_input) and N = 2, 3, 4 with
orig_im_size 37x53, 64x64, 120x90 -> {'PASS' if vf['pass'] else 'FAIL'} (tolerance 1e-4). The engine's own tests run it in ONNX Runtime.

{notes}
"""
    with open(os.path.join(a.out, "MODEL_CARD.md.tmp"), "w") as f:
        f.write(txt)
    os.replace(os.path.join(a.out, "MODEL_CARD.md.tmp"), os.path.join(a.out, "MODEL_CARD.md"))
    print("written")


if __name__ == "__main__":
    main()
