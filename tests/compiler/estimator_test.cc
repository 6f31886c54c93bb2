// The analytic estimator on compiled single-layer programs, against figures worked out by hand
// from the paper's model (PAPER.md §5): 4 B/cycle links and DDR channels, 256 MACs/cycle, 1 GHz.
// Each test's comment derives the tiling the compiler picks and then every group's time.
#include "sim/analytic/estimator.h"

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_yaml.h"

namespace aie2sim {
namespace {

// The figures below are worked out by hand for the fixed tiler's layout (core.buffers).
codegen::CompileOptions FixedTiling() {
  codegen::CompileOptions options;
  options.cost_tiling = false;
  return options;
}

analytic::LayerEstimate EstimateOne(const std::string& layer_yaml, const std::string& input_shape,
                                    uint32_t rows, uint32_t columns) {
  const std::string text = "version: 1\nname: t\ninputs:\n  - {name: x, shape: " + input_shape +
                           "}\nlayers:\n  - " + layer_yaml + "\n";
  const ir::Graph graph = frontend::ParseWorkloadYaml(text, "t.yaml", 0);
  const arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
  const isa::Program program = driver::CompileGraph(graph, config, FixedTiling());
  const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {});
  EXPECT_EQ(estimate.layers.size(), 1u);
  return estimate.layers.front();
}

double GroupCycles(const analytic::LayerEstimate& layer, const std::string& name) {
  for (const analytic::GroupEstimate& group : layer.groups) {
    if (group.name == name) return group.total.count();
  }
  ADD_FAILURE() << "no group " << name;
  return -1;
}

// 1x1 conv, 8x8x16 -> 8x8x32 on paper-1x1. One core takes everything: weights 32*16 = 512 B fit
// the 16 KiB weight buffer; 8 output rows of 8x32 = 2048 B fit the 8 KiB output buffer: one block.
//   load:    input 1024 B on shim channel 0 (256) || weights 512 B on channel 1 (128)  = 256
//   weights: 512 B memtile -> core                                                    = 128
//   body:    1 iteration: load 1024/4 = 256 + compute 8*8*32*16/256 = 128 + store 2048/4 = 512
//                                                                                     = 896
//   store:   2048 B over two shim channels, 1024 B each                               = 256
//   layer = 1536 cycles.
TEST(Estimator, OneByOneConv) {
  const analytic::LayerEstimate layer =
      EstimateOne("{name: c, op: Conv, inputs: [x], out_channels: 32}", "[1, 8, 8, 16]", 1, 1);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "load"), 256);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "weights"), 128);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "body"), 896);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "store"), 256);
  EXPECT_DOUBLE_EQ(layer.total.count(), 1536);
  EXPECT_DOUBLE_EQ(layer.compute.count(), 128);
}

// Padded 3x3 conv, 8x8x8 -> 8x8x16 on paper-2x2. Width over the 2 columns: output columns
// [0,4) and [4,8) read input columns [0,5) and [3,8) (5 each with the halo). Output channels
// over the 2 rows: 8 each; weights 8*9*8 = 576 B per row, held by memtile r.
//   load:    per column input 8 rows x 5 x 8 = 320 B (80) || weights 576 B (144)     = 144
//   weights: 576 B along each row                                                    = 144
//   body:    1 block of all 8 rows: load 320/4 = 80 + compute 8*4*8*9*8/256 = 72
//            + store 8*4*8/4 = 64                                                    = 216
//   store:   per column 8 rows x 4 x 16 = 512 B over two channels                    = 64
//   layer = 568 cycles.
TEST(Estimator, PaddedThreeByThree) {
  const analytic::LayerEstimate layer = EstimateOne(
      "{name: c, op: Conv, inputs: [x], out_channels: 16, kernel: [3, 3], pads: [1, 1, 1, 1]}",
      "[1, 8, 8, 8]", 2, 2);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "load"), 144);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "weights"), 144);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "body"), 216);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "store"), 64);
  EXPECT_DOUBLE_EQ(layer.total.count(), 568);
}

