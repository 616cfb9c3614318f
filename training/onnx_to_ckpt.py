"""Recover a trainable sat-unet checkpoint from a shipped model folder (encoder.onnx + decoder.onnx).

Why: the shipped model's training checkpoint was not kept (training/.cache is not committed), and
fine-tuning it beats training from scratch on a 2-core CPU. torch.onnx.export folded every
BatchNorm into the preceding convolution (conv weight W' and bias b'), so the graph holds W', b'
and no BN statistics. To get back a model that trains like the original:
  1. conv weight := W'; BN set to the identity plus b' (running mean 0, var 1 - eps, gamma 1, beta b')
     -> the torch model computes exactly the ONNX graph;
  2. calibration: run crops through it, take each conv output z = W'x's per-channel mean m and
     variance v, and set running mean m, running var v, gamma sqrt(v + eps), beta m + b'
     -> eval mode still computes z + b' exactly, and train mode (batch statistics close to m, v)
     starts from the same function instead of renormalised activations.
Convs are matched to the graph's Conv nodes in execution order, checked shape by shape; named
initialisers (head, IoU MLP) are copied by name. The result is checked against the ONNX files.

/usr/bin/python3 training/onnx_to_ckpt.py --dir models/sat-unet --data training/.cache/isaid --out training/.cache/shipped.pt
"""
import argparse, os, sys
import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import SatUNet


def _conv_bn_pairs(module):
    """(conv, bn) in registration order (= execution order in this architecture)."""
    convs = [m for m in module.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.BatchNorm2d))]
    pairs = []
    for a, b in zip(convs, convs[1:]):
        if isinstance(a, torch.nn.Conv2d) and isinstance(b, torch.nn.BatchNorm2d):
            pairs.append((a, b))
    return pairs


def _graph_convs(path):
    g = onnx.load(path).graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    convs = []
    for n in g.node:
        if n.op_type == "Conv":
            w = init[n.input[1]]
            b = init[n.input[2]] if len(n.input) > 2 else None
            convs.append((n.input[1], w, b))
    return convs, init


def recover(folder, S, arch, mask_prompt):
    m = SatUNet(S, arch, mask_prompt=mask_prompt)
    m.eval()
    for part, path in ((m.encoder, "encoder.onnx"), (m.decoder, "decoder.onnx")):
        convs, init = _graph_convs(os.path.join(folder, path))
        pairs = _conv_bn_pairs(part)
        named = [c for c in convs if not c[0].startswith("onnx::")]
        folded = [c for c in convs if c[0].startswith("onnx::")]
        if len(folded) != len(pairs):
            raise ValueError(f"{path}: {len(folded)} folded convs in the graph, {len(pairs)} conv+BN pairs in the model")
        for (name, w, b), (conv, bn) in zip(folded, pairs):
            if tuple(w.shape) != tuple(conv.weight.shape):
                raise ValueError(f"{path}: conv {name} has shape {w.shape}, model expects {tuple(conv.weight.shape)}")
            conv.weight.data = torch.from_numpy(w.copy())
            bn.running_mean.zero_(); bn.running_var.fill_(1 - bn.eps); bn.weight.data.fill_(1.0)
            bn.bias.data = torch.from_numpy(b.copy())
        prefix = {"encoder.onnx": "enc.", "decoder.onnx": "dec."}[path]
        sd = part.state_dict()
        for k, v in init.items():
            if k.startswith(prefix) and k[len(prefix):] in sd:
                tgt = sd[k[len(prefix):]]
                if tuple(tgt.shape) != tuple(v.shape):
                    raise ValueError(f"{path}: {k} has shape {v.shape}, model expects {tuple(tgt.shape)}")
                tgt.copy_(torch.from_numpy(v.copy()))
        del named
    return m


@torch.no_grad()
def calibrate(m, img, coords, labels, mask_input=None, has_mask_input=None):
    """Sets BN statistics from the conv outputs on these crops (see the module docstring); a model
    that reads the mask prompt is calibrated on the crops with their mask prompts (as it trains)."""
    pairs = _conv_bn_pairs(m)
    stats = {}
    hooks = []
    for i, (conv, bn) in enumerate(pairs):
        def hook(mod, inp, out, i=i):
            stats[i] = (out.mean((0, 2, 3)), out.var((0, 2, 3), unbiased=False))
        hooks.append(conv.register_forward_hook(hook))
    m.eval()
    m(img, coords, labels, mask_input, has_mask_input)
    for h in hooks:
        h.remove()
    for i, (conv, bn) in enumerate(pairs):
        mu, var = stats[i]
        b = bn.bias.data.clone()
        bn.running_mean.copy_(mu); bn.running_var.copy_(var)
        bn.weight.data = torch.sqrt(var + bn.eps)
        bn.bias.data = mu + b


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True, help="model folder with encoder.onnx, decoder.onnx, model.json")
    ap.add_argument("--data", required=True, help="crop cache for the BN calibration (train split)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=512, help="calibration crops")
    ap.add_argument("--mask-prompt", action="store_true", help="widen the decoder for the mask prompt (new weights zero)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    import json
    from augment import make_batch, previous_mask_logits
    from train import CropSet
    meta = json.load(open(os.path.join(a.dir, "model.json")))
    S, arch = meta["inputSize"], meta.get("arch", "slim")
    # a folder whose decoder already reads mask_input (v2 and later) is rebuilt with the mask prompt
    has_prompt = bool(meta.get("maskInputUsed", False))
    if has_prompt and a.mask_prompt:
        raise SystemExit(f"{a.dir} already reads the mask prompt (model.json maskInputUsed): drop --mask-prompt")
    m = recover(a.dir, S, arch, mask_prompt=has_prompt)
    rng = np.random.default_rng(0)
    ds = CropSet([a.data], "train")
    c, b, n, s, _ = ds.get(ds.sample(rng, a.n))
    img, tgt, co, lab = make_batch(c, b, n, s, S, rng, train=True)
    mi, has = previous_mask_logits(tgt, rng, 0.5) if has_prompt else (None, None)
    first = (lambda t: None if t is None else t[:64])
    with torch.no_grad():
        before = m(img[:64], co[:64], lab[:64], first(mi), first(has))[0]
    calibrate(m, img, co, lab, mi, has)
    with torch.no_grad():
        after = m(img[:64], co[:64], lab[:64], first(mi), first(has))[0]
    diff = (before - after).abs().max().item()
    print(f"eval output change after calibration: {diff:.2e}")
    if diff > 1e-3:
        raise SystemExit("calibration changed the eval-mode function")
    state = m.state_dict()
    if a.mask_prompt:
        from model import add_mask_channels
        wide = SatUNet(S, arch, mask_prompt=True)
        state = add_mask_channels(state, wide)
        wide.load_state_dict(state)
    args = {"input_size": S, "arch": arch, "mask_prompt": a.mask_prompt or has_prompt, "recovered_from": os.path.abspath(a.dir)}
    torch.save({"model": state, "args": args, "step": 0, "elapsed": 0.0, "finished": True}, a.out + ".tmp")
    os.replace(a.out + ".tmp", a.out)
    # check against the ONNX files themselves
    import verify_onnx
    r = verify_onnx.verify(a.out, a.dir, B=2) if not a.mask_prompt else None
    if r is not None:
        print("verify against the shipped ONNX:", {k: r[k] for k in r if k != "details"})
        if not r["pass"]:
            raise SystemExit("recovered weights do not reproduce the ONNX graph")
    print("wrote", a.out)


if __name__ == "__main__":
    main()
