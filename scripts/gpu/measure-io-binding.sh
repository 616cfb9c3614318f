#!/usr/bin/env bash
# Usage: measure-io-binding.sh [--device cuda|cuda:N|cpu] [--batch 1,2,...,256] [--calls N]
#                              [--model DIR]... [--app DIR]
# Issue 14 item 2 on a GPU, in one run: `satvidseg bench model` for each model folder (default: the
# bundle's models/sat-unet and models/sat-unet-fp16, which bundle.sh makes with
# training/convert_fp16.py) with I/O binding on and off, and on CUDA with cuDNN's convolution
# search heuristic (segment's default) and exhaustive (ONNX Runtime's), at every batch size; prints
# one markdown table (ms per crop, crops/s) and then, per model and search, I/O binding's gain.
# Beside the bundle's run.sh (bundle.sh copies it there), which finds the CUDA libraries: run
# `OUT_DIR/measure-io-binding.sh`. --app DIR runs DIR/satvidseg directly instead (any build, e.g. a
# CPU publish: how it was checked without a GPU). About 8 bench runs; on an H200 expect 2-5 min.
# Then the batch fill of a real run: `segment` of the committed sample (its JPEG frames, which
# bundle.sh adds, where present: no ffmpeg needed) with every box used, as made (crops of
# consecutive frames share model calls), with --per-frame-batches (each frame's ~14 crops alone),
# and across frames at a fixed --batch-size 128; prints each run's model seconds and crops per call;
# on CUDA, once more with --gpu-mem-limit 64 to see the search end where a batch no longer fits.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
device=cuda batch=1,2,4,8,16,32,64,128,256 calls=5 app="" models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --calls) calls="$2"; shift 2 ;;
    --model) models+=("$2"); shift 2 ;;
    --app) app="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "measure-io-binding.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ ${#models[@]} -gt 0 ] || models=(models/sat-unet models/sat-unet-fp16)

# satvidseg ARGS..., in the app folder (model paths above are relative to it).
satvidseg() {
  if [ -n "$app" ]; then (cd "$app" && ./satvidseg "$@"); else "$here/run.sh" --device "$device" --exec "$@"; fi
}

searches=(heuristic)
case "$device" in cuda*) searches=(heuristic exhaustive) ;; esac
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
echo "date $(date -u +%Y-%m-%dT%H:%M:%SZ), device $device, $calls timed calls per batch size after one warm-up"

rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT
failed=0
for model in "${models[@]}"; do
  for search in "${searches[@]}"; do
    for io in on off; do
      log="$(mktemp)"
      if ! satvidseg bench model --model "$model" --device "$device" --batch "$batch" --calls "$calls" --io-binding "$io" --conv-search "$search" >"$log" 2>&1; then
        echo "FAILED: bench model --model $model --io-binding $io --conv-search $search:" >&2
        tail -5 "$log" >&2
        failed=1
        rm -f "$log"
        continue
      fi
      # "model sat-unet (float32), 64 px crops, device cuda:0, io-binding, ..." then rows: batch calls enc dec crops/s.
      awk -v model="$model" -v search="$search" -v io="$io" '
        /^model / { type = $3; gsub(/[(),]/, "", type); dev = $0; sub(/.*device /, "", dev); sub(/,.*/, "", dev) }
        /^ *[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ *$/ { print model, type, dev, search, io, $1, $3, $4, $5 }
      ' "$log" >>"$rows"
      rm -f "$log"
    done
  done
done

echo
echo "| model | tensors | device | conv search | I/O binding | batch | encoder ms/crop | decoder ms/crop | crops/s |"
echo "|---|---|---|---|---|---|---|---|---|"
awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$rows"
echo
echo "I/O binding on / off, crops/s, by batch size (above 1: binding is faster):"
awk '{ key = $1 " " $4; if ($5 == "on") on[key, $6] = $9; else off[key, $6] = $9; keys[key] = 1; if (!($6 in seen)) { seen[$6] = 1; sizes[n++] = $6 } }
  END { for (k in keys) { line = k ":"; for (i = 0; i < n; i++) { b = sizes[i]; if ((k, b) in on && (k, b) in off && off[k, b] > 0) line = line sprintf(" b%s %.2fx", b, on[k, b] / off[k, b]) } print line } }' "$rows" | sort
echo
echo "best crops/s over batch 1, per model, search and binding:"
awk '{ key = $1 " " $4 " io-" $5; if ($6 == 1) one[key] = $9; if ($9 > best[key]) { best[key] = $9; at[key] = $6 } }
  END { for (k in best) if (one[k] > 0) printf "%s: %.1fx (batch %s, %s crops/s)\n", k, best[k] / one[k], at[k], best[k] }' "$rows" | sort

echo
echo "segment of the committed sample, every box used, device $device: model time and crops per model call"
sample=videos/synth-sample
input="$sample/frames"
[ -d "${app:-$here/satvidseg-gpu}/$input" ] || input="$sample/video.mp4"
for variant in "as made (automatic batch size)|" "per-frame batches|--per-frame-batches" "across frames, batch 128|--batch-size 128"; do
  name="${variant%%|*}" extra="${variant#*|}"
  out="$(mktemp -d)"
  log="$(mktemp)"
  # shellcheck disable=SC2086
  if satvidseg segment "$input" --boxes "$sample/boxes.mot.txt" --out "$out/run" --device "$device" --no-overlay --no-report $extra >"$log" 2>&1; then
    printf '%s: %s; %s\n' "$name" "$(awk '$1 == "model" { print "model " $2 " s" }' "$log")" "$(sed -n 's/^ *batches *//p' "$log")"
  else
    echo "FAILED: segment $name:" >&2
    tail -5 "$log" >&2
    failed=1
  fi
  rm -rf "$out" "$log"
done
# The batch-size search against a capped arena: the first size that does not fit should end the
# search at the last that did (a "ran out of memory" line), and the run still succeeds.
case "$device" in cuda*)
  out="$(mktemp -d)"
  log="$(mktemp)"
  if satvidseg segment "$input" --boxes "$sample/boxes.mot.txt" --out "$out/run" --device "$device" --no-overlay --no-report --gpu-mem-limit 64 >"$log" 2>&1; then
    echo "gpu-mem-limit 64 MiB: $(sed -n 's/^ *batches *//p' "$log")"
    grep -m1 "ran out of memory" "$log" || echo "(no call ran out of memory under 64 MiB)"
  else
    echo "gpu-mem-limit 64 MiB: segment failed (a note, not a failure of this script):"
    tail -3 "$log"
  fi
  rm -rf "$out" "$log" ;;
esac
exit "$failed"
