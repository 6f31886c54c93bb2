#!/usr/bin/env bash
# ctest-labels: long;extended
# Tall and wide meshes (issue 20): the shipped networks compile on 16x8, 16x16, 20x4, 32x8 and
# 32x64 (groups that need more BDs than a tile has are split, compiler/codegen/bd_budget.h; core
# rows take their weight pieces in batches when a memtile cannot hold one of every row, as VGG16's
# classifier.0 needs from 20 rows on), and ResNet50 on 20x4 runs bit-exact.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

for mesh in 16x8 16x16 20x4 32x8 32x64; do
  rows=${mesh%x*}
  columns=${mesh#*x}
  for workload in resnet50 inception_v3 vgg16; do
    flags=(--arch paper-4x4 --set array.rows="$rows" --set array.columns="$columns"
      --workload "$workload" -o "$WORK/p.pb")
    check "compile $workload on $mesh" "$AIE2SIM" compile "${flags[@]}"
  done
done
check "resnet50 on 20x4 bit-exact" "$AIE2SIM" run --arch paper-4x4 --set array.rows=20 \
  --set array.columns=4 --workload resnet50 --functional
finish
