#!/usr/bin/env bash
# Blocks wholly in the padding (issue 20): a stride that steps past the last input column or row
# onto the pad leaves a mesh column or a row block with no input at all. It compiles (no
# zero-size transfer), validates and runs bit-exact, on meshes where a column gets such a block.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

write_layer() {  # write_layer FILE SHAPE OP PADS EXTRA...
  local file=$1 shape=$2 op=$3 pads=$4
  shift 4
  {
    printf 'version: 1\nname: pad\ninputs:\n  - name: image\n    shape: %s\n' "$shape"
    printf 'layers:\n  - name: l0\n    op: %s\n    inputs: [image]\n    pads: %s\n' "$op" "$pads"
    for line in "$@"; do printf '    %s\n' "$line"; done
  } >"$file"
}

# 1x1 convolution, stride 3, one column of right padding: the last output column reads only it.
write_layer "$WORK/right.yaml" "[1, 8, 3, 4]" Conv "[0, 0, 0, 1]" "out_channels: 4" \
  "kernel: [1, 1]" "stride: [3, 3]"
# The same along the height, two images.
write_layer "$WORK/bottom.yaml" "[2, 3, 8, 4]" Conv "[0, 0, 1, 0]" "out_channels: 4" \
  "kernel: [1, 1]" "stride: [3, 3]"
# An average pool counting its padding.
write_layer "$WORK/pool.yaml" "[1, 3, 8, 4]" AveragePool "[0, 0, 1, 1]" "kernel: [2, 2]" \
  "stride: [3, 3]" "count_include_pad: true"
for workload in right bottom pool; do
  for arch in "paper-5x5" "paper-2x2 --set array.columns=5" "realistic-4x4"; do
    # shellcheck disable=SC2086
    check "$workload on $arch bit-exact" "$AIE2SIM" run --arch $arch \
      --workload "$WORK/$workload.yaml" --functional
  done
done
finish
