#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then aie2sim used from outside the source tree:
#  - the installed binary finds its presets and shipped workloads in P/share/aie2sim (the run is
#    made from an empty folder, with the build tree moved out of the way of the lookup);
#  - it runs a shipped hand-written design by name (workloads/designs/), and `validate` runs the
#    installed silicon reference suite (share/aie2sim/tests/silicon) against its baseline;
#  - aie2sim-sweep and aie2sim-plot on PATH run a two-cell sweep with the installed binary;
#  - the install holds no path into the source or build tree (the binary included).
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
BUILD=$(dirname "$AIE2SIM")
PREFIX=$WORK/prefix

check "cmake --install into a temporary prefix" cmake --install "$BUILD" --prefix "$PREFIX"
for file in bin/aie2sim bin/aie2sim-sweep bin/aie2sim-plot share/aie2sim/configs/paper-4x4.yaml \
            share/aie2sim/workloads/resnet50.yaml share/aie2sim/scripts/sweep_lib/run_cell.py \
            share/aie2sim/workloads/designs/whole_array.yaml \
            share/aie2sim/tests/silicon/suite.yaml share/aie2sim/tests/silicon/baseline.json \
            share/aie2sim/report.schema.json share/doc/aie2sim/README.md; do
  check "installed: $file" test -e "$PREFIX/$file"
done
check "run_cell.py stays executable" test -x "$PREFIX/share/aie2sim/scripts/sweep_lib/run_cell.py"

mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere" || exit 1
export PATH="$PREFIX/bin:$PATH"
check "installed aie2sim runs resnet50 on paper-4x4 by preset and workload name" \
  aie2sim run --arch paper-4x4 --workload resnet50 --json "$WORK/r.json"
check "the report names the installed preset" \
  grep -q "\"path\": \"$PREFIX/share/aie2sim/configs/paper-4x4.yaml\"" "$WORK/r.json"
check "installed aie2sim runs a shipped design by name on its device (npu1)" \
  aie2sim run --design whole_array --param M=256 --param K=256 --param N=256 --json "$WORK/d.json"
check "the design report names the installed design file" \
  grep -q "\"file\": \"$PREFIX/share/aie2sim/workloads/designs/whole_array.yaml\"" "$WORK/d.json"
check "installed aie2sim validate finds the installed silicon suite and checks its baseline" \
  aie2sim validate --no-sensitivity --check \
  --baseline "$PREFIX/share/aie2sim/tests/silicon/baseline.json" --json "$WORK/v.json"
check "the validate report names the installed suite" \
  grep -q "$PREFIX/share/aie2sim/tests/silicon" "$WORK/v.json"
check "aie2sim-sweep: two cells with the installed binary" \
  aie2sim-sweep --out "$WORK/sweep" --workloads tiny --configs paper-2x2,paper-4x4 --sparsity 0 \
  --jobs 2
check "both cells ok" test "$(grep -c ',ok,' "$WORK/sweep/results.csv")" -eq 2
check "the sweep used the installed binary" grep -q "$PREFIX/bin/aie2sim" "$WORK/sweep/sweep.json"
check "aie2sim-plot draws a cell's layers" \
  aie2sim-plot layers "$WORK/sweep/cells/tiny__paper-4x4__dense.json" -o "$WORK/layers.png"
check "the layers plot is a PNG" test -s "$WORK/layers.png"
# A sanitizer build names its source files in its reports (line tables, UBSan's locations): there
# only the text files are checked.
if grep -q __asan_init "$PREFIX/bin/aie2sim"; then
  check "no source or build path inside the installed text files (sanitizer build)" \
    bash -c "! grep -rlI -e '$SRC' -e '$BUILD' '$PREFIX'"
else
  check "no source or build path inside the installed files, the binary included" \
    bash -c "! grep -rl -e '$SRC' -e '$BUILD' '$PREFIX'"
fi
finish
