#!/usr/bin/env bash
# Usage: run.sh [--device cuda|cuda:N|cpu|auto] [--batch 1,8,32,...] [--model DIR] [--no-throughput]
#        run.sh --exec SATVIDSEG_ARGS...   (any satvidseg command in the same prepared environment,
#                                           run in the reassembled folder; measure-io-binding.sh uses it)
# Beside the parts made by scripts/gpu/bundle.sh: checks and reassembles them (once) into
# ./satvidseg-gpu, finds the CUDA 13 and cuDNN 9 libraries (system paths, or NVIDIA's Python
# wheels under any site-packages: nvidia/cu13/lib, nvidia/cudnn/lib, ...), then runs
# `satvidseg bench model` and `satvidseg bench throughput` on the committed sample.
# Needs: x86-64 Linux with glibc 2.28+ (2.36+ where the carried GTK libraries are used: they come
# from Debian 12) and libstdc++ (GLIBCXX_3.4.22, GCC 6+), tar, xz, sha256sum; for CUDA an
# NVIDIA driver (libcuda.so.1) and the CUDA 13 / cuDNN 9 libraries; bench throughput also needs
# ffmpeg and ffprobe on PATH (README, "GPU bundle").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
device=cuda batch=1,8,32,64,128,256 model="" throughput=1 exec_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) shift; exec_args=("$@"); [ ${#exec_args[@]} -gt 0 ] || { echo "run.sh: --exec needs satvidseg arguments" >&2; exit 2; }; break ;;
    --device) device="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --no-throughput) throughput=0; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

app="$here/satvidseg-gpu"
if [ ! -x "$app/satvidseg" ]; then
  (cd "$here" && sha256sum --quiet -c SHA256SUMS) || { echo "error: a part is missing or damaged (SHA256SUMS)" >&2; exit 1; }
  echo "reassembling $(ls "$here"/satvidseg-gpu.tar.xz.part-* | wc -l) parts ..."
  tmp="$(mktemp -d "$here/.unpack-XXXXXX")"
  cat "$here"/satvidseg-gpu.tar.xz.part-* | xz -dc | tar -C "$tmp" -xf -
  mv "$tmp/satvidseg-gpu" "$app" && rmdir "$tmp"
fi

# Folders that hold the CUDA provider's libraries, first match wins per library. NVIDIA's wheels
# (pip install nvidia-cudnn-cu13 ..., or torch+cu130's dependencies) put them under
# site-packages/nvidia/<component>/lib; CUDA 13 wheels may gather them in nvidia/cu13/lib.
needed=(libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9)
candidates=()
for py in python3 python; do
  command -v "$py" >/dev/null 2>&1 || continue
  while IFS= read -r sp; do
    [ -d "$sp/nvidia" ] || continue
    for d in "$sp"/nvidia/cu13/lib "$sp"/nvidia/*/lib "$sp"/nvidia/*/lib64; do [ -d "$d" ] && candidates+=("$d"); done
  done < <("$py" -c 'import site, sys; print("\n".join(site.getsitepackages() + [site.getusersitepackages()] + sys.path))' 2>/dev/null || true)
done
for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/local/cuda/lib64 /usr/local/cuda-13*/lib64 /usr/local/cuda/targets/x86_64-linux/lib \
         /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /opt/conda/lib "${CONDA_PREFIX:-/nonexistent}/lib"; do
  [ -d "$d" ] && candidates+=("$d")
done
found_dirs=() missing=()
ld_path="${LD_LIBRARY_PATH:-}"
for lib in "${needed[@]}"; do
  hit=""
  for d in ${ld_path//:/ } "${candidates[@]}"; do
    if [ -e "$d/$lib" ]; then hit="$d"; break; fi
  done
  if [ -z "$hit" ] && ldconfig -p 2>/dev/null | grep -q " $lib "; then hit="(ldconfig)"; fi
  if [ -n "$hit" ]; then
    echo "  $lib: $hit"
    [ "$hit" != "(ldconfig)" ] && found_dirs+=("$hit")
  else
    missing+=("$lib")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "not found: ${missing[*]} (satvidseg names them again; --device auto or cpu still runs)"
fi
extra="$(printf '%s\n' "${found_dirs[@]}" | awk 'NF && !seen[$0]++' | paste -sd: -)"
export LD_LIBRARY_PATH="${extra}${ld_path:+:$ld_path}"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true

# OpenCV's native library (segment, bench throughput) links GTK 3: where the target lacks any of
# its libraries, use the copies bundle.sh carried from the build machine.
if ldd "$app/libOpenCvSharpExtern.so" 2>/dev/null | grep -q "not found"; then
  echo "OpenCV's libraries are incomplete here: using the carried ones in lib-fallback/"
  export LD_LIBRARY_PATH="$LD_LIBRARY_PATH:$app/lib-fallback"
fi

cd "$app"
if [ ${#exec_args[@]} -gt 0 ]; then
  exec ./satvidseg "${exec_args[@]}"
fi
model_args=()
[ -n "$model" ] && model_args=(--model "$model")
echo "== satvidseg bench model --device $device --batch $batch ${model_args[*]}"
./satvidseg bench model --device "$device" --batch "$batch" "${model_args[@]}"
[ "$throughput" -eq 1 ] || exit 0
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  echo "error: bench throughput needs ffmpeg and ffprobe on PATH (e.g. apt-get install ffmpeg); bench model above did not" >&2
  exit 1
fi
echo "== satvidseg bench throughput --device $device (committed sample, 90 frames)"
./satvidseg bench throughput --device "$device" --video videos/synth-sample/video.mp4 --boxes videos/synth-sample/boxes.mot.txt "${model_args[@]}"
