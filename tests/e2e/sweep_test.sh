#!/usr/bin/env bash
# scripts/sweep and scripts/plot on the tiny workload (paper-1x1, paper-2x2, dense and sparse):
#  - a sweep runs every cell (GNU parallel, two jobs) and writes results.csv, layers.csv, plots;
#  - a second invocation skips the finished cells (their files are not touched);
#  - a sweep stopped by SIGTERM or SIGKILL after some cells finished keeps them, leaves no
#    temporary file, and the same command resumes it (a slowed-down aie2sim makes this timing-safe);
#  - a failing cell (a bad --set value) is listed with status failed, its error and its stderr
#    file, while the other cells of the sweep succeed;
#  - --slurm writes tests/data/sweep/slurm.golden and the cell list tests/data/sweep/cells.golden
#    (paths replaced by @AIE2SIM@, @SRC@, @OUT@), and its tasks run the cells; --sbatch options
#    replace or add #SBATCH lines (tests/e2e/slurm_test.sh runs the sweep on a real cluster);
#  - --sshloginfile passes through to GNU parallel (":" is the local machine).
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
source "$SRC/tests/e2e/sweep_helpers.sh"
PY=/usr/bin/python3
SWEEP="$SRC/scripts/sweep"
GRID=(--workloads tiny --configs paper-1x1,paper-2x2 --jobs 2 --aie2sim "$AIE2SIM")
CELLS="tiny__paper-1x1__dense tiny__paper-1x1__sparse0.5 tiny__paper-2x2__dense
       tiny__paper-2x2__sparse0.5"

