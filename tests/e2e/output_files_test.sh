#!/usr/bin/env bash
# Output files (--json, --csv, --html, --trace, -o) are written the careful way
# (sim/base/output_file.h):
#  - a device node or a FIFO at the path is written through, and stays what it was (the nodes are
#    made here with mknod/mkfifo; /dev/null and /dev/full are never pointed at);
#  - a symlink stays a link and its target gets the contents (a dangling one creates it);
#  - an existing file keeps its permission bits; a directory is refused;
#  - a full disk (a file-size limit, `ulimit -f`, stands in for it) exits 2 naming the path and
#    the system's reason, leaves an existing file as it was and leaves no partial or temporary
#    file behind;
#  - SIGTERM or SIGINT in the middle of a simulation or of run's attribution leaves no partial
#    output, no temporary file and no attribution folder, ends the child simulations, and the
#    process dies of the signal;
#  - a deadlocking run writes a complete, valid trace up to the deadlock and its JSON report (with
#    the blocked engines), no HTML; --html alone leaves no trace anywhere.
AIE2SIM=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
cd "$WORK" || exit 1
mkdir tmp out
export TMPDIR=$WORK/tmp

valid_json() { "$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$1"; }
# only FOLDER NAME...: the folder holds exactly these entries (hidden ones included).
only() {
  local folder=$1
  shift
  [[ "$(ls -A "$folder" | sort)" == "$(printf '%s\n' "$@" | sed '/^$/d' | sort)" ]]
}

"$AIE2SIM" compile --arch paper-2x2 --workload tiny -o tiny.pb >/dev/null 2>&1 || echo "setup: compile failed"
"$AIE2SIM" compile --arch paper-4x4 --workload resnet50 -o r50.pb >/dev/null 2>&1 ||
  echo "setup: compile failed"

# ---- Device nodes and FIFOs ----------------------------------------------------------------------
mknod out/null c 1 3
expect_exit 0 "" "$AIE2SIM" info --workload tiny --json out/null
expect_exit 0 "" "$AIE2SIM" compile --arch paper-2x2 --workload tiny -o out/null
expect_exit 0 "" "$AIE2SIM" simulate --arch paper-2x2 --program tiny.pb --json out/null \
  --csv out/null --trace out/null
expect_exit 0 "" "$AIE2SIM" simulate --arch paper-2x2 --program tiny.pb --html out/null
check "a device node stays a device node" test -c out/null
check "nothing else appeared beside it" only out null

mkfifo out/fifo
(timeout 60 cat out/fifo >fifo.json) &  # bounded: a FIFO replaced by a file has no writer
reader=$!
expect_exit 0 "" "$AIE2SIM" info --workload tiny --json out/fifo
wait "$reader"
check "a FIFO stays a FIFO" test -p out/fifo
check "its reader got the whole report" valid_json fifo.json

# ---- Symlinks, permissions, directories -----------------------------------------------------------
echo old >out/real.json
ln -s real.json out/link.json
ln -s link.json out/chain.json
expect_exit 0 "" "$AIE2SIM" info --workload tiny --json out/chain.json
check "a symlink chain stays links" test -L out/link.json -a -L out/chain.json
check "the link's target gets the report" valid_json out/real.json
ln -s new.json out/dangling.json
expect_exit 0 "" "$AIE2SIM" info --workload tiny --json out/dangling.json
check "a dangling link's target is created" valid_json out/new.json
check "... and the link stays a link" test -L out/dangling.json

echo old >out/private.csv
chmod 600 out/private.csv
expect_exit 0 "" "$AIE2SIM" simulate --arch paper-2x2 --program tiny.pb --csv out/private.csv
check "an existing file keeps its permission bits" test "$(stat -c %a out/private.csv)" = 600
mkdir out/folder
expect_exit 2 "^aie2sim: error: out/folder: cannot write: is a directory$" \
  "$AIE2SIM" info --workload tiny --json out/folder
expect_exit 2 "^aie2sim: error: out/missing/r\.json: cannot write: No such file or directory$" \
  "$AIE2SIM" info --workload tiny --json out/missing/r.json

# ---- A full disk (ulimit -f, in KiB) ---------------------------------------------------------------
mkdir full
echo old >full/keep.pb
limited() { (ulimit -f 64 && exec "$@" >/dev/null); }
expect_exit 2 "^aie2sim: error: full/r50\.pb: cannot write: File too large$" \
  limited "$AIE2SIM" compile --arch paper-4x4 --workload resnet50 -o full/r50.pb
