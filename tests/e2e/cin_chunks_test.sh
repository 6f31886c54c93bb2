#!/usr/bin/env bash
# Input-channel chunks (issue 20): a Gemm whose input row (K bytes) exceeds the memtile was
# refused with "layer fc (Gemm): one pass of one output row does not fit the 524288 B the
# memtile has for it". Its block now stages its input rows and weight pieces chunk of channels
# after chunk (groups load.c0, load.c1, ...), the cores accumulating across chunks: bit-exact,
# dense and sparse, and the analytic estimate agrees with the simulation.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

cat >"$WORK/gemm.yaml" <<'YAML'
version: 1
name: bigk
inputs:
  - name: x
    shape: [2, 1, 1, 600000]
layers:
  - name: fc
    op: Gemm
    inputs: [x]
    out_channels: 17
    bias: true
YAML
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch paper-4x4 \
  --set array.rows=2 --set array.columns=3 --workload "$WORK/gemm.yaml" --functional \
  --json "$WORK/dense.json"
check "simulated = analytic within 1%" json_check "$WORK/dense.json" \
  "abs(r['totals']['simulated_s'] / r['totals']['analytic_s'] - 1) < 0.01"
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch realistic-4x4 \
  --set array.rows=3 --set array.columns=1 --workload "$WORK/gemm.yaml" --functional \
  --sparsity 0.5 --block 16x4 --dense-layers none
check "compile" "$AIE2SIM" compile --arch paper-4x4 --set array.rows=2 --set array.columns=3 \
  --workload "$WORK/gemm.yaml" -o "$WORK/gemm.pb"
expect_exit 0 "group load\.c1[. ]" "$AIE2SIM" listing "$WORK/gemm.pb"
finish