is_png() { [[ $(head -c 8 "$1" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; }

# ---- a sweep, then again: finished cells are skipped ----------------------------------------
OUT=$WORK/sweep
expect_exit 0 "^\[[1-4]/4\] tiny paper-[12]x[12] (dense|sparse0\.5) ok [0-9.]+ us \(analytic " \
  "$SWEEP" --out "$OUT" "${GRID[@]}"
check "results.csv: 4 rows, all ok" csv_is "$OUT/results.csv" status=ok -- 4
for cell in $CELLS; do
  check "results.csv: $cell ok with totals" csv_is "$OUT/results.csv" cell="$cell" status=ok \
    workload=tiny "config=paper-[12]x[12]" "analytic_s=[0-9.e-]+" "simulated_s=[0-9.e-]+" \
    "images_per_s=[0-9.e+-]+" "simulated_over_analytic=[0-9.]+" "bound_s=[0-9.e-]+" \
    "efficiency=0\.[0-9]+" error= -- 1
  check "cells/$cell: report, layer CSV, table and stderr" test -s "$OUT/cells/$cell.json" \
    -a -s "$OUT/cells/$cell.csv" -a -s "$OUT/cells/$cell.txt" -a -f "$OUT/cells/$cell.stderr"
done
check "results.csv: sparsity columns" csv_is "$OUT/results.csv" sparsity_ratio=0.5 \
  sparsity_block=8x8 -- 2
check "results.csv: mesh columns" csv_is "$OUT/results.csv" array.rows=2 array.columns=2 -- 2
check "layers.csv: 2 layers x 4 cells, with aie2sim's CSV columns" csv_is "$OUT/layers.csv" \
  "layer=conv[12]" "op=Conv" "cause=.*" "macs=[0-9]+" "simulated_s=[0-9.e-]+" \
  "bound_resource=(compute|ddr|column_links|core_links)" "efficiency=0\.[0-9]+" -- 8
before=$(stamps "$OUT")
expect_exit 0 "4 cells in .*: 4 done, 0 to run" "$SWEEP" --out "$OUT" "${GRID[@]}"
check "second invocation left the finished cells untouched" test "$before" == "$(stamps "$OUT")"

if $PY -c "import matplotlib" 2>/dev/null; then
  for png in latency_vs_mesh dense_vs_sparse sim_vs_analytic; do
    check "plot $png.png" is_png "$OUT/$png.png"
  done
  check "scripts/plot layers on a cell report" "$SRC/scripts/plot" layers \
    "$OUT/cells/tiny__paper-2x2__dense.json" -o "$WORK/layers.png"
  check "per-layer plot is a PNG" is_png "$WORK/layers.png"
else
  echo "note: python3-matplotlib missing: plots not checked"
fi

# ---- a failing cell is listed with its error; the others succeed ----------------------------
BAD=$WORK/bad
expect_exit 1 "FAILED: aie2sim: error: --set core.macs_per_cycle.int8: 0 is out of range" \
  "$SWEEP" --out "$BAD" "${GRID[@]}" --configs paper-1x1 --set core.macs_per_cycle.int8=32,64,0
check "failed cells: status, error, stderr file" csv_is "$BAD/results.csv" status=failed \
  "error=aie2sim: error: --set core.macs_per_cycle.int8: 0 is out of range.*" \
  "core.macs_per_cycle.int8=0" "stderr=cells/.*int8=0.stderr" "simulated_s=" -- 2
check "the other cells succeed" csv_is "$BAD/results.csv" status=ok \
  "core.macs_per_cycle.int8=(32|64)" -- 4
check "failed cell's stderr kept" grep -q "out of range" \
  "$BAD/cells/tiny__paper-1x1__dense__core.macs_per_cycle.int8=0.stderr"
if $PY -c "import matplotlib" 2>/dev/null; then
  check "parameter plot of the --set key" is_png "$BAD/param_core.macs_per_cycle.int8.png"
fi

# ---- interrupted sweeps resume without losing finished cells --------------------------------
cat >"$WORK/slow-aie2sim" <<EOF
#!/bin/bash
sleep 0.6
exec "$AIE2SIM" "\$@"
EOF
chmod +x "$WORK/slow-aie2sim"
SLOW=(--workloads tiny --configs paper-1x1,paper-2x2,paper-3x3 --jobs 2 --no-plots
      --aie2sim "$WORK/slow-aie2sim")
for signal in TERM KILL; do
  CUT=$WORK/cut-$signal
  "$SWEEP" --out "$CUT" "${SLOW[@]}" 2>"$WORK/cut.err" &
  pid=$!
  for _ in $(seq 150); do
    (($(ls "$CUT"/cells/*.json 2>/dev/null | wc -l) >= 2)) && break
    sleep 0.1
  done
  kill -$signal $pid
  wait $pid 2>/dev/null  # (no "Killed" notice)
  status=$?
  # SIGKILL: GNU parallel sees its parent die (PR_SET_PDEATHSIG) and stops the cells.
  for _ in $(seq 100); do no_cell_running "$CUT" && break; sleep 0.1; done
  finished=$(ls "$CUT"/cells/*.json | wc -l)
  want=$([[ $signal == TERM ]] && echo 143 || echo 137)
  check "$signal: stopped (exit $status, want $want) with 2..5 of 6 cells done ($finished)" \
    test $status -eq $want -a $finished -ge 2 -a $finished -lt 6
  check "$signal: no temporary files left" test -z "$(ls -A "$CUT/cells" | grep tmp)"
  check "$signal: no cell process left" no_cell_running "$CUT"
  before=$(stamps "$CUT")
  expect_exit 0 "6 cells in .*: $finished done, $((6 - finished)) to run" \
    "$SWEEP" --out "$CUT" "${SLOW[@]}"
  check "$signal: resumed: 6 cells ok" csv_is "$CUT/results.csv" status=ok -- 6
  check "$signal: resumed: the $finished finished cells kept as they were" same_stamps "$before"
done

# ---- Slurm: the array job script and its cell list ------------------------------------------
SLURM=$WORK/slurm
expect_exit 0 "sbatch $SLURM/sweep.slurm" "$SWEEP" --out "$SLURM" "${GRID[@]}" --slurm
substitute() { sed -e "s|$AIE2SIM|@AIE2SIM@|g" -e "s|$SLURM|@OUT@|g" -e "s|$SRC|@SRC@|g" "$1"; }
check "sweep.slurm equals tests/data/sweep/slurm.golden" \
  diff <(substitute "$SLURM/sweep.slurm") "$SRC/tests/data/sweep/slurm.golden"
check "cells.tsv equals tests/data/sweep/cells.golden (stable cell names)" \
  diff "$SLURM/cells.tsv" "$SRC/tests/data/sweep/cells.golden"
check "--slurm ran nothing" test -z "$(ls -A "$SLURM/cells")"
for task in 1 2 3 4; do
  check "Slurm array task $task runs cell $task" \
    env SLURM_ARRAY_TASK_ID=$task bash "$SLURM/sweep.slurm"
done
check "--collect after the array: 4 ok" "$SWEEP" --out "$SLURM" --collect --no-plots
check "collected results.csv" csv_is "$SLURM/results.csv" status=ok -- 4
rm "$SLURM/cells/tiny__paper-2x2__dense.json"
check "resubmission writes a task for the missing cell only" \
  "$SWEEP" --out "$SLURM" "${GRID[@]}" --slurm
check "the array is cell 3, two at a time" grep -qx '#SBATCH --array=3%2' "$SLURM/sweep.slurm"
check "--sbatch: the partition added, cpus-per-task and mem replaced" "$SWEEP" --out "$SLURM" \
  "${GRID[@]}" --slurm --sbatch partition=short --sbatch cpus-per-task=2 --sbatch mem-per-cpu=2G
check "--sbatch: the script's options" diff <(grep '^#SBATCH' "$SLURM/sweep.slurm") <(printf '%s\n' \
  "#SBATCH --job-name=aie2sim-sweep" "#SBATCH --array=3%2" "#SBATCH --ntasks=1" \
  "#SBATCH --cpus-per-task=2" "#SBATCH --time=00:30:00" "#SBATCH --partition=short" \
  "#SBATCH --mem-per-cpu=2G" "#SBATCH --output=$SLURM/slurm/%A_%a.out")
expect_exit 2 "^sweep: error: --sbatch array: set by the sweep" \
  "$SWEEP" --out "$SLURM" "${GRID[@]}" --slurm --sbatch array=1-2
expect_exit 2 "^sweep: error: --sbatch '-p short': want an sbatch long option as KEY=VALUE" \
  "$SWEEP" --out "$SLURM" "${GRID[@]}" --slurm --sbatch "-p short"
expect_exit 2 "error: --submit and --sbatch go with --slurm" \
  "$SWEEP" --out "$SLURM" "${GRID[@]}" --submit

# ---- GNU parallel's host list passes through ------------------------------------------------
echo "2/:" >"$WORK/hosts"
check "--sshloginfile (local host ':')" "$SWEEP" --out "$WORK/hosts-out" --workloads tiny \
  --configs paper-1x1 --sshloginfile "$WORK/hosts" --no-plots --aie2sim "$AIE2SIM"
check "--sshloginfile: 2 cells ok" csv_is "$WORK/hosts-out/results.csv" status=ok -- 2

expect_exit 2 "^sweep: error: --set core.macs_per_cycle.int8: empty list" \
  "$SWEEP" --out "$WORK/x" --set core.macs_per_cycle.int8= --aie2sim "$AIE2SIM"
finish