expect_exit 2 "^aie2sim: error: full/keep\.pb: cannot write: File too large$" \
  limited "$AIE2SIM" compile --arch paper-4x4 --workload resnet50 -o full/keep.pb
expect_exit 2 "^aie2sim: error: full/t\.json: cannot write: File too large$" \
  limited "$AIE2SIM" simulate --arch paper-4x4 --program r50.pb --trace full/t.json
# (the trace the timeline is made from is the first file too large)
expect_exit 2 "^aie2sim: error: [^ ]*: cannot write: File too large$" \
  limited "$AIE2SIM" simulate --arch paper-4x4 --program r50.pb --html full/r.html
check "the existing file is as it was" test "$(cat full/keep.pb)" = old
check "no partial or temporary file is left" only full keep.pb
check "no temporary folder is left" only tmp

# ---- Signals ---------------------------------------------------------------------------------------
# kill_when SIGNAL PATTERN CMD...: starts CMD, sends SIGNAL once a file matching PATTERN exists
# under $WORK (or after a short while when PATTERN is empty), and prints CMD's exit status.
kill_when() {
  local signal=$1 pattern=$2
  shift 2
  set -m  # its own process group, where SIGINT is not ignored as in a script's background job
  "$@" >/dev/null 2>&1 &
  set +m
  local pid=$! i
  for ((i = 0; i < 1200; ++i)); do
    if [[ -n "$pattern" ]] && compgen -G "$pattern" >/dev/null; then break; fi
    if [[ -z "$pattern" && $i -ge 10 ]]; then break; fi
    sleep 0.05
  done
  kill "-$signal" "$pid"
  wait "$pid"
  echo $?
}
mkdir sig
for signal in TERM INT; do
  status=$(kill_when $signal "" "$AIE2SIM" simulate --arch paper-4x4 --program r50.pb \
    --trace sig/t.json --json sig/r.json)
  check "SIG$signal during a simulation: dies of it (status $status)" \
    test "$status" = $((128 + $(kill -l $signal)))
  check "SIG$signal during a simulation: no output, no partial file" only sig
done
# run on a realistic preset simulates the effects one by one in child processes.
status=$(kill_when INT "$WORK/tmp/aie2sim-attribution-*/program.pb" "$AIE2SIM" run \
  --arch realistic-2x2 --workload vgg16 --json sig/r.json)
check "SIGINT during attribution: dies of it (status $status)" test "$status" = 130
check "SIGINT during attribution: no report, no partial file" only sig
check "SIGINT during attribution: the attribution folder is removed" only tmp
sleep 0.5
check "SIGINT during attribution: no child simulation is left" \
  test -z "$(pgrep -f "$WORK/tmp/aie2sim-attribution" || true)"

# ---- Deadlocks --------------------------------------------------------------------------------------
# tiny with its first release instruction removed: a consumer then waits forever.
PROTO_ARGS=(-I "$SRC" sim/isa/program.proto)
protoc --decode=aie2sim.isa.Program "${PROTO_ARGS[@]}" <tiny.pb >tiny.txt
awk 'state == 0 && /^ *instructions \{$/ {held=$0; state=1; next}
     state == 1 { if ($0 ~ /^ *release \{$/) {pad=substr(held, 1, match(held, /[^ ]/) - 1); state=2; next}
                  print held; print; state=0; next }
     state == 2 { if ($0 == pad "}") state=3; next }
     {print}' tiny.txt | protoc --encode=aie2sim.isa.Program "${PROTO_ARGS[@]}" >deadlock.pb
mkdir dl
expect_exit 2 "deadlock" "$AIE2SIM" simulate --arch paper-2x2 --program deadlock.pb \
  --trace dl/t.json --json dl/r.json --html dl/r.html
check "a deadlocked run writes a complete, valid trace" valid_json dl/t.json
check "... and its JSON report (the blocked engines), no HTML" only dl t.json r.json
expect_exit 2 "deadlock" "$AIE2SIM" simulate --arch paper-2x2 --program deadlock.pb --html dl/r.html
check "a deadlocked run with --html alone leaves no trace" only dl t.json r.json
check "no temporary folder is left" only tmp

finish
