#!/usr/bin/env bash
# Installs the system packages SatVideoSeg needs on Debian 12 (the .NET 10 SDK is assumed):
# ffmpeg (decode/encode), libgtk-3-0 (OpenCvSharp's native library links it),
# python3-torch, python3-onnx and python3-opencv (the training scripts, their smoke tests and
# the torch reference of the crop pipeline that the SAM export tests compare with), chromium (the
# report tests open report.html in headless Chromium and fail on console errors).
# As root it installs what is missing; otherwise it prints the exact command and exits 1.
set -euo pipefail

packages=(ffmpeg libgtk-3-0 python3-torch python3-onnx python3-numpy python3-pil python3-opencv chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${missing[*]}" >&2
  echo "run as root: $command" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
