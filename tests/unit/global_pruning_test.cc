// --global: unstructured magnitude pruning across layers (global_selection.h, sparsity.h).
#include <gtest/gtest.h>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/sparsity/global_selection.h"
#include "compiler/sparsity/sparsity.h"
#include "sim/base/error.h"

namespace aie2sim::sparsity {
namespace {

TEST(GlobalSelection, RanksAcrossLayersTiesByLayerThenItem) {
  const auto kept = SelectKeptGlobally({{0.5, 0.1, 0.3}, {0.3, 0.05}}, 3);
  EXPECT_EQ(kept[0], (std::vector<uint8_t>{1, 0, 0}));  // 0.05, 0.1, then the first 0.3
  EXPECT_EQ(kept[1], (std::vector<uint8_t>{1, 0}));
}

// Two Gemms, 8 and 4 weights; 50% global zeroes the 6 smallest |w| of the 12, wherever they are:
// a keeps 3 of its 8, b 3 of its 4: by magnitude, not by layer.
TEST(GlobalPruning, ZeroesTheSmallestWeightsOfTheWholeNetwork) {
  ir::Graph graph = frontend::ParseWorkloadYaml(R"(version: 1
name: t
inputs: [{name: x, shape: [1, 1, 1, 4]}]
layers:
  - {name: a, op: Gemm, inputs: [x], out_channels: 2, bias: false}
  - {name: b, op: Gemm, inputs: [a], out_channels: 2, bias: false}
)",
                                                "t.yaml", 0);
  graph.nodes[0].weights =
      ir::WeightData{{0.1f, -0.2f, 0.3f, -0.4f, 0.05f, 0.6f, -0.01f, 0.7f}, {}};
  graph.nodes[1].weights = ir::WeightData{{-0.9f, 0.02f, 0.8f, -0.5f}, {}};
  SparsityOptions options;
  options.ratio = 0.5;
  options.block_h = options.block_w = 1;
  options.first_dense = false;
  options.global = true;
  const SparsityRecord record = ApplySparsity(graph, options);
  // Smallest six: 0.01, 0.02, 0.05, 0.1, 0.2, 0.3.
  EXPECT_EQ(graph.nodes[0].weights->values, (std::vector<float>{0, 0, 0, -0.4f, 0, 0.6f, 0, 0.7f}));
  EXPECT_EQ(graph.nodes[1].weights->values, (std::vector<float>{-0.9f, 0, 0.8f, -0.5f}));
  EXPECT_DOUBLE_EQ(record.layers[0].ratio, 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(record.layers[1].ratio, 1.0 / 4.0);
  EXPECT_EQ(record.importance, "global-magnitude");
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_kept, 3);  // 1x1 blocks of a Gemm are single weights
}

TEST(GlobalPruning, RejectsRankingsOtherThanMagnitude) {
  SparsityOptions options;
  options.ratio = 0.5;
  options.global = true;
  options.importance = Importance::kRandom;
  EXPECT_THROW(ValidateOptions(options), UserError);
  options.importance = Importance::kL1;
  options.keep_lines = true;
  EXPECT_THROW(ValidateOptions(options), UserError);
}

}  // namespace
}  // namespace aie2sim::sparsity
