// The sparsity pass's per-layer files: ratio specs (--sparsity-spec) and user masks
// (--mask-file), their exact error messages, the pass driven by them, and the shipped examples.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "compiler/frontend/workload_loader.h"
#include "compiler/frontend/workload_yaml.h"
#include "compiler/sparsity/mask_file.h"
#include "compiler/sparsity/sparsity.h"
#include "compiler/sparsity/sparsity_spec.h"
#include "sim/base/error.h"

namespace aie2sim::sparsity {
namespace {

// Grids at 8x8 (rows x cols): conv1 32 -> 32 (3x3) 4 x 4; pool; conv2 32 -> 20 3 x 4; dw
// depthwise (dense); grp 20 -> 16 in 2 groups of 8 outputs x 10 inputs, 1 x 2 each.
constexpr const char* kWorkload = R"(version: 1
name: net
inputs:
  - name: image
    shape: [1, 8, 8, 32]
layers:
  - {name: conv1, op: Conv, inputs: [image], out_channels: 32, kernel: [3, 3], pads: [1, 1, 1, 1]}
  - {name: pool, op: MaxPool, inputs: [conv1], kernel: [2, 2]}
  - {name: conv2, op: Conv, inputs: [pool], out_channels: 20}
  - {name: dw, op: Conv, inputs: [conv2], out_channels: 20, groups: 20, kernel: [3, 3], pads: [1, 1, 1, 1]}
  - {name: grp, op: Conv, inputs: [dw], out_channels: 16, groups: 2}
)";

ir::Graph Net() { return frontend::ParseWorkloadYaml(kWorkload, "net.yaml", 0); }

std::string SpecError(const std::string& text) {
  try {
    ParseSparsitySpec(text, "s.yaml", Net());
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

std::string MaskError(const std::string& text) {
  try {
    ParseMaskFile(text, "m.yaml", Net());
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

// Writes `text` to a file in the test's temporary directory and returns its path.
std::string TempFile(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::vector<std::string> Rows(const ir::BlockMask& mask) {
  std::vector<std::string> rows;
  for (int64_t r = 0; r < mask.groups * mask.grid_rows; ++r) {
    std::string row;
    for (int64_t c = 0; c < mask.grid_cols; ++c)
      row += mask.kept.at(r * mask.grid_cols + c) ? '1' : '0';
    rows.push_back(row);
  }
  return rows;
}

TEST(SparsitySpec, Parses) {
  const SparsitySpec spec = ParseSparsitySpec(
      "version: 1\ndefault: 0.25\nlayers:\n  conv2: 0.5\n  grp: 1\n", "s.yaml", Net());
  ASSERT_TRUE(spec.default_ratio.has_value());
  EXPECT_DOUBLE_EQ(*spec.default_ratio, 0.25);
  EXPECT_EQ(spec.layers.size(), 2u);
  EXPECT_DOUBLE_EQ(spec.layers.at("conv2"), 0.5);
  EXPECT_DOUBLE_EQ(spec.layers.at("grp"), 1.0);
  EXPECT_FALSE(ParseSparsitySpec("version: 1\nlayers: {}\n", "s.yaml", Net()).default_ratio);
}

TEST(SparsitySpec, Errors) {
  EXPECT_EQ(SpecError("version: 1\nlayers:\n  conv9: 0.5\n"),
            "s.yaml:3: layers.conv9: no layer of that name in workload net");
  EXPECT_EQ(SpecError("version: 1\nlayers:\n  conv2: 0.5\n  pool: 0.5\n"),
            "s.yaml:4: layers.pool: is a MaxPool, not a Conv or Gemm layer");
  EXPECT_EQ(SpecError("version: 1\nlayers:\n  conv2: 0.5\n  conv2: 0.7\n"),
            "s.yaml:4: layers.conv2: duplicate key");
  EXPECT_EQ(SpecError("version: 1\nlayers:\n  conv2: 1.5\n"),
            "s.yaml:3: layers.conv2: expected a ratio in [0, 1], got \"1.5\"");
  EXPECT_EQ(SpecError("version: 1\nlayers:\n  conv2: 50%\n"),
            "s.yaml:3: layers.conv2: expected a ratio in [0, 1], got \"50%\"");
  EXPECT_EQ(SpecError("version: 1\ndefault: -0.1\nlayers: {}\n"),
            "s.yaml:2: default: expected a ratio in [0, 1], got \"-0.1\"");
  EXPECT_EQ(SpecError("version: 1\ndefualt: 0.5\nlayers: {}\n"), "s.yaml:2: defualt: unknown key");
  EXPECT_EQ(SpecError("layers: {}\n"), "s.yaml:1: version: missing required key");
  EXPECT_EQ(SpecError("version: 2\nlayers: {}\n"), "s.yaml:1: version: 2 is out of range [1, 1]");
  EXPECT_EQ(SpecError("version: 1\nlayers: [conv2]\n"),
            "s.yaml:2: layers: expected a map of layer names");
}

TEST(SparsitySpec, DrivesThePass) {
  ir::Graph graph = Net();
  SparsityOptions options;
  options.ratio = 0.5;  // conv1 is first (dense) and not named; grp falls back to the default
  options.spec_path = TempFile("spec.yaml", "version: 1\nlayers:\n  conv2: 0.25\n  dw: 0.9\n");
  SparsityRecord record = ApplySparsity(graph, options);
  EXPECT_EQ(record.importance, "random");
  EXPECT_DOUBLE_EQ(record.ratio, 0.5);
  EXPECT_TRUE(graph.nodes[0].mask.dense());
  EXPECT_EQ(record.layers[0].dense_reason, "first layer");
  EXPECT_EQ(graph.nodes[2].sparsity.blocks_total, 12);  // conv2: 3 x 4
  EXPECT_EQ(graph.nodes[2].sparsity.blocks_kept, 9);    // 0.25 x 12 = 3 zero
  EXPECT_EQ(record.layers[2].dense_reason, "depthwise");
  EXPECT_EQ(graph.nodes[4].sparsity.blocks_total, 4);  // grp: 2 groups x 1 x 2
  EXPECT_EQ(graph.nodes[4].sparsity.blocks_kept, 2);   // global 0.5

  // The spec's default replaces the global ratio; naming the first layer makes it sparse.
  graph = Net();
  options.spec_path =
      TempFile("spec2.yaml", "version: 1\ndefault: 1.0\nlayers:\n  conv1: 0.5\n  conv2: 0\n");
  record = ApplySparsity(graph, options);
  EXPECT_DOUBLE_EQ(record.ratio, 1.0);
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_total, 16);  // conv1: 4 x 4
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_kept, 8);
  EXPECT_TRUE(graph.nodes[2].mask.dense());
  EXPECT_EQ(graph.nodes[4].sparsity.blocks_kept, 0);

  options.spec_path = testing::TempDir() + "/missing-spec.yaml";
  try {
    ApplySparsity(graph, options);
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_EQ(std::string(error.what()), options.spec_path + ": cannot open file");
  }
}

constexpr const char* kMasks = R"(version: 1
block: 8x8
layers:
  conv2:
    - "1010"
    - "0101"
    - "1111"
  grp: ["10", "01"]
)";

TEST(MaskFile, Parses) {
  const MaskFile file = ParseMaskFile(kMasks, "m.yaml", Net());
  EXPECT_EQ(file.block.h, 8);
  ASSERT_EQ(file.masks.size(), 2u);
  const ir::BlockMask& conv2 = file.masks.at("conv2");
  EXPECT_EQ(conv2.grid_rows, 3);
  EXPECT_EQ(conv2.grid_cols, 4);
  EXPECT_EQ(Rows(conv2), (std::vector<std::string>{"1010", "0101", "1111"}));
  const ir::BlockMask& grp = file.masks.at("grp");
  EXPECT_EQ(grp.groups, 2);
  EXPECT_EQ(Rows(grp), (std::vector<std::string>{"10", "01"}));
  // Unquoted rows and other block sizes; an all-kept mask is dense.
  const MaskFile wide =
      ParseMaskFile("version: 1\nblock: 16x4\nlayers:\n  grp: [111, 111]\n", "m.yaml", Net());
  EXPECT_TRUE(wide.masks.at("grp").dense());
  EXPECT_EQ(wide.masks.at("grp").grid_cols, 3);  // 10 inputs per group by 4
  EXPECT_EQ(wide.block.w, 4);
}

TEST(MaskFile, Errors) {
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  conv2: [\"1010\", \"0101\"]\n"),
            "m.yaml:4: layers.conv2: expected 3 block rows, got 2 (the grid is 3 x 4 blocks of "
            "8x8)");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  conv2:\n    - \"1010\"\n    - \"010\"\n"
                      "    - \"1111\"\n"),
            "m.yaml:6: layers.conv2[1]: expected 4 block columns, got 3 (the grid is 3 x 4 blocks "
            "of 8x8)");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  grp: [\"10\"]\n"),
            "m.yaml:4: layers.grp: expected 2 block rows, got 1 (the grid is 2 groups x 1 x 2 "
            "blocks of 8x8)");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  grp: [\"10\", \"x1\"]\n"),
            "m.yaml:4: layers.grp[1]: expected only 0 and 1, got \"x1\"");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  dw: [\"1\"]\n"),
            "m.yaml:4: layers.dw: depthwise convolutions stay dense and take no mask");
  EXPECT_EQ(MaskError("version: 1\nblock: 8*8\nlayers: {}\n"),
            "m.yaml:2: block: expected BHxBW (output x input channels per block, e.g. 8x8), got "
            "\"8*8\"");
  EXPECT_EQ(MaskError("version: 1\nlayers: {}\n"), "m.yaml:1: block: missing required key");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  image: [\"1\"]\n"),
            "m.yaml:4: layers.image: no layer of that name in workload net");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nlayers:\n  conv2: \"1010\"\n"),
            "m.yaml:4: layers.conv2: expected a list of block rows (strings of 0 and 1)");
  EXPECT_EQ(MaskError("version: 1\nblock: 8x8\nmasks: {}\nlayers: {}\n"),
            "m.yaml:3: masks: unknown key");
}

