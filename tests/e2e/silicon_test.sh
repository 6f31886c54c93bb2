#!/usr/bin/env bash
# The silicon-suite machinery end to end on a small suite of its own (the shipped one,
# tests/silicon, needs the design front-end's designs): a hand-built program (DESIGNS.md card 2,
# vector_scalar_mul as protobuf text) as the design of a calibration point, a held-out point, a
# not-modelled and a pending one. `simulate --observe` reads each observable from the slices, the
# same record as the Chrome trace; `validate` runs the points as children, prints both tables,
# writes JSON matching the report schema and CSV; --check exits 3 on a point outside its
# tolerance and on a regression against a --baseline; bad entries exit 2 with one line.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
SUITE=$WORK/suite
mkdir -p "$SUITE"
cp "$SRC/tests/data/vector_scalar_mul.textproto" "$SUITE/vsm.textproto"
cat >"$SUITE/suite.yaml" <<'YAML'
name: test
parameters:
  - {key: core.vector_lanes.int16, lower: 1, upper: 128, from: [CALL]}
YAML
device='device: {name: "test", arch: paper-1x1, clock_mhz: 1000, clock: stated}'
cat >"$SUITE/call.yaml" <<YAML
id: CALL
role: calibration
what: "cycles per vector_scalar_mul call"
$device
run: {design: vsm.textproto}
measured: {value: 32, unit: cycles, timing: trace, warmup: 0, iterations: 1}
observable: {kind: slice_cycles, engine: "core(0,0).proc", slice: "COMP *"}
source: "test"
YAML
cat >"$SUITE/hop.yaml" <<YAML
id: HOP
role: calibration
what: "shim MM2S start to the core's first output sent"
$device
run: {design: vsm.textproto}
measured: {value: 1000, unit: cycles, timing: trace, warmup: 0, iterations: 1}
observable:
  kind: between
  from: {engine: "shim(0).mm2s0", slice: "LOAD*", edge: start}
  to: {engine: "core(0,0).mm2s0", slice: WRITE, edge: end, occurrence: 1}
source: "test"
YAML
cat >"$SUITE/host.yaml" <<YAML
id: HOST
role: held_out
what: "the whole design, host time"
$device
run: {design: vsm.textproto}
measured: {value: 3.0, unit: us, timing: host, warmup: 0, iterations: 1}
observable: {kind: host_time}
source: "test"
YAML
cat >"$SUITE/later.yaml" <<YAML
id: LATER
role: held_out
what: "a design not written yet"
$device
run: {design: later.yaml, pending: "not written yet"}
measured: {value: 1, unit: us, timing: host, warmup: 0, iterations: 1}
observable: {kind: host_time}
source: "test"
YAML
cat >"$SUITE/reload.yaml" <<YAML
id: RELOAD
role: not_modelled
what: "loading a design"
$device
measured: {value: 3.4, unit: ms, timing: host, warmup: unknown, iterations: unknown}
reason: "outside the model"
source: "test"
YAML

# The observable from the slices equals what the Chrome trace of the same run shows.
protoc --encode=aie2sim.isa.Program -I "$SRC" "$SRC/sim/isa/program.proto" \
  <"$SUITE/vsm.textproto" >"$WORK/vsm.pb"
check "simulate --trace" "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/vsm.pb" \
  --trace "$WORK/trace.json"
check "simulate --observe (between)" "$AIE2SIM" simulate --arch paper-1x1 \
  --program "$WORK/vsm.pb" --observe "$SUITE/hop.yaml" --json "$WORK/hop.json"
check "the observed value is the trace's" $PY -c "
import json
trace = json.load(open('$WORK/trace.json'))['traceEvents']
names = {}
for e in trace:
    if e['ph'] == 'M' and e['name'] == 'process_name': names[e['pid']] = e['args']['name']
for e in trace:
    if e['ph'] == 'M' and e['name'] == 'thread_name':
        names[(e['pid'], e['tid'])] = names[e['pid']] + '.' + e['args']['name']
slices = [(names[(e['pid'], e['tid'])], e['name'], e['ts'], e['dur']) for e in trace if e['ph'] == 'X']
start = min(s[2] for s in slices if s[0] == 'shim(0).mm2s0' and s[1].startswith('LOAD'))
end = min(s[2] + s[3] for s in slices if s[0] == 'core(0,0).mm2s0' and s[1] == 'WRITE')
observed = json.load(open('$WORK/hop.json'))['observed']
assert observed['id'] == 'HOP' and observed['unit'] == 'cycles', observed
assert abs(observed['value'] - (end - start) * 1000) < 1e-6, (observed, start, end)"
check "simulate --observe beside --trace" "$AIE2SIM" simulate --arch paper-1x1 \
  --program "$WORK/vsm.pb" --observe "$SUITE/hop.yaml" --trace "$WORK/t2.json" --json "$WORK/hop2.json"
check "the same value with the trace written beside it" $PY -c "
import json
a, b = (json.load(open(f))['observed']['value'] for f in ('$WORK/hop.json', '$WORK/hop2.json'))
assert a == b, (a, b)"
expect_exit 2 "^aie2sim: error: --observe: not with --trace-layer or --trace-granularity group" \
  "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/vsm.pb" --observe "$SUITE/hop.yaml" \
  --trace "$WORK/t3.json" --trace-granularity group
