#!/bin/bash
# satvidseg convert as a Slurm job array: task i of N runs `--shard i/N` (0-based), so the
# sequences are split deterministically (sorted name index k goes to task k mod N).
# A requeued or re-submitted task resumes: finished sequences (status/<seq>.json) are skipped.
#
#   IN=/data/SAT-MTB OUT=/scratch/SAT-MTB-seg sbatch --array=0-7 deploy/slurm/convert-array.sh
#   # one task again (cancelled, failed, node lost): SHARDS keeps the split of the whole array
#   IN=... OUT=... SHARDS=8 sbatch --array=3 deploy/slurm/convert-array.sh
#   # then, once all tasks are done, write the report and merged files over every shard (one task):
#   IN=... OUT=... sbatch --array=0 --dependency=afterany:<array job id> --export=ALL,FINALIZE=1 deploy/slurm/convert-array.sh
#
# Tested on a real one-node cluster by scripts/slurm-array-test.sh (part of ./build.sh test).
# Settings come from the environment: IN, OUT (required), TO (mots,ytvis,davis), SEGMENTER (sam),
# DEVICE (cpu; cuda with --gres=gpu:1 and a CUDA build), FROM (auto), SATVIDSEG (the command).
#SBATCH --job-name=satvidseg-convert
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=12:00:00
#SBATCH --requeue
#SBATCH --output=satvidseg-convert-%A_%a.log
set -euo pipefail

: "${IN:?set IN to the benchmark folder}"
: "${OUT:?set OUT to the output folder (shared by all tasks)}"
SATVIDSEG=${SATVIDSEG:-satvidseg}
TO=${TO:-mots,ytvis,davis}
SEGMENTER=${SEGMENTER:-sam}
DEVICE=${DEVICE:-cpu}
FROM=${FROM:-auto}

common=("$IN" --from "$FROM" --to "$TO" --out "$OUT" --segmenter "$SEGMENTER" --device "$DEVICE" --threads "${SLURM_CPUS_PER_TASK:-0}")

if [[ "${FINALIZE:-0}" == 1 ]]; then
  # Every sequence is done by now: this converts nothing and rewrites report.json and the merged files.
  exec "$SATVIDSEG" convert "${common[@]}"
fi

: "${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=0-(N-1)}"
N=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?set SHARDS or use a Slurm that sets SLURM_ARRAY_TASK_COUNT}}
if [[ -z "${SHARDS:-}" ]]; then
  # N comes from the array itself, so it must be 0..N-1 with no gaps or steps, or some shards are never run.
  if [[ "${SLURM_ARRAY_TASK_MIN:-0}" != 0 || "${SLURM_ARRAY_TASK_MAX:-$((N - 1))}" != $((N - 1)) ]]; then
    echo "error: submit with --array=0-$((N - 1)) (got ${SLURM_ARRAY_TASK_MIN:-?}-${SLURM_ARRAY_TASK_MAX:-?}), or set SHARDS to resubmit some tasks" >&2
    exit 2
  fi
elif (( SLURM_ARRAY_TASK_ID >= N )); then
  echo "error: task $SLURM_ARRAY_TASK_ID is past SHARDS=$N (tasks are 0..$((N - 1)))" >&2
  exit 2
fi
exec "$SATVIDSEG" convert "${common[@]}" --shard "${SLURM_ARRAY_TASK_ID}/${N}"
