#!/usr/bin/env bash
# Core rows in batches (issue 20): when a memtile cannot hold one weight piece of every core row
# it serves (a Gemm with a large K on a tall mesh, as VGG16's classifier.0 on 20 rows), the rows
# take their pieces batch after batch. Such layers compile and run bit-exact, dense and sparse,
# on the paper and the realistic preset; VGG16 compiles on 20x4.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

cat >"$WORK/gemm.yaml" <<'YAML'
version: 1
name: gemm
inputs:
  - name: x
    shape: [2, 1, 1, 30000]
layers:
  - name: fc
    op: Gemm
    inputs: [x]
    out_channels: 96
    activation: relu
YAML
for arch in "paper-4x4 --set array.rows=32 --set array.columns=2" \
  "realistic-4x4 --set array.rows=20 --set array.columns=1"; do
  for sparsity in "" "--sparsity 0.5 --block 16x4"; do
    # shellcheck disable=SC2086
    check "gemm on $arch $sparsity bit-exact" "$AIE2SIM" run --arch $arch \
      --workload "$WORK/gemm.yaml" --functional $sparsity
  done
done
check "vgg16 on 20x4" "$AIE2SIM" compile --arch paper-4x4 --set array.rows=20 \
  --set array.columns=4 --workload vgg16 -o "$WORK/vgg16.pb"
expect_exit 0 "group loadw\.[a-z0-9.]*r1" "$AIE2SIM" listing "$WORK/vgg16.pb"
finish
