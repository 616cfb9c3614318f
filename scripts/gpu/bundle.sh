#!/usr/bin/env bash
# Usage: scripts/gpu/bundle.sh OUT_DIR
# Makes a self-contained linux-x64 publish of the GPU build (-p:OnnxRuntimeGpu=true, ReadyToRun,
# the .NET runtime included: the target needs no .NET), with ONNX Runtime's CUDA provider, the
# OpenCV native library, the shipped model and the committed sample, packed as
# satvidseg-gpu.tar.xz.part-NN files of at most 60 MB each (so that it moves through
# size-limited transfers), SHA256SUMS, run.sh, which reassembles and runs it, and
# measure-io-binding.sh (I/O binding, fp16 and cuDNN search measured through run.sh).
# What the target machine must have: README, "GPU bundle". The bundle is large: never commit it.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
# 60 MB parts (decimal: also under 60 MiB); PART_MB=47 leaves room for a 13 MB repository in a 64 MiB transfer.
part_bytes=$((${PART_MB:-60} * 1000 * 1000))

if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "error: OUT_DIR $out exists and is not empty" >&2
  exit 1
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

app="$stage/satvidseg-gpu"
echo "publishing the GPU build (self-contained, ReadyToRun) ..."
# Its own intermediate folders (obj-gpu/publish): a self-contained publish restores other assets
# than the framework-dependent GPU build that build.cake makes in obj-gpu/.
dotnet publish "$repo/src/SatVideoSeg.Cli/SatVideoSeg.Cli.csproj" -c Release -r linux-x64 \
  --self-contained true -p:OnnxRuntimeGpu=true -p:PublishReadyToRun=true \
  -p:BaseIntermediateOutputPath=obj-gpu/publish/ -p:BaseOutputPath=bin-gpu/publish/ \
  -p:SatelliteResourceLanguages=en -o "$app" -nologo -v quiet
[ -x "$app/satvidseg" ] && [ -f "$app/libonnxruntime_providers_cuda.so" ] || {
  echo "error: the publish lacks satvidseg or libonnxruntime_providers_cuda.so (is this the GPU build?)" >&2; exit 1; }

# OpenCV's native library links GTK 3 and ~70 other libraries (ldd), which a bare GPU machine
# (a CUDA container) may lack. Carried as a fallback that run.sh uses only when the target's own
# loader cannot resolve them: the target's copies, where complete, stay preferred. glibc and
# libstdc++ are left out: they must be the target's own. FFmpeg (~240 MB with its libraries)
# is not carried: bench throughput needs the target's ffmpeg; bench model needs neither.
if ldd "$app/libOpenCvSharpExtern.so" | grep -q "not found"; then
  echo "error: this machine cannot resolve libOpenCvSharpExtern.so's libraries itself (install libgtk-3-0), so it has none to carry" >&2; exit 1
fi
mkdir -p "$app/lib-fallback"
ldd "$app/libOpenCvSharpExtern.so" | awk '$3 ~ /^\// {print $1, $3}' \
  | grep -Ev '^(libc|libm|libpthread|libdl|librt|libgcc_s|libstdc\+\+|ld-linux[^ ]*)\.so' \
  | while read -r soname path; do cp -L "$path" "$app/lib-fallback/$soname"; done

# A float16 copy of the shipped model for measure-io-binding.sh (fp16 against fp32 on the GPU).
/usr/bin/python3 "$repo/training/convert_fp16.py" --src "$repo/models/sat-unet" --out "$app/models/sat-unet-fp16" >/dev/null || {
  echo "error: training/convert_fp16.py failed (it needs /usr/bin/python3 with python3-onnx and numpy)" >&2; exit 1; }

mkdir -p "$app/videos"
cp -r "$repo/videos/synth-sample" "$app/videos/"
# The sample also as a folder of JPEG frames (about 4 MB): a GPU machine without ffmpeg (the H200
# had none) can still run `segment` on it, which measure-io-binding.sh does to compare batch fill.
mkdir -p "$app/videos/synth-sample/frames"
ffmpeg -nostdin -v error -i "$repo/videos/synth-sample/video.mp4" -q:v 2 "$app/videos/synth-sample/frames/%06d.jpg"
cp "$repo/scripts/gpu/run.sh" "$app/run.sh"

echo "packing ($(du -sh "$app" | cut -f1) unpacked) ..."
# xz: the CUDA provider (289 MB) packs to about 185 MB; -T0 uses every core.
tar -C "$stage" -cf - satvidseg-gpu | xz -T0 -6 | split -b "$part_bytes" -d -a 2 - "$out/satvidseg-gpu.tar.xz.part-"
cp "$repo/scripts/gpu/run.sh" "$repo/scripts/gpu/measure-io-binding.sh" "$out/"
chmod +x "$out/run.sh" "$out/measure-io-binding.sh"
(cd "$out" && sha256sum satvidseg-gpu.tar.xz.part-* > SHA256SUMS)
ls -l "$out"
echo "done: $(ls "$out"/satvidseg-gpu.tar.xz.part-* | wc -l) parts in $out; on the target: $out/run.sh"
