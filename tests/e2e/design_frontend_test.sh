#!/usr/bin/env bash
# The design front-end end to end (workloads/designs/, compiler/design/): each shipped design
# compiles (--design) and runs on npu1 with a `design` report section matching the schema and
# the DDR bytes its runtime sequence moves (silicon/DESIGNS.md 8.1); --param and --arch are
# checked; bad designs and flags are refused with one line and exit 2.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
SCHEMA=$SRC/sim/report/report.schema.json

# run_design NAME JSON DDR_READ DDR_WRITE [run flags]: runs, validates, checks the DDR bytes.
run_design() {
  local name=$1 json=$2 read=$3 write=$4
  shift 4
  check "run --design $name $*" "$AIE2SIM" run --design "$name" --json "$WORK/$json" "$@"
  check "$json: schema, DDR bytes $read + $write, total = array + dispatch" $PY -c "
import json, jsonschema
report = json.load(open('$WORK/$json'))
jsonschema.validate(report, json.load(open('$SCHEMA')))
design = report['design']
assert design['bytes']['ddr_read'] == $read, design['bytes']
assert design['bytes']['ddr_write'] == $write, design['bytes']
assert abs(design['total_s'] - design['array_s'] - design['host_dispatch_s']) < 1e-15, design
assert design['total_s'] >= design['bound_s'] > 0, design
assert design['total_s'] == report['totals']['simulated_s']"
}

run_design passthrough pt.json 4096 4096
run_design vector_scalar_mul vsm16.json 8196 8192
run_design vector_scalar_mul vsm32.json 8196 8192 --param dtype=i32
run_design single_core sc.json 16777216 1048576
run_design whole_array wa.json 4194304 1048576
run_design whole_array wa_i8.json 1572864 1048576 --param dtype_in=i8 --param m=64 --param k=64 \
  --param n=32
run_design conv2d conv.json 69632 65536
check "report.design.example.json matches the schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$SRC/sim/report/report.design.example.json')),
                    json.load(open('$SCHEMA')))"
expect_exit 0 "total [0-9.]+ us = array [0-9.]+ us \+ host dispatch" "$AIE2SIM" run --design passthrough
check "compile --design writes a program" "$AIE2SIM" compile --design vector_scalar_mul \
  -o "$WORK/vsm.pb" --json "$WORK/vsm_compile.json"
expect_exit 0 "LOOP +4 \{" "$AIE2SIM" listing "$WORK/vsm.pb"
expect_exit 0 "core\(0,0\)\.proc: acq core\(0,0\) L1 \[fifo in: full\] 1: 1 -> 0, in at 1" \
  "$AIE2SIM" compile --design vector_scalar_mul -o "$WORK/vsm2.pb" --acquires
check "simulate the compiled design" "$AIE2SIM" simulate --arch npu1 --program "$WORK/vsm.pb"

# Flags.
expect_exit 2 "--param dtypo: .*has no parameter dtypo \(it has: dtype, in1_size\)" \
  "$AIE2SIM" run --design vector_scalar_mul --param dtypo=i8
expect_exit 2 "require: \"dtype == 'i16' \|\| dtype == 'i32'\" does not hold" \
  "$AIE2SIM" run --design vector_scalar_mul --param dtype=i8
expect_exit 2 "--param in1_size: expected an integer like 8192, got \"i8\"" \
  "$AIE2SIM" run --design vector_scalar_mul --param in1_size=i8
expect_exit 2 "--arch paper-2x2: 2 columns x 2 core rows, but .*passthrough.yaml was written for npu1 \(4 columns x 4 core rows\)" \
  "$AIE2SIM" run --design passthrough --arch paper-2x2
expect_exit 2 "--functional: designs run timing-only" \
  "$AIE2SIM" run --design passthrough --functional
expect_one_line "$AIE2SIM" run --design passthrough --functional
expect_exit 2 "design \"nosuch\": no such file" "$AIE2SIM" run --design nosuch
finish
