#!/usr/bin/env bash
# ctest-labels: long;slurm
# scripts/sweep --slurm --submit on a real Slurm cluster: one node, started by this test as root
# from Debian's slurmctld, slurmd, slurm-client and munge (tests/e2e/slurm_cluster.sh) and stopped
# on every exit. Label `slurm`: it needs root, those packages and three daemons, so the README's
# quick test command leaves it out; .ci/run installs the packages and runs it.
#  - resnet50 on paper-2x2 and paper-4x4, dense and sparse, as a Slurm array job: submitted, waited
#    for and collected; every cell equals a local run's (reports, results.csv, layers.csv; wall
#    times aside), each cell ran once as one array task;
#  - the --sbatch options (partition, account, time limit) reach Slurm; the test's partition is
#    not the default, so a job without it is refused (exit 2, sbatch's message);
#  - one array task cancelled mid-run: the sweep ends with that cell pending (exit 1); the same
#    command submits that cell alone and completes the sweep; the finished cells are not run again;
#  - the waiting sweep killed (SIGKILL): its job goes on, and the same command waits for that job
#    instead of submitting again: every cell ran exactly once; so does --submit after the script
#    was written (--slurm alone) and submitted by hand;
#  - the waiting sweep stopped (SIGTERM): it cancels its job (exit 143), leaves no partial result,
#    and the same command completes the sweep.
# The interruptions use an aie2sim slowed by 2 s, so the task is surely still running when hit,
# and held at a gate where a job must still be queued when the next sweep starts.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
source "$SRC/tests/e2e/sweep_helpers.sh"
source "$SRC/tests/e2e/slurm_cluster.sh"
SWEEP="$SRC/scripts/sweep"

for tool in mungekey munged slurmctld slurmd sbatch squeue scancel sinfo; do
  if ! command -v $tool >/dev/null; then
    echo "FAIL: no $tool: this test needs Debian's slurmctld slurmd slurm-client munge" \
      "(apt-get install --no-install-recommends; .ci/run does)"
    exit 1
  fi
done
if [[ $(id -u) -ne 0 ]]; then
  echo "FAIL: needs root (slurmd starts the tasks as the submitting user)"
  exit 1
fi

CLUSTER=$WORK/cluster
background=  # the sweep running in the background, if any
cleanup() {
  [[ -n $background ]] && kill "$background" 2>/dev/null && wait "$background"
  stop_cluster "$CLUSTER"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
guard_cluster $$ "$CLUSTER"
started=$SECONDS
if ! start_cluster "$CLUSTER"; then
  echo "FAIL: the Slurm cluster did not start"
  exit 1
fi
echo "slurm cluster up in $((SECONDS - started)) s: $(sinfo --noheader)"

# in_background LOG SWEEP-ARGS...: starts scripts/sweep in the background, output to LOG.
in_background() {
  local log=$1
  shift
  "$SWEEP" "$@" >"$log" 2>&1 &
  background=$!
}

# wait_background: waits for the background sweep; sets status to its exit status.
wait_background() {
  wait "$background" 2>/dev/null  # (no "Killed" notice)
  status=$?
  background=
}

# run_logged LOG SWEEP-ARGS...: runs scripts/sweep, its stderr and stdout to LOG and, indented,
# to this log; sets status to its exit status. (In the background, so that a signal to this test
# is handled at once, not when the sweep ends.)
run_logged() {
  in_background "$@"
  wait_background
  sed 's/^/    /' "$1"
}

# exits_with CODE LOG PATTERN: the last run_logged command exited CODE and LOG matches PATTERN.
exits_with() {
  local code=$1 log=$2 pattern=$3
  check "exit $status (want $code), log matches /$pattern/" \
    test $status -eq $code -a -n "$(grep -E -- "$pattern" "$log")"
}

seconds_since() { /usr/bin/python3 -c "import sys, time; print(f'{time.time() - $1:.1f}')"; }

# running_task DIR: the first array task of DIR's job in state RUNNING (JOB_TASK), within 30 s.
running_task() {
  local task
  for _ in $(seq 150); do
    task=$(squeue --noheader --states=RUNNING --format='%i %o' | grep -m1 " $1/sweep.slurm$")
    [[ -n $task ]] && { echo "${task%% *}"; return 0; }
    sleep 0.2
  done
  return 1
}

cell_of() { awk -F'\t' -v i="$2" '$1 == i { print $2 }' "$1/cells.tsv"; }  # cell_of DIR INDEX

job_of() { cat "$1/slurm/job"; }  # the last job a sweep submitted

# ran_once DIR JOB N: DIR/slurm holds exactly the outputs JOB_1..JOB_N, each with one summary
# line, status ok: every cell ran once, as a task of JOB.
ran_once() {
  local dir=$1 job=$2 n=$3 i
  [[ $(cd "$dir/slurm" && ls -- *.out | sort -V | tr '\n' ' ') == \
     "$(for i in $(seq "$n"); do printf '%s ' "${job}_$i.out"; done)" ]] || return 1
  for i in $(seq "$n"); do
    [[ $(grep -c '^sweep-cell ' "$dir/slurm/${job}_$i.out") -eq 1 ]] &&
      grep -q '^sweep-cell .*"status": "ok"' "$dir/slurm/${job}_$i.out" || return 1
  done
}

# same_cells A B: the sweeps in A and B have the same cells with the same results: each cell's
# report, results.csv and layers.csv, wall-clock times (the report's "wall", *_wall_s) aside.
same_cells() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import csv, glob, json, os, sys
def rows(path):
    with open(path, newline="") as source:
        return sorted((tuple((k, v) for k, v in row.items() if not k.endswith("_wall_s"))
                       for row in csv.DictReader(source)))
def reports(directory):
    found = {}
    for path in glob.glob(os.path.join(directory, "cells", "*.json")):
        report = json.load(open(path))
        report.pop("wall")
        found[os.path.basename(path)] = report
    return found
a, b = sys.argv[1:]
problems = [f"{name} differs" for name in ("results.csv", "layers.csv")
            if rows(os.path.join(a, name)) != rows(os.path.join(b, name))]
ra, rb = reports(a), reports(b)
problems += [f"cells/{name} differs or is missing" for name in sorted(set(ra) | set(rb))
             if ra.get(name) != rb.get(name)]
print("; ".join(problems) or f"{len(ra)} cells equal")
sys.exit(1 if problems or not ra else 0)
PY
}

