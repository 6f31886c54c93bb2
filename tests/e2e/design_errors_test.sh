#!/usr/bin/env bash
# Bad designs are refused with one line naming the file and the key or entity, exit 2: strict
# YAML (unknown, duplicate, missing keys, wrong types), expressions, placement, resources
# (memory, channels, BDs, locks), held-object counts, unsupported constructs, and a design that
# deadlocks (naming the engines and FIFOs). The feature designs of tests/data/designs run.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

# A small valid design; each case edits a copy with a Python expression on its text `t`.
cat >"$WORK/base.yaml" <<'YAML'
version: 1
name: base
device: npu1
upstream: "none: a test design"
parameters:
  bytes: 1024
fifos:
  - {name: in, producer: [0, 0], consumers: [[0, 2]], object: {bytes: bytes}}
  - {name: out, producer: [0, 2], consumers: [[0, 0]], object: {bytes: bytes}}
cores:
  - tile: [0, 2]
    body:
      - loop: 2
        do:
          - acquire: in
          - acquire: out
          - {kernel: copy, work: bytes, inputs: [in], output: out}
          - release: in
          - release: out
host_buffers:
  - {name: a, bytes: 2 * bytes}
  - {name: b, bytes: 2 * bytes}
sequence:
  - fill: {fifo: in, buffer: a}
  - drain: {fifo: out, buffer: b}
  - await: out
YAML

# refused NAME PATTERN PYTHON [flags]: the edited design exits 2 with one line matching PATTERN.
refused() {
  local name=$1 pattern=$2 edit=$3
  shift 3
  /usr/bin/python3 -c "
t = open('$WORK/base.yaml').read()
$edit
open('$WORK/$name.yaml', 'w').write(t)"
  expect_exit 2 "^aie2sim: error: .*$name\.yaml$pattern" "$AIE2SIM" run --design "$WORK/$name.yaml" "$@"
  expect_one_line "$AIE2SIM" run --design "$WORK/$name.yaml" "$@"
}

check "the base design runs" "$AIE2SIM" run --design "$WORK/base.yaml"
for feature in conv3x3 shared_memory broadcast_depths distribute_broadcast barrier; do
  check "feature design $feature runs" "$AIE2SIM" run --design "$SRC/tests/data/designs/$feature.yaml"
done

# Strict YAML.
refused unknown_key ":2: nmae: unknown key" "t = t.replace('name: base', 'nmae: base')"
refused duplicate_key ":4: device: duplicate key" "t = t.replace('device: npu1', 'device: npu1\ndevice: npu1')"
refused missing_key ":1: sequence: missing required key" "t = t[:t.index('sequence:')]"
refused wrong_type ":8: fifos.in.consumers: expected \[column, row\]" \
  "t = t.replace('consumers: [[0, 2]]', 'consumers: [zero]')"
refused bad_depth ":8: fifos.in.depth: \"0\" = 0 is out of range \[1, 64\]" \
  "t = t.replace('consumers: [[0, 2]],', 'consumers: [[0, 2]], depth: 0,')"
refused inexact ":8: fifos.in.object.bytes: expression \"bytes / 3\": 1024 / 3 is not exact" \
  "t = t.replace('object: {bytes: bytes}}\n  - {name: out', 'object: {bytes: bytes / 3}}\n  - {name: out')"
refused unknown_name ":17: cores\(0,2\).body.do.work: expression \"bites\": unknown name \"bites\"" \
  "t = t.replace('work: bytes', 'work: bites')"
refused bad_kernel ":17: cores\(0,2\).body.do.kernel: unknown kernel class conv3x3 \(known: mm_i16_i32, mm_i8_i32, conv1x1_i8, eltwise_i16, copy\)" \
  "t = t.replace('kernel: copy', 'kernel: conv3x3')"

# Unsupported constructs name the key.
refused cascade ":[0-9]+: cascade_flows: not supported: cascade streams between cores are not modelled" \
  "t += 'cascade_flows: [[[0, 2], [0, 3]]]\n'"
