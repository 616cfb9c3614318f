#!/usr/bin/env bash
# One entry point for people and CI: ./build.sh demo | test | build | bench
# Sets up missing system packages (scripts/setup-debian.sh), restores the Cake tool, runs the target.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-test}"
shift || true
scripts/setup-debian.sh
dotnet tool restore >/dev/null
exec dotnet cake build.cake --target="$(tr '[:lower:]' '[:upper:]' <<< "${target:0:1}")${target:1}" "$@"
