#!/usr/bin/env bash
# Every user-facing error kind, table-driven: each case must exit 2 and print ONE line on stderr,
# "aie2sim: error: ..." naming the file (or flag) and the key, node or line. A deadlock too: its
# line names the first three blocked engines; --verbose lists every one on indented lines.
# Table rows: NAME | expected first-line regex | command (run with bash -c in $WORK).
AIE2SIM=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/e2e/lib.sh"
cd "$WORK" || exit 1
PROTO_DIR=$SRC
PROTO=sim/isa/program.proto

# ---- Inputs -----------------------------------------------------------------------------------
# Configs (paper-2x2 with one edit each). Line numbers are looked up, not hard-coded.
sed 's/^  rows: 2 /  rows: [2 /' "$SRC/configs/paper-2x2.yaml" >cfg-syntax.yaml
sed 's/^  rows: 2 /  rowz: 2 /' "$SRC/configs/paper-2x2.yaml" >cfg-unknown.yaml
awk '{print} /^  rows:/ && !done {print "  rows: 2"; done=1}' "$SRC/configs/paper-2x2.yaml" >cfg-duplicate.yaml
sed 's/^  rows: 2 /  rows: 40 /' "$SRC/configs/paper-2x2.yaml" >cfg-range.yaml
sed 's/^  rows: 2 /  rows: two /' "$SRC/configs/paper-2x2.yaml" >cfg-type.yaml
grep -v '^  rows:' "$SRC/configs/paper-2x2.yaml" >cfg-missing.yaml
sed 's/^  rows: 2 /  "ro\\nws": 2 /' "$SRC/configs/paper-2x2.yaml" >cfg-newline-key.yaml
{ cat "$SRC/configs/paper-2x2.yaml"; echo "---"; echo "name: second"; } >cfg-two-documents.yaml
cp "$SRC/tests/fuzz/corpus/config/regress-lone-comma.yaml" cfg-lone-comma.yaml
line_of() { grep -n -- "$1" "$2" | tail -1 | cut -d: -f1; }
rows_line=$(line_of "^  rowz:" cfg-unknown.yaml)
dup_line=$(line_of '^  rows:' cfg-duplicate.yaml)

# Workloads (tiny with one edit each).
sed 's/^    kernel: \[3, 3\]/    kernel: [3, 3/' "$SRC/workloads/tiny.yaml" >wl-syntax.yaml
sed 's/^    kernel: \[3, 3\]/    kernal: [3, 3]/' "$SRC/workloads/tiny.yaml" >wl-unknown.yaml
awk '{print} /out_channels: 16/ {print "    out_channels: 16"}' "$SRC/workloads/tiny.yaml" >wl-duplicate.yaml
sed 's/out_channels: 16/out_channels: 0/' "$SRC/workloads/tiny.yaml" >wl-range.yaml
sed '0,/op: Conv/s//op: Softmax/' "$SRC/workloads/tiny.yaml" >wl-op.yaml
sed 's/inputs: \[conv1\]/inputs: [conv9]/' "$SRC/workloads/tiny.yaml" >wl-reference.yaml
printf 'version: 1\nname: "tiny\\\r"\n' >wl-escape.yaml  # a backslash before a carriage return
printf 'version: 1\n[name]: tiny\n' >wl-sequence-key.yaml
cp "$SRC/tests/fuzz/corpus/workload/regress-macs-overflow.yaml" wl-huge.yaml
sed 's/out_channels: 16/out_channels: "16"/' "$SRC/workloads/tiny.yaml" >wl-quoted.yaml
printf 'version: 1\nlayers:\n  conv2: "0.5"\n' >spec-quoted.yaml
# Invalid UTF-8 in a name (protobuf would then write a program no command reads).
sed 's/^name: .*/name: paper\xff/' "$SRC/configs/paper-2x2.yaml" >cfg-utf8.yaml
sed 's/^name: tiny/name: tiny\xc3\x28/' "$SRC/workloads/tiny.yaml" >wl-utf8.yaml
cfg_name_line=$(grep -a -n '^name:' cfg-utf8.yaml | cut -d: -f1)
wl_name_line=$(grep -a -n '^name:' wl-utf8.yaml | cut -d: -f1)
# Pools the reference cannot run: a pad as large as the kernel, a dilated AveragePool.
OPS=$SRC/tests/data/functional/ops.yaml
{ cat "$SRC/workloads/tiny.yaml"
  echo "  - {name: mp, op: MaxPool, inputs: [conv2], kernel: [2, 2], stride: [2, 2], pads: [2, 2, 2, 2]}"
} >wl-pool-pads.yaml
sed 's/{name: ap1, op: AveragePool, inputs: \[add1\], kernel: \[3, 3\],/{name: ap1, op: AveragePool, inputs: [add1], kernel: [3, 3], dilation: [2, 2],/' "$OPS" >wl-pool-dilated.yaml
kernel_line=$(line_of 'kernal' wl-unknown.yaml)
quoted_line=$(line_of '"16"' wl-quoted.yaml)
oc_line=$(line_of 'out_channels: 16' wl-duplicate.yaml)
range_line=$(line_of 'out_channels: 0' wl-range.yaml)
op_line=$(line_of 'op: Softmax' wl-op.yaml)
ref_line=$(line_of 'conv9' wl-reference.yaml)

