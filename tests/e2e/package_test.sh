#!/usr/bin/env bash
# ctest-labels: package
# `cpack -G DEB` and the package it makes (label package: about a minute, run by .ci/run):
#  - the file list: the binary, aie2sim-sweep/-plot, presets, shipped workloads, scripts, schema,
#    README, all under /usr;
#  - the dependencies: the run-time library packages (from dpkg-shlibdeps) and the scripts' tools;
#  - the unpacked package runs from outside the source tree (binary, presets and workloads found
#    relative to the binary).
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
BUILD=$(dirname "$AIE2SIM")

check "cpack -G DEB" cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/pkg"
DEB=$(ls "$WORK"/pkg/aie2sim_*_amd64.deb 2>/dev/null | head -1)
check "a .deb was written" test -s "$DEB"
dpkg-deb -c "$DEB" | awk '{print $6}' >"$WORK/files.txt"
echo "package files:"; sed 's/^/    /' "$WORK/files.txt" | grep -v '/$' | head -60
for file in ./usr/bin/aie2sim ./usr/bin/aie2sim-sweep ./usr/bin/aie2sim-plot \
            ./usr/share/aie2sim/configs/paper-4x4.yaml ./usr/share/aie2sim/configs/npu1.yaml \
            ./usr/share/aie2sim/workloads/resnet50.yaml ./usr/share/aie2sim/scripts/sweep \
            ./usr/share/aie2sim/scripts/sweep_lib/run_cell.py \
            ./usr/share/aie2sim/report.schema.json ./usr/share/doc/aie2sim/README.md; do
  check "packaged: $file" grep -qx -- "$file" "$WORK/files.txt"
done
check "nothing outside /usr" bash -c "! grep -v '^\./usr' '$WORK/files.txt' | grep -qv '^\./$'"
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
echo "Depends: $DEPENDS"
for package in libsystemc libprotobuf32 libyaml-cpp0.7 libonnx1 libboost-program-options \
               libstdc++6 python3 python3-matplotlib parallel; do
  check "depends on $package" grep -q "$package" <<<"$DEPENDS"
done
check "no -dev package among the dependencies" bash -c "! grep -q -- '-dev' <<<'$DEPENDS'"

check "dpkg-deb -x" dpkg-deb -x "$DEB" "$WORK/root"
mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere" || exit 1
check "the unpacked binary runs tiny on paper-2x2 by names" \
  "$WORK/root/usr/bin/aie2sim" run --arch paper-2x2 --workload tiny
finish
