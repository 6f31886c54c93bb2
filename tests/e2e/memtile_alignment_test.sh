#!/usr/bin/env bash
# The tiling counts the code generator's 64-byte alignment of every weight slice (issue 20): a
# sparse Gemm whose weight pieces, one per core row of a memtile, each rounded up to 64 bytes,
# ended in "internal error: layer l1: memtile layout overflows column 4" (the tiling allowed 192
# bytes of rounding in all). It compiles and runs bit-exact now.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

cat >"$WORK/gemm.yaml" <<'YAML'
version: 1
name: layout
inputs:
  - name: x
    shape: [2, 1, 1, 25578]
layers:
  - name: l1
    op: Gemm
    inputs: [x]
    out_channels: 252
    bias: true
    activation: relu
YAML
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch realistic-4x4 \
  --set array.rows=6 --set array.columns=7 --workload "$WORK/gemm.yaml" --sparsity 0.5 \
  --block 4x4 --dense-layers none --functional
finish
