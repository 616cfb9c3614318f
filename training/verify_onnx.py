"""Verify exported ONNX files against the torch model.

Uses onnx.reference.ReferenceEvaluator when the installed onnx has it (>= 1.13) or onnxruntime if
importable; otherwise a small built-in numpy interpreter covering exactly the operators these
graphs use (Debian 12 ships onnx 1.12 and no onnxruntime). Also checks names, dtypes, dynamic axes.

/usr/bin/python3 training/verify_onnx.py --ckpt training/.cache/run/final.pt --dir models/sat-unet
"""
import argparse, json, os, sys
import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    pads = a.get("pads", [0, 0, 0, 0]); st = a.get("strides", [1, 1]); dil = a.get("dilations", [1, 1]); g = a.get("group", 1)
    assert dil == [1, 1]
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    B, C, H, W = x.shape
    O, Cg, kh, kw = w.shape
    Ho = (H - kh) // st[0] + 1; Wo = (W - kw) // st[1] + 1
    out = np.zeros((B, O, Ho, Wo), np.float64)
    og = O // g
    for gi in range(g):
        xs = x[:, gi * Cg:(gi + 1) * Cg]
        cols = np.empty((B, Cg, kh, kw, Ho, Wo), np.float64)
        for i in range(kh):
            for j in range(kw):
                cols[:, :, i, j] = xs[:, :, i:i + st[0] * Ho:st[0], j:j + st[1] * Wo:st[1]]
        wg = w[gi * og:(gi + 1) * og].reshape(og, -1).astype(np.float64)
        out[:, gi * og:(gi + 1) * og] = np.einsum("ok,bkhw->bohw", wg, cols.reshape(B, -1, Ho, Wo))
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out.astype(np.float32)


def _resize_linear_1d(x, axis, out_len, mode):
    n = x.shape[axis]
    scale = out_len / n
    o = np.arange(out_len, dtype=np.float64)
    if mode == "align_corners":
        src = o * (n - 1) / max(out_len - 1, 1)
    elif mode == "pytorch_half_pixel" and out_len == 1:
        src = np.zeros(1)
    else:  # half_pixel / pytorch_half_pixel
        src = (o + 0.5) / scale - 0.5
    src = np.clip(src, 0, n - 1)
    i0 = np.floor(src).astype(int); i1 = np.minimum(i0 + 1, n - 1); f = src - i0
    a = np.take(x, i0, axis=axis); b = np.take(x, i1, axis=axis)
    sh = [1] * x.ndim; sh[axis] = out_len
    return a * (1 - f.reshape(sh)) + b * f.reshape(sh)


def _resize(x, roi, scales, sizes, a):
    mode = a.get("mode", b"nearest"); mode = mode.decode() if isinstance(mode, bytes) else mode
    ct = a.get("coordinate_transformation_mode", b"half_pixel"); ct = ct.decode() if isinstance(ct, bytes) else ct
    assert mode == "linear", mode
    if sizes is not None and len(sizes):
        out = [int(s) for s in sizes]
    else:
        out = [int(np.floor(d * s)) for d, s in zip(x.shape, scales)]
    y = x.astype(np.float64)
    for ax in range(x.ndim):
        if out[ax] != x.shape[ax]:
            y = _resize_linear_1d(y, ax, out[ax], ct)
    return y.astype(np.float32)


def _avgpool(x, a):
    k = a["kernel_shape"]; st = a.get("strides", k); pads = a.get("pads", [0, 0, 0, 0])
    assert pads == [0, 0, 0, 0] and k == st
    B, C, H, W = x.shape
    Ho, Wo = H // k[0], W // k[1]
    return x[:, :, :Ho * k[0], :Wo * k[1]].reshape(B, C, Ho, k[0], Wo, k[1]).mean((3, 5)).astype(np.float32)


def _reduce(fn, x, axes, a):
    keep = a.get("keepdims", 1)
    if axes is None:
        axes = a.get("axes", None)
    if axes is None or (hasattr(axes, "__len__") and len(axes) == 0):
        if a.get("noop_with_empty_axes", 0):
            return x
        axes = tuple(range(x.ndim))
    axes = tuple(int(v) for v in np.atleast_1d(axes))
    return fn(x, axis=axes, keepdims=bool(keep))


