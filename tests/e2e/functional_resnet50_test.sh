#!/usr/bin/env bash
# ctest-labels: long
# ResNet50 on paper-4x4, dense, run functionally: every one of its layers bit-exact against the
# reference executor with at least 20% non-degenerate values. Long (about a minute): excluded
# from the README's quick test command, run by .ci/run's long-test stage.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"

start=$SECONDS
expect_exit 0 "functional: [0-9]+ layers bit-exact" \
  "$AIE2SIM" run --arch paper-4x4 --workload resnet50 --functional --json "$WORK/r.json"
echo "functional ResNet50 on paper-4x4: $((SECONDS - start)) s wall"
check "all layers checked, >= 20% non-degenerate in each" /usr/bin/python3 -c "
import json; r=json.load(open('$WORK/r.json')); f=r['functional']
print('layers', f['layers_checked'], 'values', f['values_checked'], 'min share',
      f['min_nondegenerate_share'], 'in', f['min_nondegenerate_layer'])
assert f['bit_exact'] and f['layers_checked'] == len(r['layers'])
assert f['min_nondegenerate_share'] >= 0.2"
cat "$WORK/check.out"
finish