TEST(MaskFile, DrivesThePass) {
  ir::Graph graph = Net();
  for (ir::Node& node : graph.nodes) {
    if (!ir::HasWeights(node.op)) continue;
    const int64_t in = graph.InputShape(node).c / node.conv.groups;
    node.weights.emplace();
    node.weights->values.assign(
        node.conv.out_channels * node.conv.window.kernel_h * node.conv.window.kernel_w * in, 1.0f);
  }
  SparsityOptions options;
  options.block_h = 4;  // replaced by the file's block
  options.mask_path = TempFile("masks.yaml", kMasks);
  const SparsityRecord record = ApplySparsity(graph, options);
  EXPECT_EQ(record.importance, "mask-file");
  EXPECT_EQ(record.block, "8x8");
  EXPECT_TRUE(graph.nodes[0].mask.dense());
  EXPECT_EQ(record.layers[0].dense_reason, "not in mask file");
  EXPECT_EQ(Rows(graph.nodes[2].mask), (std::vector<std::string>{"1010", "0101", "1111"}));
  EXPECT_EQ(Rows(graph.nodes[4].mask), (std::vector<std::string>{"10", "01"}));
  // conv2 weights: output 0, input 8 lies in block (0, 1), zeroed; input 0 in (0, 0), kept.
  EXPECT_EQ(graph.nodes[2].weights->values[8], 0.0f);
  EXPECT_EQ(graph.nodes[2].weights->values[0], 1.0f);
  // grp: group 0's block (0, 1) covers inputs 8..9 of outputs 0..7.
  EXPECT_EQ(graph.nodes[4].weights->values[9], 0.0f);
  EXPECT_EQ(graph.nodes[4].weights->values[7], 1.0f);
  // conv2 keeps 2 + 2 + 4 blocks of its 3 x 4 grid: rows 8, 8, 4 outputs x 8 inputs each.
  EXPECT_DOUBLE_EQ(graph.nodes[2].sparsity.density, (8 * 16 + 8 * 16 + 4 * 32) / (20.0 * 32));
  // The record's ratio: zero share of all weight elements.
  const double dense = 32 * 9 * 32 + 20 * 32 + 20 * 9 + 16 * 10;
  const double zero = (8 * 16 + 8 * 16) + (8 * 2 + 8 * 8);
  EXPECT_DOUBLE_EQ(record.ratio, zero / dense);
}

TEST(ShippedExamples, ParseAgainstTiny) {
  const std::string root = AIE2SIM_SOURCE_DIR;
  const ir::Graph tiny = frontend::LoadWorkload(root + "/workloads/tiny.yaml", 0);
  const SparsitySpec spec = LoadSparsitySpec(root + "/workloads/sparsity/tiny-spec.yaml", tiny);
  EXPECT_DOUBLE_EQ(spec.layers.at("conv2"), 0.75);
  const MaskFile masks = LoadMaskFile(root + "/workloads/sparsity/tiny-mask.yaml", tiny);
  EXPECT_EQ(Rows(masks.masks.at("conv2")), (std::vector<std::string>{"10", "01", "11", "00"}));

  ir::Graph graph = tiny;
  SparsityOptions options;
  options.spec_path = root + "/workloads/sparsity/tiny-spec.yaml";
  ApplySparsity(graph, options);
  EXPECT_EQ(graph.nodes[1].sparsity.blocks_total, 8);
  EXPECT_EQ(graph.nodes[1].sparsity.blocks_kept, 2);
}

}  // namespace
}  // namespace aie2sim::sparsity