class NumpyRunner:
    def __init__(self, path):
        self.m = onnx.load(path)
        self.init = {t.name: numpy_helper.to_array(t) for t in self.m.graph.initializer}

    def run(self, outputs, feeds):
        env = dict(self.init); env.update(feeds); env[""] = None
        for n in self.m.graph.node:
            a = _attrs(n)
            i = [env.get(k) if k else None for k in n.input]
            t = n.op_type
            if t == "Conv": r = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
            elif t == "Relu": r = np.maximum(i[0], 0)
            elif t in ("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Greater", "And"):
                f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide, "Pow": np.power,
                     "Max": np.maximum, "Min": np.minimum, "Equal": np.equal, "Greater": np.greater, "And": np.logical_and}[t]
                r = i[0]
                for v in i[1:]:
                    r = f(r, v)
                if t == "Div" and np.issubdtype(np.asarray(i[0]).dtype, np.integer):
                    r = np.floor_divide(i[0], i[1])
                if t not in ("Equal", "Greater", "And"):
                    r = np.asarray(r).astype(np.result_type(i[0]))
            elif t == "Identity": r = i[0]
            elif t == "Neg": r = -i[0]
            elif t == "Exp": r = np.exp(i[0])
            elif t == "Sigmoid": r = (1 / (1 + np.exp(-i[0].astype(np.float64)))).astype(np.float32)
            elif t == "Constant": r = numpy_helper.to_array(a["value"])
            elif t == "Cast":
                r = np.asarray(i[0]).astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
            elif t == "Clip":
                r = i[0]
                if len(i) > 1 and i[1] is not None: r = np.maximum(r, i[1])
                if len(i) > 2 and i[2] is not None: r = np.minimum(r, i[2])
            elif t == "Concat": r = np.concatenate(i, axis=a["axis"])
            elif t == "Shape": r = np.array(i[0].shape, dtype=np.int64)
            elif t == "Gather": r = np.take(i[0], i[1], axis=a.get("axis", 0))
            elif t == "Unsqueeze":
                r = i[0]
                for ax in sorted(int(v) % (r.ndim + len(i[1])) for v in i[1]):
                    r = np.expand_dims(r, ax)
            elif t == "Squeeze": r = np.squeeze(i[0], axis=tuple(int(v) for v in i[1]) if len(i) > 1 and i[1] is not None else None)
            elif t == "Reshape":
                sh = [int(v) for v in i[1]]
                sh = [i[0].shape[k] if v == 0 else v for k, v in enumerate(sh)]
                r = i[0].reshape(sh)
            elif t == "Slice":
                st, en = i[1], i[2]
                axes = i[3] if len(i) > 3 and i[3] is not None else range(len(st))
                steps = i[4] if len(i) > 4 and i[4] is not None else [1] * len(st)
                sl = [slice(None)] * i[0].ndim
                for s0, e0, ax, sp in zip(st, en, axes, steps):
                    sl[int(ax)] = slice(int(s0), int(max(min(e0, 2**62), -2**62)), int(sp))
                r = i[0][tuple(sl)]
            elif t == "Gemm":
                A, Bm = i[0], i[1]
                if a.get("transA", 0): A = A.T
                if a.get("transB", 0): Bm = Bm.T
                r = a.get("alpha", 1.0) * (A.astype(np.float64) @ Bm.astype(np.float64))
                if len(i) > 2 and i[2] is not None: r = r + a.get("beta", 1.0) * i[2]
                r = r.astype(np.float32)
            elif t == "MatMul": r = np.matmul(i[0], i[1])
            elif t == "Pad":
                p = [int(v) for v in i[1]]; nd = i[0].ndim
                mode = a.get("mode", b"constant"); mode = mode.decode() if isinstance(mode, bytes) else mode
                cv = float(i[2]) if len(i) > 2 and i[2] is not None and np.size(i[2]) else 0.0
                pw = [(p[k], p[k + nd]) for k in range(nd)]
                r = np.pad(i[0], pw, mode="constant", constant_values=cv) if mode == "constant" else np.pad(i[0], pw, mode="edge" if mode == "edge" else "reflect")
            elif t == "AveragePool": r = _avgpool(i[0], a)
            elif t == "Resize": r = _resize(i[0], i[1], i[2] if len(i) > 2 else None, i[3] if len(i) > 3 else None, a)
            elif t == "ReduceMean": r = _reduce(np.mean, i[0], i[1] if len(i) > 1 else None, a)
            elif t == "ReduceSum": r = _reduce(np.sum, i[0], i[1] if len(i) > 1 else None, a)
            elif t == "ReduceMax": r = _reduce(np.max, i[0], i[1] if len(i) > 1 else None, a)
            elif t == "Where": r = np.where(i[0], i[1], i[2])
            elif t == "Expand": r = i[0] * np.ones([int(v) for v in i[1]], dtype=i[0].dtype)
            elif t == "Range": r = np.arange(i[0], i[1], i[2])
            elif t == "Floor": r = np.floor(i[0])
            elif t == "Transpose": r = np.transpose(i[0], a.get("perm"))
            elif t == "Sqrt": r = np.sqrt(i[0])
            else:
                raise NotImplementedError(t)
            if len(n.output) == 1:
                env[n.output[0]] = r
            else:
                for k, v in zip(n.output, r):
                    env[k] = v
        return [env[o] for o in outputs]


