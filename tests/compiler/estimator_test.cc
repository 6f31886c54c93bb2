// The analytic estimator on compiled single-layer programs, against figures worked out by hand
// from the paper's model (PAPER.md §5): 4 B/cycle links and DDR channels, 256 MACs/cycle, 1 GHz.
// Each test's comment derives the tiling the compiler picks and then every group's time.
#include "sim/analytic/estimator.h"

#include <google/protobuf/text_format.h>
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

// Two cores of one pipeline (a weights broadcast joins them) with uneven tiles, in two groups
// (a barrier between them), on paper-1x2 (4 B/cycle, 256 MACs/cycle). Per iteration:
//   core A = core(0,0): activations 1200 B (300), weights 400 B (100, broadcast to both cores),
//                       compute 15360 MACs (60), store 400 B (100, last group only);
//   core B = core(0,1): activations 200 B (50), the same weights (100), compute 71680 MACs (280),
//                       store 800 B (200, last group only).
//   first (1 iteration, no store): A's chain max(300, 100) + 60 = 360; B's max(50, 100) + 280 =
//     380; the group 380. The pipeline's stage maxima would give 300 + 280 = 580: the core with
//     the slowest load is not the one with the slowest compute.
//   last (2 iterations): A's chain 300 + 60 + 100 + 1 * max(300, 60, 100) = 760; B's
//     100 + 280 + 200 + 1 * max(100, 280, 200) = 860 (by hand: B computes at 100-380 and
//     380-660, its second inputs in at 200, stores at 380-580 and 660-860); the group 860.
//     The pipeline's maxima would give 300 + 280 + 200 + 300 = 1080.
TEST(Estimator, UnevenCoresChainPerCore) {
  isa::Layer layer;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        name: "uneven"
        routes {
          id: 1
          source { tile: MEMTILE column: 0 kind: MM2S channel: 0 }
          destinations { tile: CORE column: 0 row: 0 kind: S2MM channel: 0 }
        }
        routes {
          id: 2
          source { tile: MEMTILE column: 1 kind: MM2S channel: 0 }
          destinations { tile: CORE column: 1 row: 0 kind: S2MM channel: 0 }
        }
        routes {
          id: 3
          source { tile: MEMTILE column: 0 kind: MM2S channel: 1 }
          destinations { tile: CORE column: 0 row: 0 kind: S2MM channel: 1 }
          destinations { tile: CORE column: 1 row: 0 kind: S2MM channel: 1 }
        }
        routes {
          id: 4
          source { tile: CORE column: 0 row: 0 kind: MM2S channel: 0 }
          destinations { tile: MEMTILE column: 0 kind: S2MM channel: 2 }
        }
        routes {
          id: 5
          source { tile: CORE column: 1 row: 0 kind: MM2S channel: 0 }
          destinations { tile: MEMTILE column: 1 kind: S2MM channel: 2 }
        }
      )pb",
      &layer));
  struct Piece {
    isa::TileKind tile;
    uint32_t column;
    isa::EngineKind kind;
    uint32_t channel;
    uint32_t route;   // 0: a compute
    uint64_t amount;  // bytes, or MACs
  };
  const auto add_group = [&layer](const std::string& name, uint32_t iterations,
                                  const std::vector<Piece>& pieces) {
    isa::Group* group = layer.add_groups();
    group->set_name(name);
    group->set_iterations(iterations);
    for (const Piece& piece : pieces) {
      isa::Stream* stream = group->add_streams();
      stream->mutable_engine()->set_tile(piece.tile);
      stream->mutable_engine()->set_column(piece.column);
      stream->mutable_engine()->set_kind(piece.kind);
      stream->mutable_engine()->set_channel(piece.channel);
      isa::Instruction* instruction = stream->add_instructions();
      if (piece.route == 0) {
        instruction->mutable_compute()->set_macs(piece.amount);
        instruction->mutable_compute()->set_density(1);
      } else {
        instruction->mutable_transfer()->set_route(piece.route);
        instruction->mutable_transfer()->set_bytes(piece.amount);
      }
    }
  };
  const std::vector<Piece> loads_and_computes = {
      {isa::MEMTILE, 0, isa::MM2S, 0, 1, 1200},   {isa::CORE, 0, isa::S2MM, 0, 1, 1200},
      {isa::MEMTILE, 1, isa::MM2S, 0, 2, 200},    {isa::CORE, 1, isa::S2MM, 0, 2, 200},
      {isa::MEMTILE, 0, isa::MM2S, 1, 3, 400},    {isa::CORE, 0, isa::S2MM, 1, 3, 400},
      {isa::CORE, 1, isa::S2MM, 1, 3, 400},       {isa::CORE, 0, isa::PROCESSOR, 0, 0, 15360},
      {isa::CORE, 1, isa::PROCESSOR, 0, 0, 71680}};
  std::vector<Piece> with_stores = loads_and_computes;
  with_stores.insert(with_stores.end(), {{isa::CORE, 0, isa::MM2S, 0, 4, 400},
                                         {isa::MEMTILE, 0, isa::S2MM, 2, 4, 400},
                                         {isa::CORE, 1, isa::MM2S, 0, 5, 800},
                                         {isa::MEMTILE, 1, isa::S2MM, 2, 5, 800}});
  add_group("first", 1, loads_and_computes);
  add_group("last", 2, with_stores);
  const arch::HardwareConfig config = test_support::PaperConfig(1, 2);
  const analytic::LayerEstimate filled = analytic::EstimateLayer(layer, config, {true});
  ASSERT_EQ(filled.groups.size(), 2u);
  ASSERT_EQ(filled.groups[0].pipelines.size(), 2u);  // a chain per core
  EXPECT_DOUBLE_EQ(filled.groups[0].load.count(), 300);
  EXPECT_DOUBLE_EQ(filled.groups[0].compute.count(), 280);
  EXPECT_DOUBLE_EQ(GroupCycles(filled, "first"), 380);
  EXPECT_DOUBLE_EQ(GroupCycles(filled, "last"), 860);
  EXPECT_DOUBLE_EQ(filled.total.count(), 380 + 860);
  // The paper's plain formula keeps the stage maxima: 300 + 280 and 2 * 300.
  const analytic::LayerEstimate paper = analytic::EstimateLayer(layer, config, {false});
  EXPECT_DOUBLE_EQ(GroupCycles(paper, "first"), 580);
  EXPECT_DOUBLE_EQ(GroupCycles(paper, "last"), 600);
}

}  // namespace
}  // namespace aie2sim
