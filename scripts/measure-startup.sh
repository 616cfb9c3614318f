#!/usr/bin/env bash
# Usage: scripts/measure-startup.sh LABEL RUNS -- COMMAND...   (COMMAND starts satvidseg)
# Times `segment` of the committed 90-frame sample in a fresh process, RUNS times, and prints per
# run: wall seconds of the whole process, the model's seconds from run.json (stage "model"), and
# their ratio: what a fresh process costs beyond the model (README, "Startup").
set -euo pipefail
label="$1" runs="$2"; shift 3
repo="$(cd "$(dirname "$0")/.." && pwd)"
for i in $(seq "$runs"); do
  out="$(mktemp -d)/out"
  start=$(date +%s.%N)
  "$@" segment "$repo/videos/synth-sample/video.mp4" --boxes "$repo/videos/synth-sample/boxes.mot.txt" --out "$out" >/dev/null
  end=$(date +%s.%N)
  model=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stageSeconds"]["model"])' "$out/run.json")
  python3 -c 'import sys; w,m=float(sys.argv[2]),float(sys.argv[3]); print(f"{sys.argv[1]} run {sys.argv[4]}: wall {w:.2f} s, model {m:.2f} s, wall/model {w/m:.2f}x")' "$label" "$(echo "$end - $start" | bc)" "$model" "$i"
  rm -rf "$(dirname "$out")"
done
