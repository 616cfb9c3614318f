#!/usr/bin/env bash
# Submits deploy/slurm/convert-array.sh to a real one-node Slurm cluster on this machine and checks
# that a conversion split over an array, with one task cancelled mid-sequence and resubmitted,
# then finalized, is byte-identical to one `satvidseg convert` on one machine (issue 17).
#
# Steps: 1. install Debian's slurm-wlm and munge when missing (root only); 2. start munged,
# slurmctld and slurmd on loopback with a throw-away configuration under a temporary folder;
# 3. write a benchmark of several sequences with `satvidseg synth --layout sot`; 4. submit the
# array, scancel one task while it converts a sequence, check that the sequence left no file,
# resubmit that task alone; 5. run the finalize step; 6. compare with a single-machine convert.
# Exit 0 when it passed or was skipped (the reason is printed as "SKIPPED: ..."), 1 when it failed.
# Skipped only where the cluster cannot start (not root, packages not installable, daemons
# that do not come up).
#
#   scripts/slurm-array-test.sh            # after ./build.sh build (uses the Release CLI)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$(date +%s)
cli="$repo/src/SatVideoSeg.Cli/bin/Release/net10.0/linux-x64/satvidseg.dll"

say() { echo "slurm array test: $*"; }
skip() { say "SKIPPED: $*"; exit 0; }
fail() { say "FAILED: $*"; for log in "${work:-/nonexistent}"/log/*; do [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }; done; exit 1; }

[ -f "$cli" ] || fail "$cli is missing: build first (./build.sh build)"
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld, slurmd and munged needs root (running as $(id -un))"

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  say "installing slurm-wlm and munge"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; } \
    || skip "apt-get could not install slurm-wlm and munge"
fi

# 2. The cluster: one node, loopback only, every file under $work, two free ports of its own (a
# Slurm already on this machine, or a second run of this test, is left alone). Nothing here needs
# systemd or cgroups.
work=$(mktemp -d /tmp/satvidseg-slurm.XXXXXX)
mkdir -p "$work"/{state,spool,log,run}
chmod 755 "$work"
pids=()
cleanup() {
  # Jobs first (a failed check may leave tasks running), else their slurmstepd outlive the daemons.
  if [ -n "${SLURM_CONF:-}" ]; then
    scancel --quiet --user=root 2>/dev/null || true
    for _ in $(seq 20); do squeue -h 2>/dev/null | grep -q . || break; sleep 0.5; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${KEEP_SLURM_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# munged: reuse one that answers, else start our own with its socket under $work.
munge_socket=/run/munge/munge.socket.2
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 status=none; }
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /var/lib/munge /var/log/munge "$work/munge" && chown munge:munge /var/lib/munge /var/log/munge "$work/munge"
  chmod 755 "$work/munge"
  munge_socket="$work/munge/munge.socket"
  runuser -u munge -- munged --socket="$munge_socket" --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
    || skip "munged did not start: $(tail -n 2 "$work/munge/munged.log" 2>/dev/null)"
  pids+=("$(cat "$work/munge/munged.pid")")
  munge --socket="$munge_socket" -n | unmunge --socket="$munge_socket" >/dev/null || skip "munged does not answer"
fi

node=ci-node
cpus=$(nproc)
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 50); do
  port=$(( 20000 + RANDOM % 20000 ))
  port_free "$port" && port_free $((port + 1)) && break
done
cat > "$work/slurm.conf" <<EOF
ClusterName=satvidseg-ci
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
KillWait=5
InactiveLimit=0
MinJobAge=600
NodeName=$node NodeHostname=$(hostname -s) NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 || skip "slurmctld did not start: $(tail -n 3 "$work/log/slurmctld.log" 2>/dev/null)"
sleep 1
pids+=("$(cat "$work/run/slurmctld.pid" 2>/dev/null)")
slurmd -f "$SLURM_CONF" -N "$node" >"$work/log/slurmd.out" 2>&1 || skip "slurmd did not start: $(tail -n 3 "$work/log/slurmd.log" 2>/dev/null)"
sleep 1
pids+=("$(cat "$work/run/slurmd.pid" 2>/dev/null)")
for _ in $(seq 60); do
  state=$(sinfo -h -n "$node" -o %t 2>/dev/null || true)
  [[ "$state" == idle* ]] && break
  sleep 0.5
done
[[ "${state:-}" == idle* ]] || skip "the node did not come up (state '${state:-none}'): $(tail -n 3 "$work/log/slurmctld.log" 2>/dev/null)"
say "cluster up in $(( $(date +%s) - started )) s ($cpus CPUs)"

# 3. A benchmark of several sequences (one per object in the SOT layout), long enough that a task
# is caught converting one: at 160 frames the box segmenter finished a sequence between the check
# and the cancel on a loaded machine (2026-12-04), so 480, and the cancel once 10 are written.
cat > "$work/satvidseg" <<EOF
#!/bin/sh
exec dotnet "$cli" "\$@"
EOF
chmod +x "$work/satvidseg"
"$work/satvidseg" synth --layout sot --width 320 --height 240 --frames 480 --airplanes 2 --ships 2 --trains 0 --cars 2 --out "$work/in" >/dev/null
shards=3
export IN="$work/in" OUT="$work/array" TO=mots,ytvis,davis SEGMENTER=box DEVICE=cpu SATVIDSEG="$work/satvidseg"
array_log="$work/log/task-%A_%a.log"

# 4. The array; a task is cancelled while it holds a sequence it has not finished (its lock file
# is there, its done marker not yet).
job=$(sbatch --parsable --array=0-$((shards - 1)) --cpus-per-task=1 --mem=0 --output="$array_log" deploy/slurm/convert-array.sh) \
  || fail "sbatch refused the array"
say "submitted array job $job ($shards tasks)"
victim="" task=""
for _ in $(seq 600); do
  for lock in "$OUT"/status/*.lock; do
    [ -e "$lock" ] || continue
    seq=$(basename "$lock" .lock)
    [ -e "$OUT/status/$seq.json" ] && continue
    # Mid-sequence: some of its DAVIS frames are written (staged, not yet published).
    frames=$( { find "$OUT/davis/Annotations" -path "*/$seq.*.partial/*.png" 2>/dev/null || true; } | wc -l)
    [ "$frames" -ge 10 ] || continue
    # The lock file holds the pid of the run converting the sequence; its environment names its task.
    pid=$(cat "$lock" 2>/dev/null || true)
    task=$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | sed -n 's/^SLURM_ARRAY_TASK_ID=//p' || true)
    [ -n "$task" ] && victim=$seq && break 2
  done
  sleep 0.1
done
[ -n "$victim" ] || fail "never saw a task converting a sequence"
scancel "${job}_$task"
say "cancelled task ${job}_$task while it converted $victim ($frames of its frames written)"
for _ in $(seq 120); do
  squeue -h -j "${job}_$task" 2>/dev/null | grep -q . || break
  sleep 0.5
done
[ ! -e "$OUT/status/$victim.json" ] || fail "$victim finished before the cancel reached it; make the sequences longer"
leftovers=$(find "$OUT" -name "*$victim*" ! -name "$victim.lock" | head -n 5)
[ -z "$leftovers" ] || fail "the cancelled task left files of $victim: $leftovers"

# That task alone, resubmitted: SHARDS keeps the split the same as in the whole array.
again=$(SHARDS=$shards sbatch --parsable --array="$task" --cpus-per-task=1 --mem=0 --output="$array_log" deploy/slurm/convert-array.sh) \
  || fail "sbatch refused the resubmitted task"
say "resubmitted task $task as job $again"

# 5. Finalize after both; --wait returns when it has run.
# In the background so that a signal to this script reaches the trap at once (bash runs traps only
# between foreground commands), and the cleanup ends the waiting sbatch too.
FINALIZE=1 sbatch --parsable --wait --array=0 --cpus-per-task=1 --mem=0 --dependency=afterany:"$job":"$again" --output="$work/log/finalize-%j.log" deploy/slurm/convert-array.sh >/dev/null &
waiter=$!
pids+=("$waiter")
wait "$waiter" || fail "the finalize job failed"
# Every task but the cancelled one completed (MinJobAge keeps finished jobs listed; no accounting needed).
states=$( { scontrol -o show job "$job"; scontrol -o show job "$again"; } | grep -o 'JobState=[A-Z_]*')
echo "$states" | grep -qv -e COMPLETED -e CANCELLED && fail "array tasks did not all complete: $(echo "$states" | sort | uniq -c | tr -s '\n ' '; ')"
[ "$(echo "$states" | grep -c CANCELLED)" -eq 1 ] || fail "expected exactly the one cancelled task: $(echo "$states" | sort | uniq -c | tr -s '\n ' '; ')"
scontrol -o show job "$again" | grep -q 'JobState=COMPLETED' || fail "the resubmitted task did not complete"
grep -q '"complete": true' "$OUT/report.json" || fail "report.json says the conversion is not complete"

# 6. The same benchmark on one machine, byte for byte (lock files are gone once each run ends).
"$work/satvidseg" convert "$IN" --from auto --to "$TO" --segmenter box --device cpu --out "$work/single" >/dev/null
diff -r "$work/single" "$OUT" >"$work/log/diff.txt" || fail "the array's output differs from one machine's: $(head -n 5 "$work/log/diff.txt")"
files=$(find "$OUT" -type f | wc -l)
say "passed: $files files byte-identical to a single-machine convert, in $(( $(date +%s) - started )) s"
