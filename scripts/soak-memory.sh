#!/usr/bin/env bash
# Usage: scripts/soak-memory.sh [--loop] [FRAMES...] [-- COMMAND...]   (default: 1000 10000; COMMAND starts satvidseg)
# Soak benchmark (issue 17, item 5): for each length, writes a synthetic video (`satvidseg synth`,
# 320x240, seed 1) and runs `segment` on it with the report on (the default), sampling the
# process's resident memory (VmRSS) every half second into rss-<frames>.csv (seconds,MB). Prints
# per length the largest sample, the process's exact peak (GNU time's maximum resident set size:
# the report is built in the last second, between samples), run.json's peakMemoryMB (sampled by
# segment itself just before it writes run.json), and the ratio of the longest run's exact peak
# to the shortest's. Not a timed test: seconds are printed for context only.
# The synthetic scene's objects cross the frame within its first 600 frames, so a long `synth`
# video is mostly empty; --loop instead repeats the first 1000 frames (and their boxes, same ids)
# up to each length, so its 16 tracks last the whole video: the per-track report data is what grows.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
frames=()
loop=0
[[ "${1:-}" == "--loop" ]] && { loop=1; shift; }
while [[ $# -gt 0 && "$1" != "--" ]]; do frames+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
cmd=("$@")
[[ ${#cmd[@]} -eq 0 ]] && cmd=(dotnet "$repo/src/SatVideoSeg.Cli/bin/Release/net10.0/linux-x64/satvidseg.dll")
[[ ${#frames[@]} -eq 0 ]] && frames=(1000 10000)
scratch="${SOAK_DIR:-$(mktemp -d)}"
declare -A peak
for n in "${frames[@]}"; do
  synth="$scratch/synth-$n" out="$scratch/segment-$n"
  rm -rf "$synth" "$synth.base" "$out"
  if (( loop && n > 1000 )); then
    # 1000 synthetic frames, re-encoded n frames long by looping, with the boxes repeated every 1000 frames.
    "${cmd[@]}" synth --frames 1000 --width 320 --height 240 --out "$synth.base" >/dev/null
    mkdir -p "$synth"
    ffmpeg -nostdin -v error -stream_loop -1 -i "$synth.base/video.mp4" -frames:v "$n" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -y "$synth/video.mp4"
    awk -F, -v OFS=, -v n="$n" '{ for (k = 0; $1 + 1000 * k <= n; k++) { line = $0; sub(/^[0-9]+/, $1 + 1000 * k, line); print line } }' "$synth.base/boxes.mot.txt" \
      | sort -t, -k1,1n -k2,2n > "$synth/boxes.mot.txt"
  else
    "${cmd[@]}" synth --frames "$n" --width 320 --height 240 --out "$synth" >/dev/null
  fi
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$scratch/maxrss-$n.txt" "${cmd[@]}" segment "$synth/video.mp4" --boxes "$synth/boxes.mot.txt" --out "$out" >/dev/null &
  timer=$!
  max=0
  : > "$scratch/rss-$n.csv"
  # GNU time's child is the satvidseg process whose memory is sampled.
  while kill -0 "$timer" 2>/dev/null; do
    pid=$(pgrep -P "$timer" | head -1 || true)
    if [[ -n "$pid" ]] && rss=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null) && [[ -n "$rss" ]]; then
      (( rss > max )) && max=$rss
      printf '%.1f,%.1f\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(echo "$rss / 1024" | bc -l)" >> "$scratch/rss-$n.csv"
    fi
    sleep 0.5
  done
  wait "$timer"
  hwm=$(tail -1 "$scratch/maxrss-$n.txt")
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  run=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["peakMemoryMB"], r["objectFrames"], r["tracks"])' "$out/run.json")
  read -r runpeak objectframes tracks <<< "$run"
  peak[$n]=$(echo "$hwm / 1024" | bc -l)
  printf '%6d frames (%s object-frames, %s tracks): largest sample %.1f MB, peak RSS %.1f MB, run.json peakMemoryMB %s, %.0f s, report.html %s KB, run.json %s KB\n' \
    "$n" "$objectframes" "$tracks" "$(echo "$max / 1024" | bc -l)" "${peak[$n]}" "$runpeak" "$seconds" \
    "$(( $(stat -c %s "$out/report.html") / 1024 ))" "$(( $(stat -c %s "$out/run.json") / 1024 ))"
done
first="${frames[0]}" last="${frames[-1]}"
printf 'peak RSS %d frames / %d frames: x%.3f (samples: %s/rss-*.csv)\n' "$last" "$first" "$(echo "${peak[$last]} / ${peak[$first]}" | bc -l)" "$scratch"