# ---- the array job's cells equal a local run's ----------------------------------------------
GRID=(--workloads resnet50 --configs paper-2x2,paper-4x4 --jobs 2 --no-plots --aie2sim "$AIE2SIM")
ON_SLURM=(--slurm --submit --sbatch "partition=$PARTITION")
echo "local: scripts/sweep --out local ${GRID[*]}"
started=$(date +%s.%N)
run_logged "$WORK/local.log" --out "$WORK/local" "${GRID[@]}"
local_s=$(seconds_since "$started")
exits_with 0 "$WORK/local.log" "4 cells: 4 ok"
echo "slurm: scripts/sweep --out slurm ${GRID[*]} ${ON_SLURM[*]}"
started=$(date +%s.%N)
run_logged "$WORK/slurm.log" --out "$WORK/slurm" "${GRID[@]}" "${ON_SLURM[@]}"
slurm_s=$(seconds_since "$started")
exits_with 0 "$WORK/slurm.log" "0 done, 4 to run as Slurm job [0-9]+ \(array 1-4, 2 at a time\)"
check "progress lines of the 4 cells" test "$(grep -cE "^\[[1-4]/4\] resnet50 paper-[24]x[24] \
(dense|sparse0\.5) ok [0-9.]+ ms \(analytic [0-9.]+ ms\)" "$WORK/slurm.log")" -eq 4
check "results.csv: 4 cells ok" csv_is "$WORK/slurm/results.csv" status=ok -- 4
check "the cells equal the local run's" same_cells "$WORK/local" "$WORK/slurm"
check "each cell ran once, as a task of the one job" ran_once "$WORK/slurm" "$(job_of "$WORK/slurm")" 4
echo "times for the 4 cells, wall: local ${local_s} s, Slurm ${slurm_s} s (submission to results)"
expect_exit 2 "^sweep: error: sbatch .*: Batch job submission failed: No partition specified" \
  "$SWEEP" --out "$WORK/no-partition" --workloads tiny --configs paper-1x1 --no-plots --slurm \
  --submit --aie2sim "$AIE2SIM"

# ---- one array task cancelled mid-run; the same command resumes -----------------------------
# GATE: while it is missing, every slowed cell also waits for it (at most 120 s), so a job stays in
# the queue for as long as a check needs it there; it exists except while such a check runs.
GATE=$WORK/gate
touch "$GATE"
# Only the cells' `aie2sim run` is slowed: the sweep's own checks of its arguments (info,
# config-keys) run at full speed.
cat >"$WORK/slow-aie2sim" <<EOF
#!/bin/bash
if [[ \$1 == run ]]; then
  sleep 2
  for _ in \$(seq 600); do [[ -e "$GATE" ]] && break; sleep 0.2; done
fi
exec "$AIE2SIM" "\$@"
EOF
chmod +x "$WORK/slow-aie2sim"
SLOW_GRID=(--workloads tiny --configs paper-1x1,paper-2x2 --jobs 2 --no-plots
           --aie2sim "$WORK/slow-aie2sim" --slurm --sbatch "partition=$PARTITION"
           --sbatch account=aie2sim-users --sbatch time=00:10:00)
