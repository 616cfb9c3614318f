#!/usr/bin/env bash
# Propagation from sparse boxes (issue 15): for boxes on the first frame only, every 10th, every 5th
# and every frame, on the committed synthetic sample (HOTA, J&F against its exact masks) and on the
# real Jilin-1 car, and on both the mean mask-box IoU, the annotated object-frames without a mask and
# the centre error, with the time per object-frame of the per-frame work (prompting and linking, the
# appearance step, segmenting, resolving overlaps); then every 10th and every 5th box with
# --propagate both (the sample's frames extracted with ffmpeg into out/propagation/synth-frames:
# backward reading needs a folder). Usage: scripts/measure-propagation.sh [segmenter] [extra segment flags];
# run after ./build.sh build. The car is skipped where ../shared/data/real is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
cli="${SATVIDSEG:-dotnet src/SatVideoSeg.Cli/bin/Release/net10.0/linux-x64/satvidseg.dll}"
segmenter="${1:-sam}"
shift || true
sample=videos/synth-sample
car=../shared/data/real/jilin1-car-0001
seconds_per_object() { # run.json -> ms per object-frame of the per-frame stages
  /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); s=r['stageSeconds']; print(f\"{1000*sum(s.get(k,0) for k in ('segment','appearance','link','resolve'))/max(1,r['objectFrames']):.2f}\")" "$1"
}
box_scores() { # tracks, ground-truth boxes -> mean mask-box IoU, object-frames without a mask, centre error
  dotnet run scripts/mask-box-iou.cs -- "$1" "$2" 2>/dev/null |
    awk '/without a mask/ {m = $7; sub(",", "", m)} /mean mask-box IoU/ {i = $4; sub(",", "", i); print i, m, $8}'
}
printf '%-8s %-6s %6s %6s %8s %9s %10s %8s\n' data boxes HOTA J\&F maskBoxIoU noMask centreErr msPerObj
frames=out/propagation/synth-frames
if [ ! -f "$frames/000090.png" ]; then mkdir -p "$frames" && ffmpeg -loglevel error -y -i "$sample/video.mp4" "$frames/%06d.png"; fi
for mode in "first:--init-only" "every10:--boxes-every 10" "every5:--boxes-every 5" "every:" \
            "both10:--boxes-every 10 --propagate both" "both5:--boxes-every 5 --propagate both"; do
  name="${mode%%:*}"; flags="${mode#*:}"
  out="out/propagation/$segmenter-synth-$name"
  input="$sample/video.mp4"
  case "$name" in both*) input="$frames" ;; esac
  # shellcheck disable=SC2086
  $cli segment "$input" --boxes "$sample/boxes.mot.txt" -s "$segmenter" --out "$out" --no-report --no-overlay --no-resume $flags "$@" >/dev/null
  read -r hota jf < <($cli eval --pred "$out/tracks.mots.txt" --gt "$sample/gt.mots.txt" --out "$out/eval" | awk '/det_avg/ {print $2, $9}')
  read -r iou missing centre < <(box_scores "$out/tracks.mots.txt" "$sample/boxes.mot.txt")
  printf '%-8s %-6s %6s %6s %8s %9s %10s %8s\n' synth "$name" "$hota" "$jf" "$iou" "$missing" "$centre" "$(seconds_per_object "$out/run.json")"
  if [ -d "$car" ]; then
    out="out/propagation/$segmenter-car-$name"
    # shellcheck disable=SC2086
    $cli segment "$car/frames" --boxes "$car/groundtruth.txt" -s "$segmenter" --out "$out" --no-report --no-overlay --no-resume $flags "$@" >/dev/null
    read -r iou missing centre < <(box_scores "$out/tracks.mots.txt" "$car/groundtruth.txt")
    printf '%-8s %-6s %6s %6s %8s %9s %10s %8s\n' car "$name" - - "$iou" "$missing" "$centre" "$(seconds_per_object "$out/run.json")"
  fi
done
