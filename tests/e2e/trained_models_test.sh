#!/usr/bin/env bash
# The trained Fashion-MNIST models shipped in workloads/ (scripts/train-block-sparse --ship), run
# without torch: each resolves by name; with --importance existing aie2sim takes the trained zero
# blocks as the mask (every layer's reported density equals the trained mask's, from
# tests/data/fmnist/densities.json); a functional run on real test images is bit-exact and
# --output writes the int8 network output, whose classes agree with PyTorch's float ones.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
DATA="$SRC/tests/data/fmnist"
IMAGES="$DATA/test_images_64.npy"

json_check() {  # json_check FILE PYTHON-EXPRESSION-ON-r
  /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}

# densities_match REPORT MODEL: per layer, aie2sim's density is the trained mask's.
densities_match() {
  /usr/bin/python3 - "$1" "$DATA/densities.json" "$2" <<'PY'
import json, sys
report = {l["name"]: l["density"] for l in json.load(open(sys.argv[1]))["layers"]}
trained = json.load(open(sys.argv[2]))[sys.argv[3]]
bad = [(name, report.get(name), d) for name, d in trained.items()
       if name not in report or abs(report[name] - d) > 1e-9]
print("layers (aie2sim, trained):", bad or "all equal")
sys.exit(1 if bad else 0)
PY
}

# agrees OUTPUT.npy REPORT MODEL: the output is int8 [64, 1, 1, 10]; where the int8 network's
# class differs from PyTorch's float class, the float logits of the two classes are within two
# output steps (2 x 2^-exponent: a near tie that rounding decides); and the classes agree on at
# least 90% of the images (the training script measures 98-99.7% on 1,000).
agrees() {
  /usr/bin/python3 - "$1" "$2" "$DATA/$3_float_logits_64.npy" <<'PY'
import json, sys
import numpy as np
out = np.load(sys.argv[1])
step = 2.0 ** -json.load(open(sys.argv[2]))["functional"]["output"]["exponent"]
floats = np.load(sys.argv[3])
assert out.dtype == np.int8 and out.shape == (64, 1, 1, 10), (out.dtype, out.shape)
ours, theirs = out.reshape(64, 10).argmax(1), floats.argmax(1)
gaps = [floats[i, theirs[i]] - floats[i, ours[i]] for i in np.nonzero(ours != theirs)[0]]
share = float((ours == theirs).mean())
print("agreement", share, "float gaps where they differ", gaps, "step", step)
sys.exit(0 if share >= 0.9 and all(gap <= 2 * step for gap in gaps) else 1)
PY
}

for model in fmnist_cnn fmnist_cnn_8x8_50 lenet5_fmnist; do
  expect_exit 0 "^fc[0-9] +Gemm" "$AIE2SIM" info --workload $model
done
expect_exit 0 "fc1 +Gemm .*0\.500" \
  "$AIE2SIM" info --workload fmnist_cnn_8x8_50 --importance existing --block 8x8

for model in fmnist_cnn_8x8_50 fmnist_cnn lenet5_fmnist; do
  sparse=()
  [[ $model == *_8x8_* ]] && sparse=(--importance existing --block 8x8)
  expect_exit 0 "functional: [0-9]+ layers bit-exact" \
    "$AIE2SIM" run --arch paper-2x2 --workload $model "${sparse[@]}" --functional \
    --input "$IMAGES" --batch 64 --output "$WORK/$model.npy" --json "$WORK/$model.json"
  check "$model: bit-exact on 64 test images, output and its exponent in the report" json_check \
    "$WORK/$model.json" "r['functional']['bit_exact'] and r['functional']['output']['shape'] == [64, 1, 1, 10] and r['functional']['output']['file'].endswith('$model.npy') and isinstance(r['functional']['output']['exponent'], int)"
  check "$model: the reported densities are the trained mask's" \
    densities_match "$WORK/$model.json" $model
  check "$model: int8 classes agree with PyTorch's float classes but for near ties" agrees \
    "$WORK/$model.npy" "$WORK/$model.json" $model
done
check "fmnist_cnn_8x8_50 under existing: sparsity 8x8, importance existing" json_check \
  "$WORK/fmnist_cnn_8x8_50.json" "r['sparsity']['importance'] == 'existing'"

# Simulate a compiled functional program and write its output too; misuse is one line, exit 2.
expect_exit 0 "compiled" "$AIE2SIM" compile --arch paper-2x2 --workload lenet5_fmnist \
  --functional --input "$IMAGES" --batch 64 -o "$WORK/lenet.pb"
expect_exit 0 "bit-exact" "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/lenet.pb" \
  --functional --output "$WORK/lenet_sim.npy"
check "simulate --output writes the same output as run --output" \
  cmp "$WORK/lenet_sim.npy" "$WORK/lenet5_fmnist.npy"
expect_exit 2 "^aie2sim: error: --output: only with --functional$" \
  "$AIE2SIM" run --arch paper-2x2 --workload lenet5_fmnist --output "$WORK/x.npy"
expect_exit 2 "^aie2sim: error: $WORK/nofolder/x.npy: cannot write: No such file or directory$" \
  "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/lenet.pb" --functional \
  --output "$WORK/nofolder/x.npy"
expect_exit 2 "workload \"lenet7\": no such file \(looked at lenet7, [^,]*/workloads/lenet7\.yaml, [^,]*/workloads/lenet7\.onnx" \
  "$AIE2SIM" info --workload lenet7

# A name found with both extensions in one folder is ambiguous: a copy of the binary in
# $WORK/bin (an installed layout) looks in $WORK/share/aie2sim/workloads.
DATA=$WORK/share/aie2sim
mkdir -p "$WORK/bin" "$DATA/workloads"
cp "$AIE2SIM" "$WORK/bin/aie2sim"
cp "$SRC/workloads/tiny.yaml" "$DATA/workloads/twice.yaml"
cp "$SRC/workloads/lenet5_fmnist.onnx" "$DATA/workloads/twice.onnx"
expect_exit 2 "^aie2sim: error: workload \"twice\" is ambiguous: $DATA/workloads/twice.yaml and $DATA/workloads/twice.onnx both exist \(give the extension or a path\)$" \
  "$WORK/bin/aie2sim" info --workload twice
expect_exit 0 "^fc3 +Gemm" "$WORK/bin/aie2sim" info --workload twice.onnx

finish
