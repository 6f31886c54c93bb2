#!/usr/bin/env bash
# Functional co-simulation from the command line: run --functional and compile --functional +
# simulate --functional give bit-exact reports with the non-degeneracy figures; an .npy input is
# taken; misuse is a one-line error with exit code 2.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
OPS="$SRC/tests/data/functional/ops.yaml"

expect_exit 0 "functional: [0-9]+ layers bit-exact" \
  "$AIE2SIM" run --arch paper-3x3 --workload "$OPS" --functional --sparsity 0.5 --seed 4 \
  --no-attribution --json "$WORK/run.json"
check "run --functional reports every layer bit-exact" json_check "$WORK/run.json" \
  "r['functional']['bit_exact'] and r['functional']['layers_checked'] == len(r['layers']) and r['functional']['input'] == 'random int8, seed 4'"
check "every layer has detail.functional with >= 20% non-degenerate values" json_check \
  "$WORK/run.json" "all(l['detail']['functional']['nondegenerate_share'] >= 0.2 for l in r['layers'])"

expect_exit 0 "compiled" "$AIE2SIM" compile --arch paper-2x2 --workload "$OPS" --functional \
  -o "$WORK/ops.pb"
expect_exit 0 "functional: [0-9]+ layers bit-exact" \
  "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/ops.pb" --functional --json "$WORK/sim.json"
check "simulate --functional on a compiled test vector" json_check "$WORK/sim.json" \
  "r['functional']['bit_exact']"
check "a timing-only simulation of the same program has no functional section" \
  "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/ops.pb" --json "$WORK/timing.json"
check "... and the same simulated time" /usr/bin/python3 -c "
import json; a=json.load(open('$WORK/sim.json')); b=json.load(open('$WORK/timing.json'))
assert 'functional' not in b and a['totals']['simulated_s'] == b['totals']['simulated_s']"

# An .npy input (int8, BHWC), written without numpy.
/usr/bin/python3 - "$WORK/input.npy" <<'PY'
import random, struct, sys
shape = (1, 20, 23, 16)
header = "{'descr': '|i1', 'fortran_order': False, 'shape': (1, 20, 23, 16), }"
header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
rng = random.Random(5)
data = bytes(rng.randrange(256) for _ in range(20 * 23 * 16))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data)
PY
expect_exit 0 "functional: [0-9]+ layers bit-exact" \
  "$AIE2SIM" run --arch paper-2x2 --workload "$OPS" --functional --input "$WORK/input.npy" \
  --json "$WORK/npy.json"
check "the report names the .npy input" json_check "$WORK/npy.json" \
  "r['functional']['input'].endswith('input.npy')"

# Misuse: exit 2, one line.
"$AIE2SIM" compile --arch paper-2x2 --workload tiny -o "$WORK/timing.pb" 2>/dev/null
expect_exit 2 "^aie2sim: error: .*no functional data \(compile it with --functional\)" \
  "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/timing.pb" --functional
expect_exit 2 "^aie2sim: error: --input: has no effect without --functional$" \
  "$AIE2SIM" run --arch paper-2x2 --workload "$OPS" --input "$WORK/input.npy"
head -c 100 "$WORK/input.npy" >"$WORK/short.npy"
expect_exit 2 "^aie2sim: error: $WORK/short.npy: " \
  "$AIE2SIM" run --arch paper-2x2 --workload "$OPS" --functional --input "$WORK/short.npy"
expect_one_line "$AIE2SIM" run --arch paper-2x2 --workload "$OPS" --functional --input "$WORK/short.npy"
expect_exit 2 "^aie2sim: error: $WORK/input.npy: .*shape" \
  "$AIE2SIM" run --arch paper-2x2 --workload tiny --functional --input "$WORK/input.npy"

# A chain of 400 1x1 convolutions without activation: values grow about 2x per layer, so the
# float calibration run overflows (issue 28, class 4: was an internal error). The overflowed
# tensors take the widest exponent; the int8 run saturates and stays bit-exact.
{
  printf 'version: 1\nname: chain400\ninputs:\n  - name: input\n    shape: [1, 8, 8, 8]\nlayers:\n'
  prev=input
  for i in $(seq 0 399); do
    printf '  - {name: c%d, op: Conv, inputs: [%s], out_channels: 8, kernel: [1, 1], bias: true}\n' \
      "$i" "$prev"
    prev=c$i
  done
  printf 'outputs: [c399]\n'
} >"$WORK/chain400.yaml"
expect_exit 0 "functional: 400 layers bit-exact" \
  "$AIE2SIM" run --arch paper-2x2 --workload "$WORK/chain400.yaml" --functional

finish
