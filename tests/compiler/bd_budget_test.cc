// Groups that need more BDs than a tile has are split into consecutive groups that fit (issue 20):
// a memtile feeding 32 cores of a MaxPool, a shim loading one weight slice per core row, and
// the exit-2 refusal naming the key when one core's work alone exceeds core.dma.bds.
#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/ir/graph.h"
#include "sim/base/error.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

ir::Graph OneLayer(ir::OpKind op, ir::Shape in, int64_t out_channels) {
  ir::Graph graph;
  graph.name = "one";
  graph.tensors.push_back({"input", in});
  graph.inputs = {0};
  ir::Node node;
  node.name = "layer";
  node.op = op;
  node.inputs = {0};
  node.output = 1;
  node.conv.out_channels = out_channels;
  if (op == ir::OpKind::kMaxPool) {
    node.pool.window.kernel_h = node.pool.window.kernel_w = 3;
  }
  graph.nodes = {node};
  graph.tensors.push_back({"layer", {}});
  graph.outputs = {1};
  ir::InferShapes(graph, "test");
  return graph;
}

// Compiles, validates, and returns how many groups were split for the BDs.
int SplitGroups(const ir::Graph& graph, const arch::HardwareConfig& config) {
  const isa::Program program = driver::CompileGraph(graph, config, {});
  const std::vector<std::string> problems = isa::ValidateProgram(program, config);
  EXPECT_TRUE(problems.empty()) << problems.front();
  int split = 0;
  for (const isa::Layer& layer : program.layers()) {
    for (const isa::Group& group : layer.groups()) {
      split += group.name().find(".bd") != std::string::npos ? 1 : 0;
    }
  }
  return split;
}

TEST(BdBudget, TallColumnOfMaxPoolCoresSplitsTheMemtileGroup) {
  // 32 cores of one column each get their own channels: 64 memtile BDs > 48.
  const ir::Graph graph = OneLayer(ir::OpKind::kMaxPool, {1, 16, 16, 64}, 0);
  EXPECT_GT(SplitGroups(graph, test_support::PaperConfig(32, 1)), 0);
}

TEST(BdBudget, ManyWeightSlicesSplitTheShimLoad) {
  // A Gemm over 32 core rows of one column loads 32 weight slices through one shim (16 BDs).
  const ir::Graph graph = OneLayer(ir::OpKind::kGemm, {1, 1, 1, 512}, 256);
  EXPECT_GT(SplitGroups(graph, test_support::PaperConfig(32, 1)), 0);
}

TEST(BdBudget, FittingGroupsStayWhole) {
  const ir::Graph graph = OneLayer(ir::OpKind::kMaxPool, {1, 16, 16, 64}, 0);
  EXPECT_EQ(SplitGroups(graph, test_support::PaperConfig(4, 4)), 0);
}

TEST(BdBudget, OneCoreOverItsBdsIsRefusedNamingTheKey) {
  const ir::Graph graph = OneLayer(ir::OpKind::kMaxPool, {1, 16, 16, 64}, 0);
  arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  config.core.dma.bds = 1;
  try {
    driver::CompileGraph(graph, config, {});
    FAIL() << "compiled with one BD per core";
  } catch (const UserError& error) {
    EXPECT_NE(std::string(error.what()).find("config core.dma.bds = 1"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace aie2sim
