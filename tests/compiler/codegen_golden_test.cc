// Golden listings of compiled small layers: what the code generator emits for a padded 3x3 conv
// (head/body/tail over the padding rows, width over columns with halos), a Gemm spread over cout
// groups, an Add of two tensors, a Concat, and a Gemm whose input channels must be split.
// The layers are tiled by the fixed tiler (--tiling fixed), whose buffers the comments refer to.
// Regenerate after an intended change with AIE2SIM_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include "../unit/golden.h"
#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/isa/listing.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

std::string Listing(const std::string& body, uint32_t rows, uint32_t columns) {
  const ir::Graph graph =
      frontend::ParseWorkloadYaml("version: 1\nname: golden\n" + body, "golden.yaml", 0);
  const arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
  codegen::CompileOptions options;
  options.cost_tiling = false;  // the listings show the fixed tiler's layout (core.buffers)
  const isa::Program program = driver::CompileGraph(graph, config, options);
  EXPECT_TRUE(isa::ValidateProgram(program, config).empty());
  return isa::ListProgram(program);
}

std::string GoldenPath(const std::string& name) {
  return std::string(AIE2SIM_TEST_DATA_DIR) + "/codegen_" + name + ".golden";
}

TEST(CodegenGolden, PaddedConvWithHeadBodyTail) {
  // 96 rows of 17 x 16 input bytes do not fit one 8 KiB input buffer: blocks of 28 rows, the
  // first touching the top padding (head), two alike (body, 2 iterations), the last with the
  // bottom padding and the remainder (tail).
  test_support::ExpectMatchesGolden(
      Listing("inputs: [{name: x, shape: [1, 96, 32, 16]}]\n"
              "layers:\n  - {name: conv, op: Conv, inputs: [x], out_channels: 16, kernel: [3, 3],"
              " pads: [1, 1, 1, 1], activation: relu}\n",
              2, 2),
      GoldenPath("padded_conv_2x2"));
}

TEST(CodegenGolden, GemmOverCoutGroups) {
  test_support::ExpectMatchesGolden(
      Listing("inputs: [{name: x, shape: [2, 1, 1, 64]}]\n"
              "layers:\n  - {name: fc, op: Gemm, inputs: [x], out_channels: 40}\n",
              2, 2),
      GoldenPath("gemm_2x2"));
}

TEST(CodegenGolden, AddAndConcat) {
  test_support::ExpectMatchesGolden(
      Listing("inputs: [{name: a, shape: [1, 4, 6, 8]}, {name: b, shape: [1, 4, 6, 8]}]\n"
              "layers:\n  - {name: sum, op: Add, inputs: [a, b], activation: relu}\n"
              "  - {name: cat, op: Concat, inputs: [sum, a]}\n",
              1, 2),
      GoldenPath("add_concat_1x2"));
}

TEST(CodegenGolden, GemmWithInputChannelSplit) {
  // K = 20000: one output's weights (20000 B) exceed the 16 KiB weight buffer.
  test_support::ExpectMatchesGolden(
      Listing("inputs: [{name: x, shape: [1, 1, 1, 20000]}]\n"
              "layers:\n  - {name: fc, op: Gemm, inputs: [x], out_channels: 4}\n",
              1, 1),
      GoldenPath("gemm_cin_split_1x1"));
}

}  // namespace
}  // namespace aie2sim
