#!/usr/bin/env bash
# Schema check of deploy/k8s/*.yaml against the Kubernetes API schema that the npm package
# kubernetes-models ships (deploy/k8s/check/validate.mjs); no cluster needed. Installs the two
# pinned packages into a cache folder on first use. Exit 0 when the manifests pass or the check
# is skipped (node/npm missing, npm registry unreachable: the reason is printed as "SKIPPED: ..."),
# 1 when a manifest fails.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "k8s schema check: $*"; }
command -v node >/dev/null && command -v npm >/dev/null || { say "SKIPPED: needs node and npm (Debian packages nodejs, npm)"; exit 0; }
cache="${XDG_CACHE_HOME:-$HOME/.cache}/satvidseg-k8s-check"
packages=(kubernetes-models@5.1.0 js-yaml@5.5.0)
if [ "$(cat "$cache/installed" 2>/dev/null)" != "${packages[*]}" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "${packages[@]}" >/dev/null 2>"$cache/npm.log" \
    || { say "SKIPPED: npm could not install ${packages[*]}: $(tail -n 2 "$cache/npm.log")"; exit 0; }
  echo "${packages[*]}" > "$cache/installed"
fi
# ES modules resolve packages from the script's folder: run a copy that sits beside node_modules.
cp deploy/k8s/check/validate.mjs "$cache/validate.mjs"
node "$cache/validate.mjs" deploy/k8s/*.yaml || { say "FAILED"; exit 1; }
say "passed (${packages[0]})"
