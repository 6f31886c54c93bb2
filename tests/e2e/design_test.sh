#!/usr/bin/env bash
# A hand-built design end to end (program.proto v2): DESIGNS.md card 2, vector_scalar_mul, as a
# text-format program (tests/data/vector_scalar_mul.textproto, kept equal to the builder of
# tests/unit/design_programs.h by program_v2_test) encoded with protoc. `listing` prints its
# loops, rings and controller; `estimate` its per-resource bound; `simulate` runs it (2.592 us in
# paper timing); `simulate --attribution` under realistic effects splits simulated - bound into
# causes that add up; a design whose route bytes do not match is refused with one line.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
PROTO_DIR=$SRC
PROTO=$SRC/sim/isa/program.proto
encode() { protoc --encode=aie2sim.isa.Program -I "$PROTO_DIR" "$PROTO" <"$1" >"$2"; }

check "encode the card" encode "$SRC/tests/data/vector_scalar_mul.textproto" "$WORK/vsm.pb"
expect_exit 0 "LOOP +4 \{" "$AIE2SIM" listing "$WORK/vsm.pb"
expect_exit 0 "PUSH +shim\(0\)\.s2mm0 +RECV +r3 out .* x1 token" "$AIE2SIM" listing "$WORK/vsm.pb"
expect_exit 0 "vector_scalar_mul +bound +ddr +2048 +2\.048" \
  "$AIE2SIM" estimate --arch paper-1x1 --program "$WORK/vsm.pb"
check "simulate the card" "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/vsm.pb" \
  --json "$WORK/paper.json"
check "the card takes 2.592 us in paper timing" $PY -c "
import json
report = json.load(open('$WORK/paper.json'))
assert abs(report['layers'][0]['simulated_s'] - 2.592e-6) < 1e-11, report['layers'][0]"

# Realistic effects on the paper-1x1 geometry (same config hash): DMA setup, lock handshakes,
# hop latency and a slower int16 element-wise kernel.
REALISTIC=(--arch paper-1x1 --set timing_model=realistic --set effects.dma_setup=true
  --set overheads.dma_setup_cycles=32 --set effects.lock_handshake=true
  --set overheads.lock_handshake_cycles=8 --set effects.hop_latency=true
  --set stream.hop_latency_cycles=4 --set effects.kernel_efficiency=true
  --set kernels.eltwise_i16.efficiency=0.5)
check "simulate --attribution under realistic effects" "$AIE2SIM" simulate "${REALISTIC[@]}" \
  --program "$WORK/vsm.pb" --attribution --json "$WORK/realistic.json"
check "realistic.json matches the report schema" $PY -c "
import json, jsonschema
jsonschema.validate(json.load(open('$WORK/realistic.json')),
                    json.load(open('$SRC/sim/report/report.schema.json')))"
check "the causes add up to simulated - bound" $PY -c "
import json
layer = json.load(open('$WORK/realistic.json'))['layers'][0]
causes = layer['detail']['attribution']
total = sum(v for k, v in causes.items() if k != 'difference_s')
difference = layer['simulated_s'] - layer['analytic_s']
assert difference > 0, difference
assert abs(total - difference) <= 1e-12, (total, difference)
assert causes['dataflow_s'] > 0 and causes['dma_setup_s'] > 0, causes"

# 6144 B pushed for 8192 B received: refused by the validator, one line naming the route.
sed '0,/size: 8192/s//size: 6144/; 0,/bytes: 8192/s//bytes: 6144/' \
  "$SRC/tests/data/vector_scalar_mul.textproto" >"$WORK/short.txt"
check "encode the short design" encode "$WORK/short.txt" "$WORK/short.pb"
expect_exit 2 "short\.pb: invalid program: .*route 1: unmatched bytes: shim\(0\)\.mm2s0 sends 6144 B, core\(0,0\)\.s2mm0 receives 8192 B" \
  "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/short.pb"
expect_one_line "$AIE2SIM" simulate --arch paper-1x1 --program "$WORK/short.pb"
finish
