#!/usr/bin/env bash
# Realistic timing end to end: `run` on a realistic preset attributes every layer's difference
# to causes that add up to it (one child simulation per active effect), paper mode needs no
# child, --no-attribution lumps the effects; `calibrate` writes an overlay that `estimate
# --calibration` reads, and a broken overlay is refused with one line naming file, line and key.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3

check "run tiny on realistic-2x2" "$AIE2SIM" run --arch realistic-2x2 --workload tiny \
  --json "$WORK/realistic.json"
check "run tiny on paper-2x2" "$AIE2SIM" run --arch paper-2x2 --workload tiny \
  --json "$WORK/paper.json"
check "run tiny on realistic-2x2 --no-attribution" "$AIE2SIM" run --arch realistic-2x2 \
  --workload tiny --no-attribution --json "$WORK/lumped.json"
for report in realistic paper lumped; do
  check "$report.json matches the report schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$WORK/$report.json')),
                    json.load(open('$SRC/sim/report/report.schema.json')))"
  check "$report.json: causes add up to simulated - analytic within 1% on every layer" $PY -c "
import json
report = json.load(open('$WORK/$report.json'))
for layer in report['layers']:
    causes = layer['detail']['attribution']
    total = sum(v for k, v in causes.items() if k != 'difference_s')
    difference = layer['simulated_s'] - layer['analytic_s']
    assert abs(total - difference) <= max(0.01 * abs(difference), 1e-15), (layer['name'], total, difference)
    assert layer['cause'] == 'none' or layer['cause'] + '_s' in causes, layer['cause']"
done
check "realistic: one simulation per active effect, dominant causes named" $PY -c "
import json
report = json.load(open('$WORK/realistic.json'))
attribution = report['attribution']
assert attribution['simulations'] > 5, attribution['simulations']
assert attribution['order'][:2] == ['fill_drain', 'channels'], attribution['order']
assert report['layers'][0]['cause'] not in ('', 'none'), report['layers'][0]['cause']"
check "paper: no child simulation, no realistic effect" $PY -c "
import json
report = json.load(open('$WORK/paper.json'))
assert report['attribution']['simulations'] == 1
for cause, seconds in report['attribution']['totals_s'].items():
    assert cause in ('fill_drain_s', 'channels_s') or seconds == 0, (cause, seconds)"
check "--no-attribution: the effects are one 'unattributed' cause" $PY -c "
import json
report = json.load(open('$WORK/lumped.json'))
assert report['attribution']['order'][1] == 'unattributed'
assert report['attribution']['simulations'] == 1"

check "calibrate tiny on realistic 2x2, held out 3x3" "$AIE2SIM" calibrate --arch realistic \
  --workload tiny --meshes 2x2 --holdout 3x3 -o "$WORK/overlay.yaml" --json "$WORK/calibrate.json"
check "calibrate reports before and after on the held-out mesh" $PY -c "
import json
figures = json.load(open('$WORK/calibrate.json'))
held = figures['held_out']
assert held['programs'] == 1 and held['paper']['layers'] == 2, held
assert held['calibrated']['median'] < held['paper']['median'], held"
check "compile tiny for realistic-3x3" "$AIE2SIM" compile --arch realistic-3x3 --workload tiny \
  -o "$WORK/tiny-3x3.pb"
check "estimate --calibration adds calibrated_s" "$AIE2SIM" estimate --arch realistic-3x3 \
  --program "$WORK/tiny-3x3.pb" --calibration "$WORK/overlay.yaml" --json "$WORK/calibrated.json"
check "calibrated.json has calibrated_s per layer and matches the schema" $PY -c "
import json, jsonschema
report = json.load(open('$WORK/calibrated.json'))
jsonschema.validate(report, json.load(open('$SRC/sim/report/report.schema.json')))
assert all(layer['calibrated_s'] > 0 for layer in report['layers'])
assert report['calibration']['path'].endswith('overlay.yaml')"
sed 's/^  lock_overhead_cycles:/  lock_overheads_cycles:/' "$WORK/overlay.yaml" > "$WORK/bad.yaml"
expect_exit 2 "bad.yaml:[0-9]+: calibration.lock_overheads_cycles: unknown key" "$AIE2SIM" \
  estimate --arch realistic-3x3 --program "$WORK/tiny-3x3.pb" --calibration "$WORK/bad.yaml"
expect_one_line "$AIE2SIM" estimate --arch realistic-3x3 --program "$WORK/tiny-3x3.pb" \
  --calibration "$WORK/bad.yaml"
expect_exit 2 "--holdout: mesh 2x2 is also in --meshes" "$AIE2SIM" calibrate --arch realistic \
  --workload tiny --meshes 2x2 --holdout 2x2 -o "$WORK/x.yaml"
expect_exit 0 "effects.link_contention" "$AIE2SIM" config-keys

finish
