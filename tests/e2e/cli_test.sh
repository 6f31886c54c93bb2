#!/usr/bin/env bash
# The command line: help and version, every subcommand's --help, and the user-error paths the
# foundation promises (exit 2, one line naming file:line:key).
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

expect_exit 0 "usage: aie2sim <command>" "$AIE2SIM" --help
expect_exit 0 "^aie2sim [0-9]+\.[0-9]+\.[0-9]+ \(git [0-9a-f]+|unknown\)" "$AIE2SIM" --version
for command in info compile listing estimate simulate run config-keys; do
  expect_exit 0 "usage: aie2sim $command" "$AIE2SIM" "$command" --help
done
expect_exit 2 "unknown command \"frobnicate\"" "$AIE2SIM" frobnicate
expect_exit 2 "aie2sim run: unrecognised option '--frobnicate'" \
  "$AIE2SIM" run --arch paper-2x2 --workload tiny --frobnicate
expect_exit 2 "aie2sim run: the option '--workload' is required" "$AIE2SIM" run --arch paper-2x2
expect_exit 0 "core.macs_per_cycle.int8 +\(MACs/cycle\)" "$AIE2SIM" config-keys

# Config errors: misspelt key, duplicated key, a 0x3 mesh; each one line naming file:line:key.
sed 's/^  bds: 16/  bd: 16/; s/^    bds: 16 /    bd: 16 /' "$SRC/configs/paper-2x2.yaml" >"$WORK/misspelt.yaml"
line=$(grep -n ' bd: 16' "$WORK/misspelt.yaml" | head -1 | cut -d: -f1)
expect_exit 2 "^aie2sim: error: $WORK/misspelt.yaml:$line: core\.dma\.bd: unknown key" \
  "$AIE2SIM" run --arch "$WORK/misspelt.yaml" --workload tiny
expect_one_line "$AIE2SIM" run --arch "$WORK/misspelt.yaml" --workload tiny

awk '{print} /^  columns:/ && !done {print "  columns: 2"; done=1}' \
  "$SRC/configs/paper-2x2.yaml" >"$WORK/duplicate.yaml"
line=$(grep -n '^  columns:' "$WORK/duplicate.yaml" | tail -1 | cut -d: -f1)
expect_exit 2 "^aie2sim: error: $WORK/duplicate.yaml:$line: array\.columns: duplicate key" \
  "$AIE2SIM" run --arch "$WORK/duplicate.yaml" --workload tiny
expect_one_line "$AIE2SIM" run --arch "$WORK/duplicate.yaml" --workload tiny

sed 's/^  rows: 2 /  rows: 0 /; s/^  columns: 2 /  columns: 3 /' "$SRC/configs/paper-2x2.yaml" >"$WORK/zero.yaml"
line=$(grep -n '^  rows: 0' "$WORK/zero.yaml" | cut -d: -f1)
expect_exit 2 "^aie2sim: error: $WORK/zero.yaml:$line: array\.rows: 0 is out of range" \
  "$AIE2SIM" run --arch "$WORK/zero.yaml" --workload tiny
expect_one_line "$AIE2SIM" run --arch "$WORK/zero.yaml" --workload tiny

expect_exit 2 "^aie2sim: error: --set core\.macs_per_cycle\.int9" \
  "$AIE2SIM" run --arch paper-2x2 --workload tiny --set core.macs_per_cycle.int9=3
expect_exit 2 "config \"paper-9x9\": no such file" "$AIE2SIM" run --arch paper-9x9 --workload tiny
expect_exit 2 "workload \"nonet\": no such file" "$AIE2SIM" info --workload nonet
expect_exit 2 "garbage.pb" bash -c "echo garbage > '$WORK/garbage.pb'; '$AIE2SIM' listing '$WORK/garbage.pb'"

finish
