#!/usr/bin/env bash
# aie2sim reduce (issue 23): the JSON report matches the schema (and so does the shipped reduce
# example), the CSV has one row per Conv/Gemm plus the total, the method counts are ordered as
# they must be, two runs give identical counts, a batched .npy input is averaged, --global
# prunes across layers, and bad input exits 2 with one line.
AIE2SIM=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/e2e/lib.sh"
cd "$WORK" || exit 1
PY=/usr/bin/python3

check "reduce lenet5 at 50% global 1x1 writes JSON and CSV" "$AIE2SIM" reduce --workload lenet5 \
  --sparsity 0.5 --block 1x1 --global --importance l1 --dense-layers none --json a.json --csv a.csv
check "a second run" "$AIE2SIM" reduce --workload lenet5 --sparsity 0.5 --block 1x1 --global \
  --importance l1 --dense-layers none --json b.json
check "the report and the reduce example match the schema" $PY -c "
import json, jsonschema
schema = json.load(open('$SRC/sim/report/report.schema.json'))
jsonschema.validate(json.load(open('a.json')), schema)
jsonschema.validate(json.load(open('$SRC/sim/report/report.reduce.example.json')), schema)"
check "identical counts in both runs" $PY -c "
import json
a, b = (json.load(open(f))['reduction'] for f in ('a.json', 'b.json'))
assert a == b, 'counts differ'"
check "CSV: five layers and the total; methods ordered" $PY -c "
import csv, json
rows = list(csv.DictReader(open('a.csv')))
assert [r['layer'] for r in rows] == ['conv1', 'conv2', 'fc1', 'fc2', 'fc3', 'total'], rows
t = json.load(open('a.json'))['reduction']['totals']
assert t['dense'] == 416520, t  # LeNet-5's MACs
assert t['proposal2'] <= t['proposal1'] <= t['compressed'] <= t['dense'], t
assert t['proposal1'] <= t['snapea'] <= t['dense'], t
assert t['proposal2'] <= t['two_sided'] and t['block_proposal2'] <= t['block_compressed'], t
fc1 = rows[2]  # 48000 of LeNet-5's 61470 weights: global ranking prunes it the most
assert float(fc1['compressed']) < 0.6 * float(fc1['dense']), fc1
assert abs(float(rows[-1]['proposal2']) - t['proposal2']) < 1e-6"

# A batch of three non-negative images (exponents are chosen on the whole batch).
$PY - <<'PY'
import numpy as np
rng = np.random.default_rng(1)
batch = rng.integers(0, 128, size=(3, 28, 28, 1), dtype=np.int8)
np.save('batch.npy', batch)
PY
check "a batched .npy" "$AIE2SIM" reduce --workload lenet5 --input batch.npy --json batch.json
check "batch input: 3 images, every ReLU layer predicted (the images are >= 0)" $PY -c "
import json
r = json.load(open('batch.json'))['reduction']
assert r['images'] == 3 and r['untrained'] and r['exact'], r
assert [l['predicted'] for l in r['layers']] == [True, True, True, True, False]"

# Bad input: exit 2, one line.
printf 'not a npy' >bad.npy
$PY -c "import numpy as np; np.save('wrong.npy', np.zeros((2, 28, 28, 3), dtype=np.int8))"
$PY -c "import numpy as np; np.save('float.npy', np.zeros((1, 28, 28, 1), dtype=np.float32))"
expect_exit 2 "bad.npy: not a .npy file" "$AIE2SIM" reduce --workload lenet5 --input bad.npy
expect_one_line "$AIE2SIM" reduce --workload lenet5 --input bad.npy
expect_exit 2 "wrong.npy: shape \(2, 28, 28, 3\) differs" "$AIE2SIM" reduce --workload lenet5 --input wrong.npy
expect_exit 2 "float.npy: dtype '<f4' is not int8" "$AIE2SIM" reduce --workload lenet5 --input float.npy
expect_exit 2 "missing.npy: cannot open" "$AIE2SIM" reduce --workload lenet5 --input missing.npy
expect_exit 2 "--global: cannot be combined with --keep-lines" "$AIE2SIM" reduce --workload lenet5 --sparsity 0.5 --global --keep-lines
expect_exit 2 "--sparsity: 2 is out of range" "$AIE2SIM" reduce --workload lenet5 --sparsity 2
expect_exit 2 "nope.yaml" "$AIE2SIM" reduce --workload nope.yaml
expect_exit 2 "config" "$AIE2SIM" reduce --workload lenet5 --arch nope
finish
