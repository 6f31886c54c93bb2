#!/usr/bin/env bash
# One-command setup on a fresh Debian 12 machine: installs exactly the Debian packages aie2sim
# needs (idempotent; needs root or sudo), then configures and builds Release into build/.
#   scripts/setup.sh            install + build
#   scripts/setup.sh --no-install   build only
#   scripts/setup.sh --training     also install what scripts/train-block-sparse needs: PyTorch
#                                   for the CPU (about 230 MB with its dependencies; not
#                                   torchvision) and the Fashion-MNIST IDX files
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
training=0
for argument in "$@"; do
  case $argument in
    --no-install) install=0 ;;
    --training) training=1 ;;
    *) echo "setup: unknown option $argument (expected --no-install or --training)" >&2; exit 2 ;;
  esac
done

PACKAGES=(
  build-essential cmake pkg-config git
  libsystemc-dev                       # the discrete-event kernel (pkg-config systemc)
  libboost-program-options-dev         # command line
  libyaml-cpp-dev                      # configs and workloads
  protobuf-compiler libprotobuf-dev    # the Program format (protoc runs at build time)
  libonnx-dev                          # ONNX protobuf bindings (CMake package ONNX)
  nlohmann-json3-dev                   # JSON reports and traces
  libgtest-dev libgmock-dev            # tests
  python3-jsonschema                   # tests: reports checked against their JSON schema
  parallel                             # scripts/sweep runs its cells with GNU parallel
  python3-matplotlib                   # scripts/plot and the sweep's PNG plots
  libbenchmark-dev                     # tests/bench (Google Benchmark), run by scripts/bench
  libopenblas-dev libeigen3-dev        # scripts/bench-sparse-gemm: the dense and sparse baselines
  clang libclang-rt-14-dev             # .ci/run: ASan/UBSan build and libFuzzer (tests/fuzz)
  llvm                                 # llvm-symbolizer: file:line in sanitizer reports
  chromium fonts-dejavu-core           # tests/e2e/html_report_test.sh: the HTML reports, headless
  python3-pil                          # ... and its screenshot's pixels
)
TRAINING_PACKAGES=(
  python3-torch                        # scripts/train-block-sparse (PyTorch 1.13, CPU)
  python3-yaml                         # ... reads the sparsity-spec YAML
  dataset-fashion-mnist                # ... its data: /usr/share/datasets/fashion-mnist/*.gz
)
((training)) && PACKAGES+=("${TRAINING_PACKAGES[@]}")

if ((install)); then
  missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
echo "setup: built build/aie2sim" >&2
