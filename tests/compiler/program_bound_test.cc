// The work the bound reads from a compiled layer (sim/analytic/program_bound.h), worked by hand
// for small layers on a 2 x 2 paper mesh, and the bound of every shipped network never above
// what the analytic model gives the compiled program (the bound is a lower bound).
#include "sim/analytic/program_bound.h"

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/analytic/estimator.h"

namespace aie2sim::analytic {
namespace {

isa::Program Compile(const std::string& body, const arch::HardwareConfig& config) {
  const ir::Graph graph =
      frontend::ParseWorkloadYaml("version: 1\nname: bound\n" + body, "bound.yaml", 0);
  return driver::CompileGraph(graph, config, {});
}

TEST(ProgramBound, StridedOneByOneConv) {
  // 1 x 8 x 8 x 16 -> 1 x 4 x 4 x 32 by a 1x1 stride-2 conv: 4 x 4 x 32 x 16 = 8192 MACs; the
  // windows touch rows and columns 0, 2, 4, 6 only: 4 x 4 x 16 = 256 input bytes; dense weights
  // 32 x 16 = 512 bytes; 512 output bytes. Input and output are graph tensors, in DDR.
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  const isa::Program program = Compile(
      "inputs: [{name: x, shape: [1, 8, 8, 16]}]\n"
      "layers:\n  - {name: conv, op: Conv, inputs: [x], out_channels: 32, kernel: [1, 1],"
      " stride: [2, 2]}\n",
      config);
  ASSERT_EQ(program.layers_size(), 1);
  const BoundWork work = LayerWork(program.layers(0), config);
  EXPECT_DOUBLE_EQ(work.macs, 8192);
  EXPECT_DOUBLE_EQ(work.vector_ops, 0);
  EXPECT_DOUBLE_EQ(work.cores, 4);
  EXPECT_DOUBLE_EQ(work.core_in_bytes, 256 + 512);
  EXPECT_DOUBLE_EQ(work.core_out_bytes, 512);
  // DDR: the touched input (the tiling loads 7 rows x 6 columns, more than the cores need), the
  // weights and the output.
  EXPECT_DOUBLE_EQ(work.ddr_bytes, 256 + 512 + 512);
}

TEST(ProgramBound, AddCountsEveryInputAndConcatHasNoCoreWork) {
  // sum = a + b: 1 x 4 x 6 x 8 = 192 outputs, 2 x 192 input bytes, 192 element ops per input;
  // cat = [sum, a]: a Concat moves 192 + 192 bytes between memories, no core sees them.
  const arch::HardwareConfig config = test_support::PaperConfig(1, 2);
  const isa::Program program = Compile(
      "inputs: [{name: a, shape: [1, 4, 6, 8]}, {name: b, shape: [1, 4, 6, 8]}]\n"
      "layers:\n  - {name: sum, op: Add, inputs: [a, b]}\n"
      "  - {name: cat, op: Concat, inputs: [sum, a]}\n",
      config);
  ASSERT_EQ(program.layers_size(), 2);
  const BoundWork add = LayerWork(program.layers(0), config);
  EXPECT_DOUBLE_EQ(add.macs, 0);
  EXPECT_DOUBLE_EQ(add.vector_ops, 384);
  EXPECT_DOUBLE_EQ(add.core_in_bytes, 384);
  EXPECT_DOUBLE_EQ(add.core_out_bytes, 192);
  EXPECT_DOUBLE_EQ(add.cores, 2);
  EXPECT_DOUBLE_EQ(add.ddr_bytes,
                   192 + 192 + 192);  // a and b read, sum written (a Concat reads it)
  const BoundWork concat = LayerWork(program.layers(1), config);
  EXPECT_DOUBLE_EQ(concat.macs + concat.vector_ops + concat.core_in_bytes, 0);
  EXPECT_DOUBLE_EQ(concat.core_out_bytes, 0);
  // sum and a read from DDR, the output (a graph output) written there.
  EXPECT_DOUBLE_EQ(concat.ddr_bytes, 192 + 192 + 384);
}

TEST(ProgramBound, NeverAboveTheAnalyticModel) {
  for (const char* workload : {"resnet50", "inception_v3", "vgg16"}) {
    for (uint32_t mesh : {2u, 4u}) {
      const arch::HardwareConfig config = test_support::PaperConfig(mesh, mesh);
      const ir::Graph graph = frontend::LoadWorkload(workload, 0);
      const isa::Program program = driver::CompileGraph(graph, config, {});
      const ProgramEstimate estimate = Estimate(program, config, {true});
      const BoundRates rates = RatesOf(config);
      for (int i = 0; i < program.layers_size(); ++i) {
        const LayerBound bound = BoundLayer(LayerWork(program.layers(i), config), rates);
        const double analytic = ToSeconds(estimate.layers[i].total, config.clock_hz()).value;
        EXPECT_LE(bound.bound_s, analytic * (1 + 1e-9))
            << workload << " " << mesh << "x" << mesh << " " << program.layers(i).name() << " "
            << bound.resource;
        EXPECT_TRUE(bound.fits_memory) << program.layers(i).name();
      }
    }
  }
}

}  // namespace
}  // namespace aie2sim::analytic