SLOW=("${SLOW_GRID[@]}" --submit)
CUT=$WORK/cut
in_background "$WORK/cut.log" --out "$CUT" "${SLOW[@]}"
task=$(running_task "$CUT")
check "a task of the job runs ($task)" test -n "$task"
check "the --sbatch options reach Slurm: partition, account, time limit" test \
  "$(squeue --noheader --jobs "${task%_*}" --format='%P %a %l' | sort -u)" == \
  "$PARTITION aie2sim-users 10:00"
scancel "$task"
wait_background
sed 's/^/    /' "$WORK/cut.log"
cell=$(cell_of "$CUT" "${task#*_}")
exits_with 1 "$WORK/cut.log" "4 cells: 3 ok, 0 failed, 1 pending"
check "the cancelled task is named, with Slurm's message" grep -qE \
  "array task $task \(.*\) ended without a result: .*CANCELLED" "$WORK/cut.log"
check "its cell $cell has no result and no partial file" \
  test -z "$(ls -A "$CUT/cells" | grep -F "$cell")"
check "no temporary file, no cell process left" \
  test -z "$(ls -A "$CUT/cells" | grep tmp)" -a -z "$(pgrep -f "[r]un_cell.py .* $CUT ")"
before=$(stamps "$CUT")
first_job=$(job_of "$CUT")
run_logged "$WORK/cut2.log" --out "$CUT" "${SLOW[@]}"
exits_with 0 "$WORK/cut2.log" "3 done, 1 to run as Slurm job [0-9]+ \(array ${task#*_}, 2 at a time\)"
check "resumed: 4 cells ok" csv_is "$CUT/results.csv" status=ok -- 4
check "resumed: the 3 finished cells kept as they were" same_stamps "$before"
check "resumed: the new job ran that one cell" test \
  "$(cd "$CUT/slurm" && ls -- *.out | grep -v "^${first_job}_")" == "$(job_of "$CUT")_${task#*_}.out"

# waits_for DIR JOB: the sweep of the slowed grid in DIR waits for JOB, still in the queue, instead
# of submitting its cells again; the 4 cells are ok and each ran once, in JOB.
# The job's cells are held at the gate until the sweep has said so (the sweep's start, which loads
# every workload and config first, must not race the job's end).
waits_for() {
  local dir=$1 job=$2
  in_background "$dir.log" --out "$dir" "${SLOW[@]}"
  for _ in $(seq 300); do grep -q "still in the queue" "$dir.log" && break; sleep 0.2; done
  touch "$GATE"
  wait_background
  sed 's/^/    /' "$dir.log"
  exits_with 0 "$dir.log" "Slurm job $job of $dir/sweep.slurm is still in the queue"
  check "4 cells ok" csv_is "$dir/results.csv" status=ok -- 4
  check "every cell ran once, in job $job" ran_once "$dir" "$job" 4
}

# ---- the waiting sweep killed: the same command waits for its job ---------------------------
KEPT=$WORK/kept
rm -f "$GATE"
in_background /dev/null --out "$KEPT" "${SLOW[@]}"
task=$(running_task "$KEPT")
kill -KILL "$background"
wait_background
check "SIGKILL of the waiting sweep: its job goes on" \
  test -n "$(squeue --noheader --jobs "${task%_*}")"
waits_for "$KEPT" "${task%_*}"

# ---- the script submitted by hand: --submit waits for that job ------------------------------
HAND=$WORK/hand
run_logged "$WORK/hand.log" --out "$HAND" "${SLOW_GRID[@]}"
exits_with 0 "$WORK/hand.log" "sweep: submit with: sbatch $HAND/sweep.slurm"
rm -f "$GATE"
job=$(sbatch --parsable "$HAND/sweep.slurm")
check "sbatch by hand: job $job (the script names the partition)" test -n "$job"
waits_for "$HAND" "$job"

# ---- the waiting sweep stopped: it cancels its job; the same command completes --------------
STOP=$WORK/stop
in_background "$WORK/stop.log" --out "$STOP" "${SLOW[@]}"
task=$(running_task "$STOP")
kill -TERM "$background"
wait_background
sed 's/^/    /' "$WORK/stop.log"
exits_with 143 "$WORK/stop.log" "cancelled Slurm job ${task%_*}"
left() { [[ -z $(squeue --noheader --jobs "$1" 2>/dev/null) ]]; }
for _ in $(seq 50); do left "${task%_*}" && break; sleep 0.2; done
check "the job has left the queue" left "${task%_*}"
check "no cell result or partial file" test -z "$(ls -A "$STOP/cells")"
run_logged "$WORK/stop2.log" --out "$STOP" "${SLOW[@]}"
exits_with 0 "$WORK/stop2.log" "0 done, 4 to run as Slurm job"
check "4 cells ok" csv_is "$STOP/results.csv" status=ok -- 4
echo "slurm test took $SECONDS s"
finish
