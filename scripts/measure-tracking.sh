#!/usr/bin/env bash
# Reproduces README's tracking table: segment the committed synthetic sample with boxes on every
# frame, every 5th frame and the first frame only, and evaluate each against its exact masks.
# Usage: scripts/measure-tracking.sh [segmenter] (default sam); run after ./build.sh build.
set -euo pipefail
cd "$(dirname "$0")/.."
cli="${SATVIDSEG:-dotnet src/SatVideoSeg.Cli/bin/Release/net10.0/linux-x64/satvidseg.dll}"
segmenter="${1:-sam}"
sample=videos/synth-sample
for mode in "every:" "every5:--boxes-every 5" "first:--init-only"; do
  name="${mode%%:*}"; flags="${mode#*:}"
  out="out/tracking/$segmenter-$name"
  # shellcheck disable=SC2086
  $cli segment "$sample/video.mp4" --boxes "$sample/boxes.mot.txt" -s "$segmenter" --out "$out" --no-report $flags >/dev/null
  echo "== $segmenter, boxes: $name"
  $cli eval --pred "$out/tracks.mots.txt" --gt "$sample/gt.mots.txt" --out "$out/eval" | grep -E "scope|det_avg"
done