# ONNX: a valid small model (committed fuzz seed), cut short; a text file; an unsupported op.
ONNX_SEEDS=$SRC/tests/fuzz/corpus/onnx
head -c 200 "$ONNX_SEEDS/seed-small-cnn.onnx" >truncated.onnx
echo "not a model" >text.onnx
cp "$ONNX_SEEDS/seed-unsupported-op.onnx" unsupported.onnx
cp "$ONNX_SEEDS/regress-experimental-op-warning.onnx" experimental.onnx  # ONNX's checker warns

# Programs: tiny compiled for paper-2x2, then edited through protoc's text format.
"$AIE2SIM" compile --arch paper-2x2 --workload tiny -o tiny.pb >/dev/null 2>&1 ||
  echo "setup: compile failed"
protoc --decode=aie2sim.isa.Program -I "$PROTO_DIR" "$PROTO" <tiny.pb >tiny.txt ||
  echo "setup: protoc --decode failed"
encode() { protoc --encode=aie2sim.isa.Program -I "$PROTO_DIR" "$PROTO" <"$1" >"$2"; }
# A lock id far outside the core's 16 locks: the first "lock { id: N }" becomes id 60.
awk 'prev ~ /^ *lock \{$/ && /^ *id: [0-9]+$/ && !done {sub(/id: [0-9]+/, "id: 60"); done=1}
     {print; prev=$0}' tiny.txt >badlock.txt
encode badlock.txt badlock.pb
# A deadlock: the first release instruction removed (a consumer then waits forever).
awk 'state == 0 && /^ *instructions \{$/ {held=$0; state=1; next}
     state == 1 { if ($0 ~ /^ *release \{$/) {pad=substr(held, 1, match(held, /[^ ]/) - 1); state=2; next}
                  print held; print; state=0; next }
     state == 2 { if ($0 == pad "}") state=3; next }
     {print}' tiny.txt >deadlock.txt
encode deadlock.txt deadlock.pb
head -c 1000 tiny.pb >truncated.pb
sed 's/^version: [0-9]*$/version: 7/' tiny.txt >v7.txt
encode v7.txt v7.pb
# Invalid UTF-8 in a string field (protobuf used to log its own line before ours).
sed 's/^config_hash: "\(.*\)"$/config_hash: "\1\\377"/' tiny.txt >utf8.txt
encode utf8.txt utf8.pb 2>/dev/null  # protoc warns about the string it writes
# Hand-edited programs: every release raises its lock by 63 (the second one overflows); a group
# kind the format does not define; batch 0; no layers.
awk '/release \{/ {r=1} r && /value: 1$/ {sub(/value: 1$/, "value: 63"); r=0} {print}' tiny.txt >lockov.txt
encode lockov.txt lockov.pb
sed '0,/kind: GROUP_[A-Z]*/s//kind: 42/' tiny.txt >groupkind.txt
encode groupkind.txt groupkind.pb
sed 's/^batch: 1$/batch: 0/' tiny.txt >batch0.txt
encode batch0.txt batch0.pb
grep -E '^(version|config_hash|config_name|workload|batch):' tiny.txt >nolayers.txt
encode nolayers.txt nolayers.pb
# 2^32 - 1 iterations of the first group: hours of simulation, refused up front (--max-events).
awk '/^    iterations: / && !done {sub(/iterations: [0-9]+/, "iterations: 4294967295"); done=1} {print}' \
  tiny.txt >manyiterations.txt
encode manyiterations.txt manyiterations.pb
# A functional program whose first layer's output location is emptied (its memtile columns
# removed): the check would compare nothing.
"$AIE2SIM" compile --arch paper-2x2 --workload tiny --functional -o tinyf.pb >/dev/null 2>&1 ||
  echo "setup: compile --functional failed"
protoc --decode=aie2sim.isa.Program -I "$PROTO_DIR" "$PROTO" <tinyf.pb >tinyf.txt
awk '/^    output \{/ && !done {inside=1}
     inside && /^      columns \{/ {skip=1}
     skip {if ($0 ~ /^      \}/) skip=0; next}
     inside && /^    \}/ {inside=0; done=1}
     {print}' tinyf.txt >nowhere.txt
