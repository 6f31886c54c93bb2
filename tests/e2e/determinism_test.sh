#!/usr/bin/env bash
# Determinism: two identical invocations give identical results. Checked on ResNet50 (paper-2x2):
#  - `compile` twice: byte-identical program files;
#  - `run` dense twice and `run` block-sparse with a random importance and a seed twice: JSON
#    reports equal except keys ending in _wall_s (the only fields allowed to differ), identical
#    CSV files and identical --trace files (instruction granularity for one stage of the network,
#    group granularity for all of it);
#  - another seed gives another program (the seed really reaches the mask);
#  - functional mode, on tests/data/functional/ops.yaml (small, so the sanitizer run stays
#    quick): `compile --functional` twice gives byte-identical programs (weights, exponents,
#    reference outputs), and `simulate --functional` of one twice gives equal reports.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
ARCH=paper-2x2
NET=resnet50
SPARSE=(--sparsity 0.5 --importance random --seed 7)

OPS="$SRC/tests/data/functional/ops.yaml"

for i in 1 2; do
  check "compile ops --functional on $ARCH (#$i)" "$AIE2SIM" compile --arch $ARCH \
    --workload "$OPS" --functional --sparsity 0.5 --seed 3 -o "$WORK/functional-$i.pb"
  check "simulate ops --functional on $ARCH (#$i)" "$AIE2SIM" simulate --arch $ARCH \
    --program "$WORK/functional-1.pb" --functional --json "$WORK/functional-$i.json" \
    --csv "$WORK/functional-$i.csv" --trace "$WORK/functional-$i.trace.json"
  check "compile $NET on $ARCH (#$i)" "$AIE2SIM" compile --arch $ARCH --workload $NET \
    -o "$WORK/prog-$i.pb"
  check "run $NET dense on $ARCH (#$i)" "$AIE2SIM" run --arch $ARCH --workload $NET \
    --json "$WORK/dense-$i.json" --csv "$WORK/dense-$i.csv" --trace "$WORK/dense-$i.trace.json" \
    --trace-layer layer2
  check "run $NET sparse seed 7 on $ARCH (#$i)" "$AIE2SIM" run --arch $ARCH --workload $NET \
    "${SPARSE[@]}" --json "$WORK/sparse-$i.json" --csv "$WORK/sparse-$i.csv" \
    --trace "$WORK/sparse-$i.trace.json" --trace-granularity group
done

check "compiled programs are byte-identical" cmp "$WORK/prog-1.pb" "$WORK/prog-2.pb"
check "functional programs are byte-identical" cmp "$WORK/functional-1.pb" "$WORK/functional-2.pb"
check "the functional simulation was bit-exact" $PY -c "
import json
assert json.load(open('$WORK/functional-1.json'))['functional']['bit_exact']"
for kind in dense sparse functional; do
  check "$kind JSON reports equal except *_wall_s" $PY - "$WORK/$kind-1.json" "$WORK/$kind-2.json" <<'EOF'
import json, sys

def strip(value, path, walls):
    """The report without keys ending in _wall_s (their paths are collected in walls)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key.endswith("_wall_s"):
                walls.append(path + "." + key)
            else:
                out[key] = strip(item, path + "." + key, walls)
        return out
    if isinstance(value, list):
        return [strip(item, "%s[%d]" % (path, i), walls) for i, item in enumerate(value)]
    return value

def first_difference(a, b, path=""):
    if type(a) != type(b):
        return path + ": %r != %r" % (a, b)
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return path + "." + key + ": only in one report"
            found = first_difference(a[key], b[key], path + "." + key)
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return path + ": %d != %d items" % (len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, "%s[%d]" % (path, i))
            if found:
                return found
        return None
    return None if a == b else path + ": %r != %r" % (a, b)

walls = []
reports = [strip(json.load(open(name)), "", walls) for name in sys.argv[1:3]]
assert walls, "no *_wall_s keys found: the report layout changed?"
assert reports[0]["layers"], "no layers"
difference = first_difference(reports[0], reports[1])
assert difference is None, difference
EOF
  check "$kind CSV files identical" cmp "$WORK/$kind-1.csv" "$WORK/$kind-2.csv"
  check "$kind traces identical" cmp "$WORK/$kind-1.trace.json" "$WORK/$kind-2.trace.json"
  check "$kind trace is not empty" $PY -c "
import json
events = json.load(open('$WORK/$kind-1.trace.json'))['traceEvents']
assert sum(1 for e in events if e.get('ph') == 'X') > 10, len(events)"
done

check "compile with another seed" "$AIE2SIM" compile --arch $ARCH --workload $NET \
  --sparsity 0.5 --importance random --seed 8 -o "$WORK/seed8.pb" --json "$WORK/sparse-seed8.json"
check "  (program_hash differs from seed 7)" $PY -c "
import json
a = json.load(open('$WORK/sparse-1.json'))['program_hash']
b = json.load(open('$WORK/sparse-seed8.json'))['program_hash']
assert a != b, (a, b)"

finish
