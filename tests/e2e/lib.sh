# Helpers for the end-to-end test scripts: source it after setting AIE2SIM and SRC.
# Each check prints one line; the script exits non-zero at the end if any check failed.
set -u
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
failures=0
checks=0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# expect_exit CODE PATTERN CMD...: the command exits with CODE and its stderr+stdout match the
# extended regex PATTERN.
expect_exit() {
  local code=$1 pattern=$2
  shift 2
  local output status
  output=$("$@" 2>&1)
  status=$?
  checks=$((checks + 1))
  if [[ $status -ne $code ]] || ! grep -Eq -- "$pattern" <<<"$output"; then
    echo "FAIL: $* -> exit $status (want $code), output:"
    echo "$output" | head -20 | sed 's/^/    /'
    echo "    (wanted /$pattern/)"
    failures=$((failures + 1))
  else
    echo "ok: $*"
  fi
}

# In an ASan build, SystemC's coroutine switch on a deadlock makes the ASan runtime print a
# three-line warning (google/sanitizers#189) that is not aie2sim's output: dropped.
drop_sanitizer_notes() {
  grep -v -E '^==[0-9]+==WARNING: ASan is ignoring requested __asan_handle_no_return|^False positive error reports may follow$|^For details see https://github.com/google/sanitizers/issues/189$'
}

# expect_one_line CMD...: the command's stderr is exactly one line (the error message), the
# sanitizer runtime's notes aside.
expect_one_line() {
  local lines
  lines=$("$@" 2>&1 >/dev/null | drop_sanitizer_notes | wc -l)
  checks=$((checks + 1))
  if [[ $lines -ne 1 ]]; then
    echo "FAIL: $* printed $lines lines on stderr (want 1)"
    failures=$((failures + 1))
  else
    echo "ok: one-line error from $*"
  fi
}

check() {  # check DESCRIPTION CMD...: the command succeeds
  local description=$1
  shift
  checks=$((checks + 1))
  if "$@" >"$WORK/check.out" 2>&1; then
    echo "ok: $description"
  else
    echo "FAIL: $description"
    head -20 "$WORK/check.out" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}

# jq-free JSON checks with the system Python.
json_check() {  # json_check FILE PYTHON-EXPRESSION-ON-r
  /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}