expect_exit 2 "--observe: .*reload.yaml: a not_modelled point has no observable" \
  "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/vsm.pb" --observe "$SUITE/reload.yaml"

# validate: every point, both tables, the JSON and CSV.
expect_exit 0 "held out \(1 points\): MAPE 13\.6%" \
  "$AIE2SIM" validate "$SUITE" --json "$WORK/v.json" --csv "$WORK/v.csv"
check "v.json matches the report schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$WORK/v.json')),
                    json.load(open('$SRC/sim/report/report.schema.json')))"
check "the shipped baseline (a validate report) matches the schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$SRC/tests/silicon/baseline.json')),
                    json.load(open('$SRC/sim/report/report.schema.json')))"
check "the points, their status and the held-out statistics" $PY -c "
import json
v = json.load(open('$WORK/v.json'))['validate']
points = {p['id']: p for p in v['points']}
assert points['CALL']['simulated'] == 32 and points['CALL']['status'] == 'pass', points['CALL']
assert abs(points['HOP']['simulated'] - 1056) < 1e-6 and points['HOP']['status'] == 'pass'
host = points['HOST']
assert abs(host['simulated'] - 2.592) < 1e-9 and host['status'] == 'pass', host
assert host['tolerance'] == {'low': 2.25, 'high': 3.75, 'rule': 'host +-25%'}, host
sens = host['sensitivity']['core.vector_lanes.int16']
assert sens['minus_10pct_ratio'] >= 1 >= sens['plus_10pct_ratio'], sens
assert points['LATER']['status'] == 'pending design' and points['LATER']['simulated'] is None
assert points['RELOAD']['status'] == 'not modelled'
assert v['held_out']['worst_id'] == 'HOST' and abs(v['held_out']['mape'] - 13.6) < 1e-9, v"
check "the correlation plot" $PY "$SRC/scripts/plot" correlation "$WORK/v.json" -o "$WORK/c.png"
check "the plot is a PNG" $PY -c "assert open('$WORK/c.png', 'rb').read(8) == b'\\x89PNG\\r\\n\\x1a\\n'"
check "one CSV row per point" $PY -c "
import csv
rows = list(csv.DictReader(open('$WORK/v.csv')))
assert [r['id'] for r in rows] == ['CALL', 'HOP', 'HOST', 'LATER', 'RELOAD'], rows"
expect_exit 0 "" "$AIE2SIM" validate "$SUITE" --check --no-sensitivity \
  --baseline "$WORK/v.json"

# --check: a point outside its tolerance, then a regression against the baseline, exit 3.
expect_exit 3 "HOST .* fail" "$AIE2SIM" validate "$SUITE" --check --no-sensitivity \
  --set core.vector_lanes.int16=1
expect_exit 3 "regression: CALL: passed in the baseline, now fail" \
  "$AIE2SIM" validate "$SUITE" --check --no-sensitivity --baseline "$WORK/v.json" \
  --set core.vector_lanes.int16=16

# calibrate --suite: the suite's parameter set from its calibration point only. A point measured
# at 64 cycles per call needs 16 int16 lanes (1024 elements a call); held-out points are refused.
cp -r "$SUITE" "$WORK/fit"
sed -i 's/value: 32,/value: 64,/' "$WORK/fit/call.yaml"
check "calibrate --suite" "$AIE2SIM" calibrate --suite "$WORK/fit" -o "$WORK/fit.yaml" \
  --max-evaluations 20
check "the fitted value and the point at it" $PY -c "
import yaml
fit = yaml.safe_load(open('$WORK/fit.yaml'))
lanes = fit['parameters']['core.vector_lanes.int16']
assert lanes == {'value': 16, 'fitted': True, 'from': ['CALL']}, lanes
assert fit['points'] == {'CALL': {'measured': 64, 'simulated': 64, 'unit': 'cycles', 'ratio': 1}}, fit
assert fit['loss'] == 0, fit"
expect_exit 2 "--point: \"HOST\" is a held_out point: calibrate simulates calibration points only" \
  "$AIE2SIM" calibrate --suite "$WORK/fit" -o "$WORK/no.yaml" --point HOST
expect_exit 2 "--point: \"G5a\" is a held_out point: calibrate simulates calibration points only" \
  "$AIE2SIM" calibrate --suite "$SRC/tests/silicon" -o "$WORK/no.yaml" --point G5a

# Bad entries: one line naming file, line and key; a fit from a held-out point is refused.
sed -i 's/^role: calibration/role: fitted/' "$SUITE/call.yaml"
expect_exit 2 "call\.yaml:2: role: expected calibration, held_out or not_modelled" \
  "$AIE2SIM" validate "$SUITE"
expect_one_line "$AIE2SIM" validate "$SUITE"
sed -i 's/^role: fitted/role: calibration/; s/^source:/colour: red\nsource:/' "$SUITE/call.yaml"
expect_exit 2 "call\.yaml:[0-9]+: colour: unknown key" "$AIE2SIM" validate "$SUITE"
sed -i '/^colour/d' "$SUITE/call.yaml"
sed -i 's/from: \[CALL\]/from: [HOST]/' "$SUITE/suite.yaml"
expect_exit 2 "parameters\.core\.vector_lanes\.int16\.from: \"HOST\" is a held_out point" \
  "$AIE2SIM" validate "$SUITE"
finish
