// The work the bound reads from a compiled layer (sim/analytic/program_bound.h), worked by hand
// for small layers on a 2 x 2 paper mesh and for shipped designs on npu1, the bound of every
// shipped network never above what the analytic model gives the compiled program (the bound is a
// lower bound), and a design's never above its placement bound (design_bound.h).
#include "sim/analytic/program_bound.h"

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/design/design_reader.h"
#include "compiler/design/lower_design.h"
#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/analytic/design_bound.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/config_loader.h"

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

arch::HardwareConfig Npu1() {
  return arch::LoadHardwareConfig(std::string(AIE2SIM_SOURCE_DIR) + "/configs/npu1.yaml", {});
}

isa::Program LowerShippedDesign(const std::string& name, const arch::HardwareConfig& config,
                                const std::map<std::string, std::string>& parameters = {}) {
  const design::Design design = design::LoadDesign(
      std::string(AIE2SIM_SOURCE_DIR) + "/workloads/designs/" + name + ".yaml", parameters);
  return design::LowerDesign(design, config, nullptr);
}

TEST(ProgramBound, VectorScalarMulDesignOverTheWholeArray) {
  // npu1 (1 GHz, 4 columns x 4 core rows): 4 calls of eltwise_i16 on 1024 int16 elements at 32
  // lanes = 128 cycles at peak, i.e. 4096 x 64 / 32 = 8192 ops at 64 vector ops per cycle; the
  // shim channels read 8192 + 4 bytes (vector, factor) and write 8192; no memtile; the core
  // sends its 8192 output bytes. int32 counts twice the elements of half as many: the same.
  const arch::HardwareConfig config = Npu1();
  for (const char* dtype : {"i16", "i32"}) {
    const isa::Program program =
        LowerShippedDesign("vector_scalar_mul", config, {{"dtype", dtype}});
    ASSERT_EQ(program.layers_size(), 1);
    const BoundWork work = LayerWork(program.layers(0), config);
    EXPECT_DOUBLE_EQ(work.macs, 0) << dtype;
    EXPECT_DOUBLE_EQ(work.vector_ops, 8192) << dtype;
    EXPECT_DOUBLE_EQ(work.cores, 16) << dtype;
    EXPECT_DOUBLE_EQ(work.ddr_bytes, 8196 + 8192) << dtype;
    EXPECT_DOUBLE_EQ(work.core_in_bytes, 0) << dtype;
    EXPECT_DOUBLE_EQ(work.core_out_bytes, 8192) << dtype;
    // All 16 shim channels at 4 B/ns: 16388 / 64 = 256.0625 ns; compute 8192 / (16 x 64) = 8 ns;
    // core links 8192 / (16 cores x 2 channels x 4 B/ns) = 64 ns.
    const LayerBound bound = BoundLayer(work, RatesOf(config));
    EXPECT_NEAR(bound.ddr_s, 256.0625e-9, 1e-18) << dtype;
    EXPECT_NEAR(bound.compute_s, 8e-9, 1e-18) << dtype;
    EXPECT_NEAR(bound.core_links_s, 64e-9, 1e-18) << dtype;
    EXPECT_EQ(bound.column_links_s, 0) << dtype;
    EXPECT_EQ(bound.resource, "ddr") << dtype;
    // The placement streams the 8192-byte vector through one shim channel: 2048 ns.
    EXPECT_NEAR(BoundDesign(program, config)[0].seconds, 2048e-9, 1e-18) << dtype;
  }
}

TEST(ProgramBound, DesignKernelClassesAtTheirOwnPeak) {
  // single_core, 512^3 int16 in 32^3 tiles: 512^3 int16 MACs at 64 per cycle count as four int8
  // MACs each (npu1: 256 int8 MACs per cycle); its C tiles' zeroing copies 256 tiles x 4096
  // bytes at 64 int8 lanes = 64 vector ops per cycle, one op a byte. Over 16 cores:
  // (2^27 / 64 + 2^20 / 64) / 16 = 132096 cycles.
  const arch::HardwareConfig config = Npu1();
  const BoundWork work = LayerWork(LowerShippedDesign("single_core", config).layers(0), config);
  EXPECT_DOUBLE_EQ(work.macs, 512.0 * 512 * 512 * 4);
  EXPECT_DOUBLE_EQ(work.vector_ops, 256.0 * 4096);
  EXPECT_NEAR(BoundLayer(work, RatesOf(config)).compute_s, 132096e-9, 1e-15);
}

TEST(ProgramBound, DesignNeverAboveItsPlacementBound) {
  const arch::HardwareConfig config = Npu1();
  for (const char* name :
       {"passthrough", "vector_scalar_mul", "single_core", "whole_array", "conv2d"}) {
    const isa::Program program = LowerShippedDesign(name, config);
    const LayerBound bound = BoundLayer(LayerWork(program.layers(0), config), RatesOf(config));
    const DesignBound placed = BoundDesign(program, config)[0];
    EXPECT_GT(bound.bound_s, 0) << name;
    EXPECT_LE(bound.bound_s, placed.seconds * (1 + 1e-12)) << name << " " << bound.resource;
  }
}

}  // namespace
}  // namespace aie2sim::analytic
