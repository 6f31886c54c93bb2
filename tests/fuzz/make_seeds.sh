#!/usr/bin/env bash
# Regenerates the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/seed-*) from the
# shipped presets and workloads, with a built aie2sim. Inputs of fixed crashes (crash-*, found by a fuzzer; regress-*, made by hand) are kept.
#   tests/fuzz/make_seeds.sh [AIE2SIM]      default AIE2SIM: build/aie2sim
# The ONNX seeds need Debian's python3-onnx (/usr/bin/python3).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
AIE2SIM=${1:-$SRC/build/aie2sim}
CORPUS=$SRC/tests/fuzz/corpus
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
rm -f "$CORPUS"/*/seed-*
mkdir -p "$CORPUS"/{config,workload,onnx,program,config_workload,design}

# config: two presets as shipped, one with --set overrides (leading "#set" lines, config_fuzz.cc).
cp "$SRC/configs/paper-2x2.yaml" "$CORPUS/config/seed-paper-2x2.yaml"
{
  echo "#set core.macs_per_cycle.int8=128"
  echo "#set timing_model=realistic"
  cat "$SRC/configs/paper-1x1.yaml"
} >"$CORPUS/config/seed-paper-1x1-set.yaml"

# design: the shipped designs and the feature designs of tests/data/designs.
for file in "$SRC"/workloads/designs/*.yaml; do cp "$file" "$CORPUS/design/seed-$(basename "$file")"; done
for file in "$SRC"/tests/data/designs/*.yaml; do
  cp "$file" "$CORPUS/design/seed-feature-$(basename "$file")"
done

# onnx: small models built with onnx.helper.
/usr/bin/python3 "$SRC/tests/fuzz/make_onnx_seeds.py" "$CORPUS/onnx"

# workload: the shipped tiny net and the small ONNX CNN imported to YAML (pools, Add, Concat,
# Flatten, Gemm).
cp "$SRC/workloads/tiny.yaml" "$CORPUS/workload/seed-tiny.yaml"
"$AIE2SIM" import "$CORPUS/onnx/seed-small-cnn.onnx" -o "$CORPUS/workload/seed-small-cnn.yaml"

# program: the tiny net compiled for paper-2x2 (the config program_fuzz validates against), dense
# and block-sparse.
"$AIE2SIM" compile --arch paper-2x2 --workload tiny -o "$CORPUS/program/seed-tiny-2x2.pb"
"$AIE2SIM" compile --arch paper-2x2 --workload "$CORPUS/workload/seed-small-cnn.yaml" \
  -o "$CORPUS/program/seed-small-cnn-2x2.pb"
"$AIE2SIM" compile --arch paper-2x2 --workload tiny --sparsity 0.5 --dense-layers none --seed 3 \
  -o "$CORPUS/program/seed-tiny-sparse-2x2.pb"
# config_workload: a config, "#workload", a workload (config_workload_fuzz.cc): paper and
# realistic meshes with tiny and the small CNN.
pair() {
  { cat "$SRC/configs/$1.yaml"; echo "#workload"; cat "$2"; } \
    >"$CORPUS/config_workload/seed-$1-$3.yaml"
}
pair paper-1x1 "$SRC/workloads/tiny.yaml" tiny
pair paper-2x2 "$CORPUS/workload/seed-small-cnn.yaml" small-cnn
pair realistic-3x3 "$CORPUS/workload/seed-small-cnn.yaml" small-cnn
pair paper-4x8 "$SRC/workloads/tiny.yaml" tiny
ls -l "$CORPUS"/*/seed-*
