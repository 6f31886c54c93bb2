#!/usr/bin/env bash
# Input broadcasts in bands of core rows (issue 20): a column's input broadcast joins all the
# cores it feeds, with their outputs and their rows' weights, into one piece of work the BD
# budget cannot split; on tall meshes that piece needs more memtile BDs than AIE2 has (48). When
# a layer's pieces do not fit, the broadcast goes to bands of rows instead, each fitting the
# memtile's BDs, and the BD budget spreads the bands over groups. Was: "config memtile.dma.bds =
# 48: layer fc group cin.last needs 49 BDs on memtile(0)" (24 rows) up to 61 (30 rows).
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

cat >"$WORK/gemm.yaml" <<'YAML'
version: 1
name: broadcast
inputs:
  - name: x
    shape: [1, 1, 1, 10710]
layers:
  - name: fc
    op: Gemm
    inputs: [x]
    out_channels: 30
YAML
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch paper-4x4 \
  --set array.rows=24 --set array.columns=1 --workload "$WORK/gemm.yaml" --functional
expect_exit 0 "functional: 1 layers bit-exact" "$AIE2SIM" run --arch realistic-4x4 \
  --set array.rows=32 --set array.columns=3 --workload "$WORK/gemm.yaml" --functional \
  --sparsity 0.5 --block 8x8
check "compile on 30x1" "$AIE2SIM" compile --arch paper-4x4 --set array.rows=30 \
  --set array.columns=1 --workload "$WORK/gemm.yaml" -o "$WORK/gemm.pb"
# Bands of 23 rows ((48 BDs - 1 input) / 2: per row a weight send and an output receive).
expect_exit 0 "route [0-9]+: memtile\(0\)\.mm2s0 -> core\(23,0\)\.s2mm0 core\(24,0\)" \
  "$AIE2SIM" listing "$WORK/gemm.pb"
# A layer that fits keeps one broadcast per column.
check "compile on 16x1" "$AIE2SIM" compile --arch paper-4x4 --set array.rows=16 \
  --set array.columns=1 --workload "$WORK/gemm.yaml" -o "$WORK/gemm16.pb"
expect_exit 0 "route [0-9]+: memtile\(0\)\.mm2s0 -> core\(0,0\)\.s2mm0 .*core\(15,0\)\.s2mm0$" \
  "$AIE2SIM" listing "$WORK/gemm16.pb"
finish