refused packet ":8: packet: not supported: packet-switched flows are not modelled" \
  "t = t.replace('object: {bytes: bytes}}\n  - {name: out', 'object: {bytes: bytes}, packet: 1}\n  - {name: out')"
refused consumer_dims ":8: dims: not supported: consumer-side access patterns" \
  "t = t.replace('consumers: [[0, 2]]', 'consumers: [{tile: [0, 2], dims: [[4, 1]]}]')"

# Placement and reachability.
refused unknown_tile ":8: fifos.in: unknown tile \(7,2\): npu1 has 4 columns and rows 0 \(shim\), 1 \(memtile\), 2..5 \(cores\)" \
  "t = t.replace('consumers: [[0, 2]]', 'consumers: [[7, 2]]')"
refused unreachable ":8: fifos.in: consumer shim\(1,0\) is not reachable from shim\(0,0\)" \
  "t = t.replace('consumers: [[0, 2]]', 'consumers: [[0, 2], [1, 0]]')"
refused no_core ":9: fifos.out: core\(0,3\) has no entry in cores" \
  "t = t.replace('consumers: [[0, 0]]', 'consumers: [[0, 0], [0, 3]]')"

# Resources.
refused memory ": tile core\(0,2\): needs 82944 B of memory, has 65536 B: stack \(1024 B\), in \(2 x 20480 B\), out \(2 x 20480 B\)" \
  "t = t.replace('bytes: 1024', 'bytes: 20480')"
refused channels ": tile core\(0,2\): needs 3 S2MM channels, has 2: fifo in2, fifo in3, fifo in" \
  "t = t.replace('fifos:\n', 'fifos:\n  - {name: in2, producer: [1, 0], consumers: [[0, 2]], object: {bytes: 2 * bytes}}\n  - {name: in3, producer: [2, 0], consumers: [[0, 2]], object: {bytes: 2 * bytes}}\n').replace('    body:\n', '    body:\n      - {acquire: in2}\n      - {release: in2}\n      - {acquire: in3}\n      - {release: in3}\n').replace('sequence:\n', 'sequence:\n  - fill: {fifo: in2, buffer: a}\n  - fill: {fifo: in3, buffer: a}\n')"
refused bds ": tile core\(0,2\): needs 18 BDs, has 16: fifo in \(9\), fifo out \(9\)" \
  "t = t.replace('object: {bytes: bytes}}', 'object: {bytes: bytes}, depth: 9}')"
refused locks ": tile core\(0,2\): needs 20 locks, has 16: fifo in: free, fifo in: full" \
  "t = t.replace('    body:', '    locks: {' + ', '.join('l%d: 0' % i for i in range(16)) + '}\n    body:')"

# Held objects and counts.
refused held_loop ":13: cores\(0,2\).body: loop: fifo in is held 0 at the loop's entry but 1 at its end" \
  "t = t.replace('          - release: in\n', '')"
refused over_release ":18: cores\(0,2\).body.do: releases 2 object\(s\) of fifo in while holding 1" \
  "t = t.replace('- release: in', '- {release: in, count: 2}')"
refused counts ":8: fifos.in: the runtime sequence fills 1024 B per run, but core\(0,2\) consumes 2048 B" \
  "t = t.replace('  - {name: a, bytes: 2 * bytes}', '  - {name: a, bytes: bytes}')"

# A design that deadlocks: the host awaits the output before filling the input.
expect_exit 2 "deadlock\.yaml: deadlock: .*core\(0,0\)\.mm2s0 waits for acquire L3>=1 \(value 0\) \[fifo out: full\].*route 1 \[fifo in\]" \
  "$AIE2SIM" run --design "$SRC/tests/data/designs/deadlock.yaml"
expect_one_line "$AIE2SIM" run --design "$SRC/tests/data/designs/deadlock.yaml"
finish
