#!/usr/bin/env bash
# The walking skeleton end to end: compile, listing, estimate, simulate and run of the shipped
# tiny workload on 1x1 and 2x2, with the analytic figure checked by hand, reports checked
# against the JSON schema, and a config-hash mismatch refused.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3

for mesh in 1x1 2x2; do
  check "compile tiny on paper-$mesh" "$AIE2SIM" compile --arch "paper-$mesh" --workload tiny \
    -o "$WORK/tiny-$mesh.pb" --json "$WORK/compile-$mesh.json"
  check "listing tiny on paper-$mesh" "$AIE2SIM" listing "$WORK/tiny-$mesh.pb"
  check "estimate tiny on paper-$mesh" "$AIE2SIM" estimate --arch "paper-$mesh" \
    --program "$WORK/tiny-$mesh.pb" --json "$WORK/estimate-$mesh.json"
  check "simulate tiny on paper-$mesh" "$AIE2SIM" simulate --arch "paper-$mesh" \
    --program "$WORK/tiny-$mesh.pb" --json "$WORK/simulate-$mesh.json" --trace "$WORK/trace-$mesh.json"
  check "run tiny on paper-$mesh" "$AIE2SIM" run --arch "paper-$mesh" --workload tiny \
    --json "$WORK/run-$mesh.json" --csv "$WORK/run-$mesh.csv"
  for report in compile estimate simulate run; do
    check "$report-$mesh.json matches the report schema" $PY -c "
import json, jsonschema, sys
schema = json.load(open('$SRC/sim/report/report.schema.json'))
jsonschema.validate(json.load(open('$WORK/$report-$mesh.json')), schema)"
  done
  check "trace-$mesh.json is Chrome-trace JSON" $PY -c "
import json
trace = json.load(open('$WORK/trace-$mesh.json'))
events = trace['traceEvents']
assert any(e.get('ph') == 'X' for e in events), 'no complete events'"
done
check "report.example.json matches the schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$SRC/sim/report/report.example.json')),
                    json.load(open('$SRC/sim/report/report.schema.json')))"

# Hand check of conv1 (3x3, pad 1, 16x16x8 -> 16x16x16) on paper-1x1, paper model:
#   LOAD group: input 16*16*8 = 2048 B and weights 16*3*3*8 = 1152 B on two shim channels in
#     parallel at 4 B/cycle: max(512, 288) = 512 cycles.
#   WEIGHTS group: 1152 B memtile -> core at 4 B/cycle = 288 cycles.
#   The core's buffers hold 8192 B: block rows b with (b+2)*16*8 <= 8192 and b*16*16 <= 8192
#     gives b = 16 (all rows in one block: 16*16*16 = 4096 B out, 16 input rows = 2048 B in).
#     One group, 1 iteration: load 2048/4 = 512, compute 16*16*16*72/256 = 1152,
#     store 4096/4 = 1024 cycles: 512 + 1152 + 1024 = 2688 cycles.
#   No STORE group: conv1's output stays in the memtile, where conv2 reads it (residency).
#   conv1 = 512 + 288 + 2688 = 3488 cycles = 3.488 us at 1 GHz.
check "conv1 on paper-1x1 is 3.488 us analytic" $PY -c "
import json
layer = json.load(open('$WORK/estimate-1x1.json'))['layers'][0]
assert layer['name'] == 'conv1', layer['name']
assert abs(layer['analytic_s'] - 3.488e-6) < 1e-12, layer['analytic_s']"
# Paper mode: simulated equals the analytic estimate with fill/drain (1 iteration: identical).
check "paper-mode simulation equals fill/drain estimate within 1%" $PY -c "
import json
for mesh in ('1x1', '2x2'):
    report = json.load(open('$WORK/run-' + mesh + '.json'))
    for layer in report['layers']:
        expected = layer['detail']['analytic']['fill_drain_s']
        assert abs(layer['simulated_s'] - expected) <= 0.01 * expected, (mesh, layer['name'], layer['simulated_s'], expected)"

# A program compiled for one config is refused by another (config hash mismatch).
expect_exit 2 "config hash mismatch" "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/tiny-2x2.pb"
# ... but timing-only overrides keep the hash.
check "timing override keeps the config hash" "$AIE2SIM" estimate --arch paper-2x2 \
  --program "$WORK/tiny-2x2.pb" --set stream.bytes_per_cycle=8

finish
