// The cost tiler (compiler/costtile): its candidates fit the core, and on every layer of the
// shipped networks the price of the chosen candidate is the analytic estimate (with fill and
// drain) of the program the compiler then writes, within 0.1%.
#include "compiler/costtile/cost_tiler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "../unit/test_configs.h"
#include "compiler/codegen/compile.h"
#include "compiler/costtile/core_layouts.h"
#include "compiler/driver/driver.h"
#include "sim/analytic/estimator.h"

namespace aie2sim::costtile {
namespace {

struct Case {
  std::string workload;
  uint32_t rows, columns;
  double sparsity;
};

void ExpectPricesMatch(const Case& c) {
  SCOPED_TRACE(c.workload + " on " + std::to_string(c.rows) + "x" + std::to_string(c.columns) +
               " sparsity " + std::to_string(c.sparsity));
  const arch::HardwareConfig config = test_support::PaperConfig(c.rows, c.columns);
  driver::WorkloadInput input;
  input.workload = std::string(AIE2SIM_SOURCE_DIR) + "/workloads/" + c.workload + ".yaml";
  input.sparsity.ratio = c.sparsity;
  sparsity::SparsityRecord record;
  const ir::Graph graph = driver::LoadSparse(input, &record);
  schedule::MemtilePlan plan = driver::PlanMemory(graph, config, true);
  const std::vector<LayerChoice> choices = ChooseTilings(graph, config, &plan);
  const isa::Program program = codegen::EmitProgram(graph, config, plan, {});
  const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {true});
  std::map<std::string, double> by_name;
  for (const analytic::LayerEstimate& layer : estimate.layers) {
    by_name[layer.name] = layer.total.count();
  }
  ASSERT_FALSE(choices.empty());
  for (const LayerChoice& choice : choices) {
    const std::string& name = graph.nodes[choice.node].name;
    ASSERT_EQ(by_name.count(name), 1u) << name;
    EXPECT_NEAR(choice.price.count(), by_name[name], 1e-3 * by_name[name]) << name;
    EXPECT_LE(choice.price.count(), choice.fixed_price.count()) << name;
  }
}

TEST(CostTiler, PriceIsTheEstimateOfTheWrittenProgram) {
  for (const Case& c :
       {Case{"tiny", 2, 2, 0}, Case{"lenet5", 2, 2, 0}, Case{"alexnet_cifar", 4, 4, 0},
        Case{"resnet50", 4, 4, 0}, Case{"inception_v3", 4, 4, 0}, Case{"vgg16", 4, 4, 0},
        Case{"resnet50", 8, 8, 0.5}}) {
    ExpectPricesMatch(c);
  }
}

TEST(CostTiler, LayoutsFitTheCoreAndStartWithTheConfigs) {
  const arch::HardwareConfig config = test_support::PaperConfig(4, 4);
  for (ir::OpKind op : {ir::OpKind::kConv, ir::OpKind::kMaxPool}) {
    ir::Node node;
    node.op = op;
    node.conv.groups = 1;
    const std::vector<tiling::CoreLayout> layouts = CoreLayouts(node, config);
    ASSERT_GT(layouts.size(), 1u);
    EXPECT_EQ(layouts[0].buffers.weight_bytes, config.core.buffers.weight_bytes);
    EXPECT_FALSE(layouts[0].spread_weights);
    for (const tiling::CoreLayout& layout : layouts) {
      const arch::CoreBuffers& b = layout.buffers;
      EXPECT_LE(2 * b.input_bytes + 2 * b.output_bytes + b.weight_bytes + b.scratch_bytes,
                config.core.memory_bytes);
      EXPECT_EQ(b.scratch_bytes, config.core.buffers.scratch_bytes);
      if (op == ir::OpKind::kMaxPool && &layout != &layouts[0]) {
        EXPECT_EQ(b.weight_bytes, 0u);
      }
    }
  }
}

}  // namespace
}  // namespace aie2sim::costtile
