#!/usr/bin/env bash
# Usage: scripts/startup-timeline.sh -- COMMAND...   (COMMAND starts satvidseg)
# One fresh `segment` of the committed 90-frame sample under strace (file opens, process starts
# and exits only: --seccomp-bpf stops on nothing else), printed as a timeline of the fixed costs
# README "Startup" names: the runtime's start, ffprobe, ONNX Runtime and the model files, the
# FFmpeg decoder and encoder processes, OpenCV's native library, the last frame, `ffmpeg
# -version` for run.json, the reports, the exit. Needs strace. Times include strace's own cost.
set -euo pipefail
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 -- COMMAND..." >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
strace -f --seccomp-bpf -ttt -e trace=openat,execve,exit_group -o "$work/trace" \
  "$@" segment "$repo/videos/synth-sample/video.mp4" --boxes "$repo/videos/synth-sample/boxes.mot.txt" --out "$work/out" >/dev/null
python3 - "$work/trace" "$work/out/run.json" <<'PY'
import json, sys
lines = [l.split(None, 2) for l in open(sys.argv[1]).read().splitlines()]
lines = [l for l in lines if len(l) == 3 and "ENOENT" not in l[2]]
t0 = float(lines[0][1])
roles, marks = {}, []
def mark(t, what):
    marks.append((t - t0, what))
for pid, t, call in lines:
    t = float(t)
    if call.startswith("execve(\"/usr/bin/ffprobe\""):
        roles[pid] = "ffprobe"; mark(t, "ffprobe starts (the job has begun)")
    elif call.startswith("execve(\"/usr/bin/ffmpeg\""):
        role = "ffmpeg -version" if "\"-version\"" in call else "ffmpeg encoder" if "pipe:0" in call or "\"-i\", \"-\"" in call else "ffmpeg decoder"
        roles[pid] = role; mark(t, role + " starts")
    elif call.startswith("exit_group") and pid in roles:
        mark(t, roles[pid] + " exits")
    elif "libonnxruntime.so\"" in call and "ORT" not in roles:
        roles["ORT"] = 1; mark(t, "ONNX Runtime's library opened (model load, background)")
    elif "/decoder.onnx\"" in call and "dec" not in roles:
        roles["dec"] = 1; mark(t, "decoder.onnx read (sessions almost made)")
    elif "libOpenCvSharpExtern.so\"" in call and "cv" not in roles:
        roles["cv"] = 1; mark(t, "OpenCV's native library opened")
    elif "run.json" in call and "O_WRONLY" in call and "rj" not in roles:
        roles["rj"] = 1; mark(t, "run.json written")
end = float(lines[-1][1]) - t0
stages = json.load(open(sys.argv[2]))["stageSeconds"]
for t, what in sorted(marks):
    print(f"{t:7.3f} s  {what}")
print(f"{end:7.3f} s  process gone")
print(f"model {stages['model']:.2f} s of {end:.2f} s wall ({end / stages['model']:.2f}x); run.json stages: " + ", ".join(f"{k} {v}" for k, v in stages.items()))
PY