encode nowhere.txt nowhere.pb
# ONNX external data: the model names itself as its data file, with a length near 2^63.
cp "$ONNX_SEEDS/regress-external-data-length-overflow.onnx" model.onnx

# ---- The table ----------------------------------------------------------------------------------
E='^aie2sim: error: '
cases=(
  "missing config|${E}config \"missing.yaml\": no such file|run --arch missing.yaml --workload tiny"
  "missing workload|${E}workload \"missing.yaml\": no such file|info --workload missing.yaml"
  "missing program|${E}missing\.pb: no such file|simulate --arch paper-2x2 --program missing.pb"
  "missing sparsity spec|${E}missing\.yaml: cannot open file|run --arch paper-2x2 --workload tiny --sparsity 0.5 --sparsity-spec missing.yaml"
  "config YAML syntax|${E}cfg-syntax\.yaml:[0-9]+: YAML syntax error|run --arch cfg-syntax.yaml --workload tiny"
  "config of two documents|${E}cfg-two-documents\.yaml:$(($(wc -l <"$SRC/configs/paper-2x2.yaml") + 1)): YAML syntax error: more than one document|run --arch cfg-two-documents.yaml --workload tiny"
  "config with a stray comma|${E}cfg-lone-comma\.yaml:1: YAML syntax error: the parser cannot go on here|run --arch cfg-lone-comma.yaml --workload tiny"
  "config unknown key|${E}cfg-unknown\.yaml:$rows_line: array\.rowz: unknown key|run --arch cfg-unknown.yaml --workload tiny"
  "config duplicate key|${E}cfg-duplicate\.yaml:$dup_line: array\.rows: duplicate key|run --arch cfg-duplicate.yaml --workload tiny"
  "config missing key|${E}cfg-missing\.yaml:[0-9]+: array: missing required key array\.rows|run --arch cfg-missing.yaml --workload tiny"
  "config out of range|${E}cfg-range\.yaml:$rows_line: array\.rows: 40 is out of range|run --arch cfg-range.yaml --workload tiny"
  "config wrong type|${E}cfg-type\.yaml:$rows_line: array\.rows: expected an unsigned integer|run --arch cfg-type.yaml --workload tiny"
  "config key holding a newline|${E}cfg-newline-key\.yaml:$rows_line: array\.ro\\\\nws: unknown key|run --arch cfg-newline-key.yaml --workload tiny"
  "--set without =|${E}--set \"array\.rows\": expected key=value|run --arch paper-2x2 --workload tiny --set array.rows"
  "--set unknown key|${E}--set core\.macs_per_cycle\.int9: unknown key|run --arch paper-2x2 --workload tiny --set core.macs_per_cycle.int9=3"
  "--set bad value|${E}--set array\.rows: expected an unsigned integer, got \"abc\"|run --arch paper-2x2 --workload tiny --set array.rows=abc"
  "--set clock too slow for the time base|${E}--set clock_mhz: 0\.00001 is out of range \[1, 10000\]|run --arch paper-2x2 --workload vgg16 --set clock_mhz=0.00001"
  "--set overhead beyond the time base|${E}--set overheads\.lock_handshake_cycles: 1e18 is out of range \[0, 1000000\]|run --arch realistic-2x2 --workload tiny --set overheads.lock_handshake_cycles=1e18"
  "--set bandwidth near zero|${E}--set stream\.bytes_per_cycle: 1e-300 is out of range \[0\.001, 1048576\]|estimate --arch paper-2x2 --program tiny.pb --set stream.bytes_per_cycle=1e-300"
  "--set out of range|${E}--set array\.rows: 99 is out of range|run --arch paper-2x2 --workload tiny --set array.rows=99"
  "workload YAML syntax|${E}wl-syntax\.yaml:[0-9]+: YAML syntax error|info --workload wl-syntax.yaml"
  "workload YAML bad escape|${E}wl-escape\.yaml:2: YAML syntax error: unknown escape character: \\\\r\$|info --workload wl-escape.yaml"
  "workload too large|${E}wl-huge\.yaml: node conv1 \(Conv\): more than 2\^63 MACs|info --workload wl-huge.yaml"
  "workload key not a name|${E}wl-sequence-key\.yaml:2: \(top level\): expected a key name|info --workload wl-sequence-key.yaml"
  "workload unknown key|${E}wl-unknown\.yaml:$kernel_line: layers.*\.kernal: unknown key|info --workload wl-unknown.yaml"
  "workload duplicate key|${E}wl-duplicate\.yaml:$((oc_line)): layers.*\.out_channels: duplicate key|info --workload wl-duplicate.yaml"
  "workload out of range|${E}wl-range\.yaml:$range_line: layers\.conv1\.out_channels: 0 is out of range|info --workload wl-range.yaml"
  "workload unsupported op|${E}wl-op\.yaml:$op_line: layers\.conv1\.op: unsupported op \"Softmax\"|info --workload wl-op.yaml"
  "workload unknown tensor|${E}wl-reference\.yaml:$ref_line: layers\.conv2\.inputs: unknown tensor \"conv9\"|info --workload wl-reference.yaml"
  "corrupt ONNX (truncated)|${E}truncated\.onnx: cannot parse ONNX model|info --workload truncated.onnx"
  "corrupt ONNX (text)|${E}text\.onnx: cannot parse ONNX model|info --workload text.onnx"
  "unsupported ONNX op|${E}unsupported\.onnx: node sigmoid: unsupported op Sigmoid|info --workload unsupported.onnx"
  "ONNX external data out of range|${E}model\.onnx: initializer w: external data file .*model\.onnx has [0-9]+ bytes, but the tensor needs 9223372036854775807 bytes from offset 1|info --workload model.onnx"
  "experimental ONNX op|${E}experimental\.onnx: node sigmoid: unsupported op Crop|info --workload experimental.onnx"
  "program not protobuf|${E}truncated\.pb: not a Program file|simulate --arch paper-2x2 --program truncated.pb"
  "program with invalid UTF-8|${E}utf8\.pb: not a Program file|simulate --arch paper-2x2 --program utf8.pb"
  "program of another version|${E}v7\.pb: program version 7|simulate --arch paper-2x2 --program v7.pb"
  "invalid program (lock id)|${E}badlock\.pb: invalid program: layer conv1: group [^:]+: [a-z]+\([0-9,]+\)\.[a-z0-9]+: instruction [0-9]+: lock L60 out of range \(core\([0-9,]+\) has 16 locks\)|simulate --arch paper-2x2 --program badlock.pb"
  "invalid program (estimate)|${E}badlock\.pb: invalid program: layer conv1|estimate --arch paper-2x2 --program badlock.pb"
  "config-hash mismatch|${E}tiny\.pb: invalid program: config hash mismatch: program compiled for 'paper-2x2'.*config 'paper-1x1'|simulate --arch paper-1x1 --program tiny.pb"
  "program lock overflow|${E}lockov\.pb: .*layer conv1 group [a-z]+: core\([0-9,]+\)\.[a-z0-9]+, iteration [0-9]+: release L[0-9]+ by 63 from [0-9]+ would exceed 63|simulate --arch paper-2x2 --program lockov.pb"
  "program unknown enum|${E}groupkind\.pb: invalid program: layer conv1: group [a-z]+: unknown group kind 42|estimate --arch paper-2x2 --program groupkind.pb"
  "program work beyond --max-events|${E}manyiterations\.pb: the program executes [0-9]+ instructions, more than --max-events 1000000000 \(raise --max-events to run it anyway\)$|simulate --arch paper-2x2 --program manyiterations.pb"
  "estimate of work beyond --max-events|${E}manyiterations\.pb: the program executes [0-9]+ instructions, more than --max-events 1000000000 \(raise --max-events to run it anyway\)$|estimate --arch paper-2x2 --program manyiterations.pb"
  "--max-events negative|${E}--max-events: expected an unsigned integer, got \"-1\"|simulate --arch paper-2x2 --program tiny.pb --max-events -1"
  "program batch 0|${E}batch0\.pb: invalid program: batch 0 \(must be >= 1\)|estimate --arch paper-2x2 --program batch0.pb"
  "program without layers|${E}nolayers\.pb: invalid program: no layers|simulate --arch paper-2x2 --program nolayers.pb"
  "functional layer checking nothing|${E}nowhere\.pb: functional check of layer conv1: its output location holds no value to compare|simulate --arch paper-2x2 --program nowhere.pb --functional"
  "user program deadlocks|${E}deadlock\.pb: deadlock: [0-9]+ engines? blocked in layer conv1 group [a-z]+ at [0-9.]+ us: [a-z]+\([0-9,]+\)\.[a-z0-9]+ waits [^;]+(; [^;]+){0,2}(; and [0-9]+ more)?$|simulate --arch paper-2x2 --program deadlock.pb"
  "workload quoted number|${E}wl-quoted\.yaml:$quoted_line: layers\.conv1\.out_channels: expected an integer, got the string \"16\"|info --workload wl-quoted.yaml"
  "sparsity spec quoted number|${E}spec-quoted\.yaml:3: layers\.conv2: expected a ratio in \[0, 1\], got the string \"0\.5\"|info --workload tiny --sparsity-spec spec-quoted.yaml"
  "config invalid UTF-8|${E}cfg-utf8\.yaml:$cfg_name_line: invalid UTF-8 \(byte 0xff at column 12\)|run --arch cfg-utf8.yaml --workload tiny"
  "workload invalid UTF-8|${E}wl-utf8\.yaml:$wl_name_line: invalid UTF-8 \(byte 0xc3 at column 11\)|run --arch paper-2x2 --workload wl-utf8.yaml --json r.json"
  "--seed negative|${E}--seed: expected an unsigned integer, got \"-1\"|run --arch paper-2x2 --workload tiny --sparsity 0.5 --seed -1"
  "--block without sparsity|${E}--block: has no effect without --sparsity, --sparsity-spec, --mask-file or --importance|compile --arch paper-2x2 --workload tiny --block 4x4 -o x.pb"
  "--importance without sparsity|${E}--importance: has no effect without --sparsity or --sparsity-spec|info --workload tiny --importance l1"
  "--trace-layer without trace|${E}--trace-layer: has no effect without --trace or --html|simulate --arch paper-2x2 --program tiny.pb --trace-layer conv1"
  "--input without functional|${E}--input: has no effect without --functional|run --arch paper-2x2 --workload tiny --input x.npy"
  "--sparsity with existing|${E}--sparsity: cannot be combined with --importance existing|info --workload tiny --sparsity 0.5 --importance existing"
  "calibrate: mesh without a preset|${E}mesh 3x5: no config: neither a preset \"realistic-3x5\" nor a config \"realistic\"|calibrate --arch realistic --workload tiny --meshes 3x5 --holdout 2x2 -o cal.yaml"
  "sparsity error names the workload|${E}[^ ]*/tiny\.yaml: node conv1 \(Conv\): importance existing needs weights|info --workload tiny --importance existing"
  "pool pads as large as the kernel|${E}wl-pool-pads\.yaml: node mp \(MaxPool\): pads must be smaller than the kernel|run --arch paper-2x2 --workload wl-pool-pads.yaml --functional"
  "dilated AveragePool|${E}wl-pool-dilated\.yaml: node ap1 \(AveragePool\): dilated AveragePool is not supported|run --arch paper-2x2 --workload wl-pool-dilated.yaml --functional"
  "functional batch beyond the DDR|${E}--functional: the tensors of tiny at batch 2147483647 take [0-9]+ bytes, more than ddr\.size_bytes \(4294967296\)|run --arch paper-2x2 --workload tiny --functional --batch 2147483647"
  "--sparsity out of range|${E}--sparsity: 2 is out of range \[0, 1\]|run --arch paper-2x2 --workload tiny --sparsity 2"
  "--batch out of range|${E}--batch: must be >= 1, got -1|run --arch paper-2x2 --workload tiny --batch -1"
  "--batch 0|${E}--batch: must be >= 1, got 0|run --arch paper-2x2 --workload tiny --batch 0"
  "shipped name not found|${E}config \"paper-3x4\": no such file \(looked at paper-3x4, [^,]*/configs/paper-3x4\.yaml\)$|run --arch paper-3x4 --workload tiny"
)