// Strided 7x7 conv, 16x16x3 -> 8x8x8 (stride 2, pad 3) on paper-1x1, like a ResNet stem.
// Weights 8*49*3 = 1176 B; all 8 output rows read all 16 input rows (768 B): one block.
//   load:    input 768 B (192) || weights 1176 B (294)                                = 294
//   weights: 1176 B                                                                   = 294
//   body:    load 768/4 = 192 + compute 8*8*8*49*3/256 = 294 + store 512/4 = 128      = 614
//   store:   512 B over two channels                                                  = 64
//   layer = 1266 cycles.
TEST(Estimator, StridedSevenBySeven) {
  const analytic::LayerEstimate layer = EstimateOne(
      "{name: c, op: Conv, inputs: [x], out_channels: 8, kernel: [7, 7], stride: [2, 2], "
      "pads: [3, 3, 3, 3]}",
      "[1, 16, 16, 3]", 1, 1);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "load"), 294);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "weights"), 294);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "body"), 614);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "store"), 64);
  EXPECT_DOUBLE_EQ(layer.total.count(), 1266);
}

// Gemm 64 -> 32 on paper-2x2. One output column, so the 2 columns become 2 cout groups and the
// 32 outputs split over 4 cores (8 each, weights 8*64 = 512 B). Memtile g holds both rows'
// weights of group g and sends them one after the other on its one weight channel.
//   load:    input 64 B (16) || weights 2 x 512 B on one channel (256)               = 256
//   weights: 2 x 512 B on one memtile channel                                        = 256
//   body:    load 64/4 = 16 + compute 8*64/256 = 2 + store 8/4 = 2                    = 20
//   store:   16 B per column over two channels, 8 B each                              = 2
//   layer = 534 cycles.
TEST(Estimator, Gemm) {
  const analytic::LayerEstimate layer =
      EstimateOne("{name: fc, op: Gemm, inputs: [x], out_channels: 32}", "[1, 1, 1, 64]", 2, 2);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "load"), 256);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "weights"), 256);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "body"), 20);
  EXPECT_DOUBLE_EQ(GroupCycles(layer, "store"), 2);
  EXPECT_DOUBLE_EQ(layer.total.count(), 534);
}

// Pipelined groups: n iterations cost n * max(load, compute, store) in the paper's model and
// load + compute + store + (n - 1) * max with fill/drain. A 1x1 conv over 64 rows of 8x64
// channels on paper-1x1 cannot hold all rows in one 8 KiB buffer: 16 rows per block.
//   block: input 16 x 8 x 64 = 8192 B (2048), compute 16*8*64*64/256 = 2048,
//          output 16 x 8 x 64 = 8192 B (2048); 4 blocks = one body group of 4 iterations.
TEST(Estimator, PipelinedBody) {
  const std::string layer = "{name: c, op: Conv, inputs: [x], out_channels: 64}";
  const std::string text =
      "version: 1\nname: t\ninputs:\n  - {name: x, shape: [1, 64, 8, 64]}\n"
      "layers:\n  - " +
      layer + "\n";
  const ir::Graph graph = frontend::ParseWorkloadYaml(text, "t.yaml", 0);
  const arch::HardwareConfig config = test_support::PaperConfig(1, 1);
  const isa::Program program = driver::CompileGraph(graph, config, FixedTiling());
  const analytic::ProgramEstimate paper = analytic::Estimate(program, config, {false});
  const analytic::ProgramEstimate filled = analytic::Estimate(program, config, {true});
  const analytic::GroupEstimate* body = nullptr;
  for (const auto& group : paper.layers[0].groups) {
    if (group.kind == isa::GROUP_BODY) body = &group;
  }
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->iterations, 4u);
  EXPECT_DOUBLE_EQ(body->load.count(), 2048);
  EXPECT_DOUBLE_EQ(body->compute.count(), 2048);
  EXPECT_DOUBLE_EQ(body->store.count(), 2048);
  EXPECT_DOUBLE_EQ(body->total.count(), 4 * 2048);
  EXPECT_DOUBLE_EQ(filled.layers[0].total.count() - paper.layers[0].total.count(), 2 * 2048);
}

}  // namespace
}  // namespace aie2sim
