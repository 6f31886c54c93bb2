#!/usr/bin/env bash
# Per-round staging (issue 20): a kernel reading only its own channels (GlobalAveragePool, pools,
# Add, depthwise convs) whose pass does not fit the memtile with all input channels staged was
# refused with "layer gap (GlobalAveragePool): one pass of one output row does not fit the
# 524288 B the memtile has for it". Now each memtile stages, before each round of pieces, only
# the channels of every core row's piece (groups load.k0, load.k1, ...): bit-exact, and the
# analytic estimate agrees with the simulation within 1%.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

cat >"$WORK/gap.yaml" <<'YAML'
version: 1
name: gap
inputs:
  - name: x
    shape: [1, 64, 23, 1988]
layers:
  - name: gap
    op: GlobalAveragePool
    inputs: [x]
YAML
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch paper-4x4 \
  --set array.rows=2 --set array.columns=5 --workload "$WORK/gap.yaml" --functional
# A 5x5 max pool, a depthwise 5x5 conv and a three-input Add over 64 x 2048 rows, from DDR.
cat >"$WORK/rounds.yaml" <<'YAML'
version: 1
name: rounds
inputs:
  - name: x
    shape: [1, 6, 64, 2048]
layers:
  - {name: pool, op: MaxPool, inputs: [x], kernel: [5, 5], stride: [1, 1], pads: [2, 2, 2, 2]}
  - {name: dw, op: Conv, inputs: [pool], out_channels: 2048, kernel: [5, 5], stride: [1, 1], pads: [2, 2, 2, 2],
     groups: 2048}
  - {name: sum, op: Add, inputs: [pool, dw, x]}
YAML
expect_exit 0 "functional: 3 layers bit-exact" "$AIE2SIM" run --arch paper-4x4 \
  --set array.rows=2 --set array.columns=1 --workload "$WORK/rounds.yaml" --functional \
  --no-residency --json "$WORK/rounds.json"
check "simulated = analytic within 1% per layer" json_check "$WORK/rounds.json" \
  "all(abs(l['simulated_s'] / l['analytic_s'] - 1) < 0.01 for l in r['layers'])"
check "compile" "$AIE2SIM" compile --arch paper-4x4 --set array.rows=2 --set array.columns=1 \
  --workload "$WORK/rounds.yaml" --no-residency -o "$WORK/rounds.pb"
expect_exit 0 "group load\.k1\.p0" "$AIE2SIM" listing "$WORK/rounds.pb"
finish
