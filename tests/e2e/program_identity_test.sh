#!/usr/bin/env bash
# ctest-timeout: 1200
# The compiler writes the same program bytes as recorded in tests/data/program_hashes.txt: with
# `--tiling fixed` the bytes of before the driver's restructuring (Compiler III-a), with the
# default cost tiling those recorded when it came (Compiler III-c); the shipped networks on two
# meshes, sparse, without residency and in functional mode. Then the driver's
# dumps from the command line: every pass after `--dump-after=all`, and an unknown pass refused.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

same_program() {  # same_program HASH ARGS...: compile ARGS; the file's SHA-256 is HASH
  local want=$1
  shift
  "$AIE2SIM" compile "$@" -o "$WORK/p.pb" >/dev/null 2>&1 &&
    [[ $(sha256sum "$WORK/p.pb" | cut -d' ' -f1) == "$want" ]]
}

while read -r hash args; do
  [[ -z $hash || $hash == \#* ]] && continue
  # shellcheck disable=SC2086  # the recorded arguments are words
  check "same program bytes: compile $args" same_program "$hash" $args
done <"$SRC/tests/data/program_hashes.txt"

dump=$WORK/dump.txt
check "compile --dump-after=all without -o" \
  bash -c "'$AIE2SIM' compile --arch paper-2x2 --workload tiny --dump-after=all >'$dump'"
for pass in frontend sparsity schedule tiling memory-plan cost-tiling codegen validate; do
  check "dump after $pass" grep -qx "=== after $pass ===" "$dump"
done
check "compile --dump-after=memory-plan,validate -o writes the program too" \
  bash -c "'$AIE2SIM' compile --arch paper-2x2 --workload tiny --dump-after=memory-plan,validate \
    -o '$WORK/t.pb' | grep -c '^=== after' | grep -qx 2 && test -s '$WORK/t.pb'"
expect_exit 2 "^aie2sim: error: --dump-after: unknown pass \"tile\" \(expected frontend, sparsity, \
schedule, tiling, memory-plan, cost-tiling, codegen, validate, or all\)$" \
  "$AIE2SIM" compile --arch paper-2x2 --workload tiny --dump-after=tile
expect_exit 2 "the option '--output' is required but missing" \
  "$AIE2SIM" compile --arch paper-2x2 --workload tiny

finish