for row in "${cases[@]}"; do
  IFS='|' read -r name pattern args <<<"$row"
  read -r -a argv <<<"$args"
  "$AIE2SIM" "${argv[@]}" >stdout.txt 2>stderr-raw.txt
  status=$?
  drop_sanitizer_notes <stderr-raw.txt >stderr.txt
  checks=$((checks + 1))
  error_lines=$(wc -l <stderr.txt)
  first=$(head -1 stderr.txt)
  if [[ $status -eq 2 && $error_lines -eq 1 ]] && grep -Eq -- "$pattern" <<<"$first"; then
    echo "ok: $name: $first"
  else
    echo "FAIL: $name: aie2sim $args -> exit $status (want 2), $error_lines stderr lines (want 1)"
    sed 's/^/    stderr: /' stderr.txt | head -10
    echo "    (wanted /$pattern/)"
    failures=$((failures + 1))
  fi
done

# With --verbose the deadlock lists every blocked engine on indented lines after its one line;
# with --json the report (valid against the schema) holds the same list.
"$AIE2SIM" simulate --arch paper-2x2 --program deadlock.pb --verbose --json deadlock.json \
  >/dev/null 2>stderr-raw.txt
drop_sanitizer_notes <stderr-raw.txt >deadlock-stderr.txt
blocked=$(head -1 deadlock-stderr.txt | sed -E 's/.*: ([0-9]+) engines? blocked.*/\1/')
check "--verbose lists the $blocked blocked engines" \
  test "$(grep -cE '^  (core|memtile|shim)\(.* waits ' deadlock-stderr.txt)" = "$blocked"
check "the deadlock's JSON report lists them too and is valid" /usr/bin/python3 -c "
import json, jsonschema, sys
report = json.load(open('deadlock.json'))
jsonschema.validate(report, json.load(open('$SRC/sim/report/report.schema.json')))
assert len(report['deadlock']['blocked']) == $blocked, report['deadlock']"

# Empty values are not "no value" (the table cannot hold an empty word).
for option in --json --csv --importance --sparsity-spec; do
  expect_exit 2 "^aie2sim: error: $option: empty value$" \
    "$AIE2SIM" run --arch paper-2x2 --workload tiny --sparsity 0.5 "$option" ""
done
expect_exit 2 "^aie2sim: error: -o: empty value$|^aie2sim: error: --output: empty value$" \
  "$AIE2SIM" compile --arch paper-2x2 --workload tiny -o ""

# estimate prices a program without running it, and says so (here one that deadlocks).
expect_exit 0 "^estimate: the program was validated, not executed; .aie2sim simulate. checks" \
  "$AIE2SIM" estimate --arch paper-2x2 --program deadlock.pb

finish