def make_runner(path):
    try:
        import onnxruntime as ort  # noqa
        s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        return "onnxruntime", lambda outs, feeds: s.run(outs, feeds)
    except Exception:
        pass
    try:
        from onnx.reference import ReferenceEvaluator
        r = ReferenceEvaluator(path)
        return "onnx.reference", lambda outs, feeds: r.run(outs, feeds)
    except Exception:
        pass
    r = NumpyRunner(path)
    return "numpy-interpreter (verify_onnx.py)", r.run


def check_io(path, want_in, want_out):
    m = onnx.load(path)
    onnx.checker.check_model(m)
    ins = [(i.name, i.type.tensor_type.elem_type) for i in m.graph.input]
    outs = [o.name for o in m.graph.output]
    assert [n for n, _ in ins] == want_in, (ins, want_in)
    assert all(t == onnx.TensorProto.FLOAT for _, t in ins), ins
    assert outs == want_out, outs
    assert m.opset_import[0].version == 17
    return m


def verify(ckpt, d, B=3, seed=0):
    import torch
    torch.set_num_threads(1)
    from model import EXTRA
    from export_onnx import load, DEC_INPUTS
    from model import OnnxEncoder, OnnxDecoder
    m, _ = load(ckpt)
    S = m.S
    check_io(os.path.join(d, "encoder.onnx"), ["input_image"], ["image_embeddings"] + EXTRA)
    check_io(os.path.join(d, "decoder.onnx"), DEC_INPUTS, ["masks", "iou_predictions", "low_res_masks"])
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (B, 3, S, S)).astype(np.float32)
    kind, enc = make_runner(os.path.join(d, "encoder.onnx"))
    _, dec = make_runner(os.path.join(d, "decoder.onnx"))
    enc_names = ["image_embeddings"] + EXTRA
    feats_o = enc(enc_names, {"input_image": x})
    with torch.no_grad():
        feats_t = [f.numpy() for f in OnnxEncoder(m)(torch.from_numpy(x))]
    res = {"runtime": kind, "encoder_max_abs_diff": float(max(np.abs(a - b).max() for a, b in zip(feats_o, feats_t)))}
    worst = 0.0
    for N, orig in ((2, (37.0, 53.0)), (4, (64.0, 64.0)), (3, (120.0, 90.0))):
        co = rng.uniform(0, S, (B, N, 2)).astype(np.float32)
        co[:, 0] = np.minimum(co[:, 0], co[:, 1]); co[:, 1] = np.maximum(co[:, 0] + 3, co[:, 1])
        lab = np.tile(np.array([2, 3, 1, 0][:N], np.float32), (B, 1))
        if N == 3:
            lab[:, 2] = -1
        feeds = {n: f for n, f in zip(enc_names, feats_t)}
        # a previous-logits mask for every other crop (has_mask_input 1), none for the others
        mi = (rng.normal(0, 6, (B, 1, S, S)) * (np.arange(B) % 2 == 0).reshape(B, 1, 1, 1)).astype(np.float32)
        feeds.update({"point_coords": co, "point_labels": lab, "mask_input": mi,
                      "has_mask_input": (np.arange(B) % 2 == 0).astype(np.float32), "orig_im_size": np.array(orig, np.float32)})
        out_o = dec(["masks", "iou_predictions", "low_res_masks"], feeds)
        with torch.no_grad():
            out_t = OnnxDecoder(m)(*[torch.from_numpy(feeds[n]) for n in DEC_INPUTS])
        for a, b, nm in zip(out_o, out_t, ("masks", "iou_predictions", "low_res_masks")):
            assert a.shape == tuple(b.shape), (nm, a.shape, b.shape)
            worst = max(worst, float(np.abs(a - b.numpy()).max()))
        assert out_o[0].shape == (B, 1, int(orig[0]), int(orig[1]))
    res["decoder_max_abs_diff"] = worst
    res["pass"] = res["encoder_max_abs_diff"] < 1e-4 and worst < 1e-4
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    r = verify(a.ckpt, a.dir)
    print(json.dumps(r))
    sys.exit(0 if r["pass"] else 1)
