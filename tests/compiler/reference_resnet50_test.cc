// The int8 reference at full scale: ResNet50 (4.1 GMACs), dense and 50% 8x8 block-sparse, is
// quantised and run, and every tensor stays meaningful for a bit-exact comparison (a high share
// of values neither 0 nor saturated). Prints the wall times for information only: speed is
// checked by scripts/bench, not by a timed test.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "compiler/frontend/workload_loader.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/reference/reference_executor.h"
#include "compiler/sparsity/sparsity.h"

namespace aie2sim::reference {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void RunResnet50(double sparsity_ratio) {
#ifdef AIE2SIM_CHECK_INVARIANTS
  GTEST_SKIP() << "full-scale run only in optimised builds (Debug / sanitizer build)";
#endif
  ir::Graph graph =
      frontend::LoadWorkload(std::string(AIE2SIM_SOURCE_DIR) + "/workloads/resnet50.yaml", 0);
  sparsity::SparsityOptions options;
  options.ratio = sparsity_ratio;
  sparsity::ApplySparsity(graph, options);
  const NetworkInput input = RandomInput(graph, 1);

  const auto start = std::chrono::steady_clock::now();
  const QuantizedNetwork q = QuantizeNetwork(graph, input, 1);
  const double quantize_s = Seconds(start);
  const auto run_start = std::chrono::steady_clock::now();
  const std::vector<std::vector<int8_t>> tensors = RunReference(graph, q, input);
  const double reference_s = Seconds(run_start);

  double min_share = 1.0;
  std::string min_tensor;
  for (size_t t = 0; t < tensors.size(); ++t) {
    const double share = NondegenerateShare(tensors[t]);
    if (share < min_share) {
      min_share = share;
      min_tensor = graph.tensors[t].name;
    }
  }
  std::printf(
      "[ timing   ] resnet50 sparsity %.2f: QuantizeNetwork %.2f s, RunReference %.2f s; "
      "min non-degenerate share %.3f (%s)\n",
      sparsity_ratio, quantize_s, reference_s, min_share, min_tensor.c_str());
  EXPECT_GE(min_share, 0.2) << min_tensor;
}

TEST(ReferenceResnet50, DenseIsNondegenerate) { RunResnet50(0.0); }

TEST(ReferenceResnet50, SparseIsNondegenerate) { RunResnet50(0.5); }

}  // namespace
}  // namespace aie2sim::reference
