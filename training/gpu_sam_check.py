"""The project's SAM implementation on an NVIDIA GPU, in one run (for a lent GPU machine; torch only):
1. parity: the committed official tiny models (tests/data/official) reproduce the official
   predictor's outputs on CUDA (fp32, TF32 off);
2. speed: image-encoder ms per 1024 px crop for ViT-B and ViT-H-sized random checkpoints at batch
   1, 8 and 32, fp32 and bf16 autocast (CUDA events, after warm-up);
3. the ROS-SAM fine-tuning path at real size: training/finetune_sam.py on a random ViT-B HQ-SAM
   checkpoint, 1024 px, batch 4, a few steps on synthetic tiles; step time and peak memory.
  python3 training/gpu_sam_check.py --out DIR   (writes DIR/gpu_sam_check.json; prints as it goes)
"""
import argparse, json, os, sys, tempfile, time, traceback

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sam import load_checkpoint  # noqa: E402
from make_random_sam import random_sam  # noqa: E402


def parity(results):
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    out = {}
    for kind in ("sam", "hq"):
        official = os.path.join(HERE, "tests", "data", "official")
        sam = load_checkpoint(os.path.join(official, f"{kind}_tiny.pth")).cuda()
        ref = torch.load(os.path.join(official, f"{kind}_tiny_predictor.pt"))
        with torch.no_grad():
            emb, early = sam.encode(sam.normalize(ref["img"].cuda()))
            low, iou = sam.predict_box(emb, early, ref["box"].cuda())
        out[kind] = {"embedding": (emb.cpu() - ref["features"]).abs().max().item(),
                     "box_logits": (low.cpu() - ref["res"]["box"][0]).abs().max().item(),
                     "box_iou": (iou.cpu() - ref["res"]["box"][1]).abs().max().item()}
        print("parity", kind, out[kind], flush=True)
    results["parity_max_abs_difference_cuda_fp32"] = out


def encoder_speed(results):
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    out = {}
    for config in ("vit_b", "vit_h"):
        sam = random_sam(config, hq=False).cuda().eval()
        for dtype in ("fp32", "bf16"):
            for batch in (1, 8, 32):
                x = torch.randn(batch, 3, 1024, 1024, device="cuda")
                try:
                    with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16, enabled=dtype == "bf16"):
                        for _ in range(2):
                            sam.image_encoder(x)
                        torch.cuda.synchronize()
                        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                        reps = 5 if batch < 32 else 3
                        start.record()
                        for _ in range(reps):
                            sam.image_encoder(x)
                        end.record()
                        torch.cuda.synchronize()
                    ms = start.elapsed_time(end) / reps / batch
                    out[f"{config} {dtype} batch {batch}"] = round(ms, 2)
                    print("encoder", config, dtype, batch, f"{ms:.2f} ms per crop", flush=True)
                except torch.cuda.OutOfMemoryError:
                    out[f"{config} {dtype} batch {batch}"] = "out of memory"
                torch.cuda.empty_cache()
        del sam
        torch.cuda.empty_cache()
    results["encoder_ms_per_1024px_crop"] = out


def finetune(results, work):
    sys.path.insert(0, os.path.join(HERE, "tests"))
    from test_smoke import make_tiles
    import prepare_crops, finetune_sam
    src = os.path.join(work, "tiles")
    make_tiles(src, n=8, size=256)
    prepare_crops.main.__globals__["sys"].argv = ["prepare_crops.py", "--src", src, "--name", "tiny",
                                                  "--cache", os.path.join(work, "cache"), "--val-frac", "0.25"]
    prepare_crops.main()
    ckpt = os.path.join(work, "sam_hq_vit_b_random.pth")
    torch.save(random_sam("vit_b", hq=True).state_dict(), ckpt)
    torch.cuda.reset_peak_memory_stats()
    t0 = time.time()
    hist, frozen, last, lora = finetune_sam.main(["--sam-checkpoint", ckpt, "--hq", "--data", os.path.join(work, "cache", "tiny"),
                                                  "--input-size", "1024", "--batch", "4", "--steps", "12", "--device", "cuda",
                                                  "--threads", "8", "--out", os.path.join(work, "ft")])
    seconds = time.time() - t0
    merged = load_checkpoint(os.path.join(work, "ft", "merged_state_dict.pth"))
    results["finetune_vit_b_hq_1024px_batch4"] = {
        "steps": len(hist), "seconds_total": round(seconds, 1), "losses": [round(l, 4) for _, l in hist],
        "peak_gpu_memory_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2),
        "frozen_unchanged": frozen, "last_block_changed": last, "lora_nonzero": lora,
        "merged_loads_strict_as_hq": merged.hq}
    print("finetune", results["finetune_vit_b_hq_1024px_batch4"], flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = {"torch": torch.__version__, "cuda": torch.version.cuda, "device": torch.cuda.get_device_name(0)}
    print(results, flush=True)
    with tempfile.TemporaryDirectory() as work:
        for step in (parity, encoder_speed, lambda r: finetune(r, work)):
            try:
                step(results)
            except Exception:  # one failing step must not hide the others' results
                results.setdefault("errors", []).append(traceback.format_exc())
                traceback.print_exc()
            with open(os.path.join(a.out, "gpu_sam_check.json"), "w") as f:
                json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
