#!/usr/bin/env bash
# Usage: scripts/gpu/check-bundle.sh BUNDLE_DIR
# Checks a bundle made by scripts/gpu/bundle.sh on this machine, on the CPU: every part is at most
# 60 MB; a copy of the folder reassembles and runs `bench model --device cpu` through run.sh;
# bench model runs with OpenCV's native library removed (it needs only ONNX Runtime); asked for
# CUDA where there is none, satvidseg fails in one line; measure-io-binding.sh runs through run.sh
# (bench model, then segment of the sample's JPEG frames across frames and per frame);
# then run.sh's bench throughput on the CPU.
# Not in CI: publishing and packing take minutes and the bundle is ~250 MB.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BUNDLE_DIR" >&2; exit 2; }
bundle="$(cd "$1" && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }

for p in "$bundle"/satvidseg-gpu.tar.xz.part-*; do
  size=$(stat -c %s "$p")
  [ "$size" -le 60000000 ] || fail "$p is $size bytes, over 60 MB"
  echo "ok: $(basename "$p") $size bytes"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$bundle"/satvidseg-gpu.tar.xz.part-* "$bundle/SHA256SUMS" "$bundle/run.sh" "$bundle/measure-io-binding.sh" "$work/"

"$work/run.sh" --device cpu --batch 1,8,32 --no-throughput | tee "$work/model.txt"
grep -q "device cpu" "$work/model.txt" || fail "bench model did not run on the CPU"
echo "ok: reassembled and ran bench model on the CPU"

"$work/measure-io-binding.sh" --device cpu --batch 1,8 --calls 1 | tee "$work/io.txt"
grep -q "| models/sat-unet-fp16 | float16 | cpu | heuristic | off | 8 |" "$work/io.txt" || fail "measure-io-binding.sh did not measure the fp16 copy without I/O binding"
grep -q "^per-frame batches: model .*crops per call (batch .*, per frame)" "$work/io.txt" || fail "measure-io-binding.sh did not run segment with --per-frame-batches"
grep -q "^across frames, batch 128: model .*crops per call (batch 128, across frames)" "$work/io.txt" || fail "measure-io-binding.sh did not run segment across frames at batch 128"
echo "ok: measure-io-binding.sh ran through run.sh (fp32 and fp16, binding on and off; segment as made, per frame, across frames)"

app="$work/satvidseg-gpu"
mv "$app/libOpenCvSharpExtern.so" "$work/"
(cd "$app" && ./satvidseg bench model --device cpu --batch 1 --calls 1) || fail "bench model needs OpenCV"
mv "$work/libOpenCvSharpExtern.so" "$app/"
echo "ok: bench model runs without OpenCV's native library"

if ! ldconfig -p | grep -q libcuda.so.1; then
  set +e
  err="$(cd "$app" && ./satvidseg bench model --device cuda --batch 1 2>&1 >/dev/null)"
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "--device cuda without CUDA exited $code, not 1"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "--device cuda without CUDA printed more than one line: $err"
  echo "ok: --device cuda without CUDA: $err"
fi

"$work/run.sh" --device cpu --batch 1,8 || fail "run.sh with bench throughput"
echo "ok: run.sh ran bench model and bench throughput on the CPU"
