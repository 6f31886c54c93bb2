// The block-sparsity pass: exact ratios, determinism, importance ordering on hand-made weights,
// `existing`, first layer and depthwise dense, grouped grids, partial edge blocks, block shapes,
// keep_lines, options and their errors. Spec and mask files: sparsity_files_test.cc.
#include "compiler/sparsity/sparsity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/block_importance.h"
#include "sim/base/error.h"

namespace aie2sim::sparsity {
namespace {

struct LayerSpec {
  std::string name;
  int64_t out_channels;
  int64_t kernel = 1;  // square, padded to keep the spatial size
  int64_t groups = 1;
  ir::OpKind op = ir::OpKind::kConv;
};

// A chain of layers over a 1 x hw x hw x in_channels input (Gemm layers need hw == 1).
ir::Graph Chain(int64_t in_channels, const std::vector<LayerSpec>& layers, int64_t hw = 4) {
  ir::Graph graph;
  graph.name = "t";
  graph.tensors.push_back({"in", ir::Shape{1, hw, hw, in_channels}});
  graph.inputs = {0};
  for (const LayerSpec& spec : layers) {
    ir::Node node;
    node.name = spec.name;
    node.op = spec.op;
    node.inputs = {static_cast<int>(graph.tensors.size()) - 1};
    node.conv.out_channels = spec.out_channels;
    node.conv.groups = spec.groups;
    node.conv.window.kernel_h = node.conv.window.kernel_w = spec.kernel;
    const int64_t pad = spec.kernel / 2;
    node.conv.window.pad_top = node.conv.window.pad_left = pad;
    node.conv.window.pad_bottom = node.conv.window.pad_right = pad;
    graph.tensors.push_back({spec.name, ir::Shape{}});
    node.output = static_cast<int>(graph.tensors.size()) - 1;
    graph.nodes.push_back(node);
  }
  graph.outputs = {static_cast<int>(graph.tensors.size()) - 1};
  ir::InferShapes(graph, "test");
  return graph;
}

// Sets node `index`'s weights to value(out_channel, kernel_position, input_channel_of_group).
void SetWeights(ir::Graph& graph, size_t index,
                const std::function<float(int64_t, int64_t, int64_t)>& value) {
  ir::Node& node = graph.nodes.at(index);
  const WeightShape shape = WeightShapeOf(graph, node);
  node.weights.emplace();
  for (int64_t o = 0; o < shape.out_channels; ++o) {
    for (int64_t k = 0; k < shape.kernel_elems; ++k) {
      for (int64_t i = 0; i < shape.in_per_group; ++i)
        node.weights->values.push_back(value(o, k, i));
    }
  }
}

// Deterministic non-zero pseudo-random weights in [-1, -0.01] U [0.01, 1].
float Noise(int64_t o, int64_t k, int64_t i) {
  const uint64_t h = (static_cast<uint64_t>(o) * 73856093u) ^
                     (static_cast<uint64_t>(k) * 19349663u) ^
                     (static_cast<uint64_t>(i) * 83492791u);
  const float magnitude = 0.01f + static_cast<float>(h % 991) / 1000.0f;
  return (h & 1024) ? magnitude : -magnitude;
}

int64_t ZeroBlocks(const ir::BlockMask& mask) {
  int64_t zero = 0;
  for (uint8_t k : mask.kept) zero += k == 0;
  return zero;
}

// "01" strings per block row of group 0, for readable expectations.
std::vector<std::string> Rows(const ir::BlockMask& mask) {
  std::vector<std::string> rows;
  for (int64_t r = 0; r < mask.groups * mask.grid_rows; ++r) {
    std::string row;
    for (int64_t c = 0; c < mask.grid_cols; ++c) {
      row += mask.kept.at(r * mask.grid_cols + c) ? '1' : '0';
    }
    rows.push_back(row);
  }
  return rows;
}

std::string ErrorOf(ir::Graph graph, const SparsityOptions& options) {
  try {
    ApplySparsity(graph, options);
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

SparsityOptions Ratio(double ratio, std::optional<Importance> importance = std::nullopt) {
  SparsityOptions options;
  options.ratio = ratio;
  options.importance = importance;
  return options;
}

TEST(SparsityOptions, BlockSizes) {
  EXPECT_EQ(ParseBlockSize("8x8").h, 8);
  EXPECT_EQ(ParseBlockSize("16x4").h, 16);
  EXPECT_EQ(ParseBlockSize("16x4").w, 4);
  EXPECT_EQ(ParseBlockSize("4x16").w, 16);
  EXPECT_EQ(ParseBlockSize("1x1").w, 1);
  EXPECT_EQ(BlockSizeName(16, 4), "16x4");
  for (const char* bad : {"8", "8by8", "0x8", "8x", "x8", "-1x8", "8x8x8", "65537x1", " 8x8"}) {
    EXPECT_FALSE(TryParseBlockSize(bad).has_value()) << bad;
  }
  try {
    ParseBlockSize("8by8");
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(),
                 "--block: expected BHxBW (output x input channels per block, each in [1, 65536], "
                 "e.g. 8x8), got \"8by8\"");
  }
}

TEST(SparsityOptions, ImportanceNames) {
  for (Importance importance : {Importance::kL1, Importance::kL2, Importance::kVariance,
                                Importance::kExisting, Importance::kRandom}) {
    EXPECT_EQ(ParseImportance(ImportanceName(importance)), importance);
  }
  EXPECT_STREQ(ImportanceName(Importance::kVariance), "variance");
  try {
    ParseImportance("L2");
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(),
                 "--importance: unknown importance \"L2\" (expected l1, l2, variance, existing or "
                 "random)");
  }
}

TEST(SparsityOptions, ContradictionsAreErrors) {
  const ir::Graph graph = Chain(8, {{"a", 8}});
  EXPECT_EQ(ErrorOf(graph, Ratio(1.5)), "--sparsity: 1.5 is out of range [0, 1]");
  SparsityOptions options;
  options.block_h = 0;
  EXPECT_EQ(ErrorOf(graph, options), "--block: 0x8: each side must be in [1, 65536]");
  options = Ratio(0.5);
  options.mask_path = "m.yaml";
  EXPECT_EQ(ErrorOf(graph, options), "--mask-file: cannot be combined with --sparsity");
  options = SparsityOptions();
  options.mask_path = "m.yaml";
  options.spec_path = "s.yaml";
  EXPECT_EQ(ErrorOf(graph, options), "--mask-file: cannot be combined with --sparsity-spec");
  options = Ratio(0, Importance::kL1);
  options.mask_path = "m.yaml";
  EXPECT_EQ(ErrorOf(graph, options), "--mask-file: cannot be combined with --importance");
  // existing ignores ratios: one given with it would be recorded yet have no effect.
  options = Ratio(0.9, Importance::kExisting);
  EXPECT_EQ(ErrorOf(graph, options),
            "--sparsity: cannot be combined with --importance existing (existing keeps the blocks "
            "that are non-zero and ignores ratios)");
  options = Ratio(0, Importance::kExisting);
  options.spec_path = "s.yaml";
  EXPECT_EQ(ErrorOf(graph, options),
            "--sparsity-spec: cannot be combined with --importance existing (existing keeps the "
            "blocks that are non-zero and ignores ratios)");
}

TEST(Sparsity, ExactRatioPerLayer) {
  // Grids at 8x8 (rows x cols): a first (dense), b 8 x 8, c 3 x 8 (partial rows), d 3 x 3
  // (4.5 rounds half away to 5 zero), e 2 x 3.
  ir::Graph graph = Chain(16, {{"a", 64, 3}, {"b", 64, 3}, {"c", 20}, {"d", 24}, {"e", 10}});
  const SparsityRecord record = ApplySparsity(graph, Ratio(0.5, Importance::kRandom));
  ASSERT_EQ(record.layers.size(), 5u);
  EXPECT_EQ(record.layers[0].dense_reason, "first layer");
  EXPECT_TRUE(graph.nodes[0].mask.dense());
  for (size_t i = 1; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    const BlockGrid grid(WeightShapeOf(graph, node), 8, 8);
    ASSERT_FALSE(node.mask.dense()) << node.name;
    EXPECT_EQ(ZeroBlocks(node.mask), std::llround(0.5 * grid.blocks())) << node.name;
    EXPECT_EQ(node.sparsity.blocks_total, grid.blocks());
    EXPECT_EQ(node.sparsity.blocks_kept, grid.blocks() - std::llround(0.5 * grid.blocks()));
    EXPECT_EQ(record.layers[i].blocks_kept, node.sparsity.blocks_kept);
    EXPECT_DOUBLE_EQ(record.layers[i].ratio, 0.5);
  }
  EXPECT_EQ(graph.nodes[1].sparsity.blocks_total, 64);  // 64 x 64
  EXPECT_EQ(graph.nodes[2].sparsity.blocks_total, 24);  // 20 x 64: 3 x 8
  EXPECT_EQ(graph.nodes[3].sparsity.blocks_total, 9);   // 24 x 20: 3 x 3, 4.5 -> 5 zero
  EXPECT_EQ(graph.nodes[3].sparsity.blocks_kept, 4);
  EXPECT_EQ(graph.nodes[4].sparsity.blocks_total, 6);  // 10 x 24: 2 x 3
}

TEST(Sparsity, RatioRoundsHalfAwayFromZero) {
  // 3 x 5 = 15 blocks: 0.5 x 15 = 7.5 -> 8 zero; 0.1 x 15 = 1.5 -> 2; 1.0 -> all 15.
  for (const auto& [ratio, zero] :
       std::vector<std::pair<double, int64_t>>{{0.5, 8}, {0.1, 2}, {0.03, 0}, {1.0, 15}}) {
    ir::Graph graph = Chain(40, {{"a", 24}});
    SparsityOptions options = Ratio(ratio, Importance::kRandom);
    options.first_dense = false;
    ApplySparsity(graph, options);
    EXPECT_EQ(ZeroBlocks(graph.nodes[0].mask), zero) << ratio;
    EXPECT_EQ(graph.nodes[0].mask.dense(), zero == 0);
  }
}

TEST(Sparsity, DeterministicPerSeed) {
  auto masks = [](uint64_t seed) {
    ir::Graph graph = Chain(64, {{"a", 64}, {"b", 64, 3}});
    SparsityOptions options = Ratio(0.5, Importance::kRandom);
    options.seed = seed;
    ApplySparsity(graph, options);
    return std::make_pair(graph.nodes[1].mask.kept, graph.nodes[0].mask.kept);
  };
  EXPECT_EQ(masks(7), masks(7));
  EXPECT_NE(masks(7).first, masks(8).first);
  // The per-layer seed depends on the layer's name, not on its position.
  EXPECT_NE(LayerSeed(7, "a"), LayerSeed(7, "b"));
}

// One 1x1 layer of 16 outputs x 8 inputs at 8x8: two blocks, rows 0 and 1. Block 0 holds a
// single 3.0 (L1 3, L2 3, variance 9/64 - (3/64)^2); block 1 holds 64 x 0.1 (L1 6.4, L2 0.8,
// variance 0). L1 keeps block 1, L2 and variance keep block 0.
ir::Graph TwoBlocks() {
  ir::Graph graph = Chain(8, {{"a", 16}});
  SetWeights(graph, 0, [](int64_t o, int64_t, int64_t i) {
    if (o < 8) return o == 2 && i == 5 ? 3.0f : 0.0f;
    return 0.1f;
  });
  return graph;
}

SparsityOptions HalfOf(Importance importance) {
  SparsityOptions options = Ratio(0.5, importance);
  options.first_dense = false;
  return options;
}

TEST(Sparsity, ImportanceOrderingL1AndL2Disagree) {
  ir::Graph l1 = TwoBlocks();
  EXPECT_EQ(ApplySparsity(l1, HalfOf(Importance::kL1)).importance, "l1");
  EXPECT_EQ(Rows(l1.nodes[0].mask), (std::vector<std::string>{"0", "1"}));
  ir::Graph l2 = TwoBlocks();
  EXPECT_EQ(ApplySparsity(l2, HalfOf(Importance::kL2)).importance, "l2");
  EXPECT_EQ(Rows(l2.nodes[0].mask), (std::vector<std::string>{"1", "0"}));
  ir::Graph variance = TwoBlocks();
  ApplySparsity(variance, HalfOf(Importance::kVariance));
  EXPECT_EQ(Rows(variance.nodes[0].mask), (std::vector<std::string>{"1", "0"}));
  // Zeroed blocks' weights are 0, kept ones unchanged.
  EXPECT_EQ(l1.nodes[0].weights->values[2 * 8 + 5], 0.0f);
  EXPECT_EQ(l1.nodes[0].weights->values[8 * 8], 0.1f);
  EXPECT_EQ(l2.nodes[0].weights->values[2 * 8 + 5], 3.0f);
  EXPECT_EQ(l2.nodes[0].weights->values[8 * 8], 0.0f);
}

TEST(Sparsity, VarianceDisagreesWithNorms) {
  // Block 0: constant 5.0 (large norms, variance 0); block 1: alternating +-0.5 (small norms,
  // variance 0.25). Norms keep block 0, variance keeps block 1.
  auto graph = [] {
    ir::Graph g = Chain(8, {{"a", 16}});
    SetWeights(g, 0, [](int64_t o, int64_t, int64_t i) {
      return o < 8 ? 5.0f : ((o + i) % 2 ? 0.5f : -0.5f);
    });
    return g;
  };
  for (Importance importance : {Importance::kL1, Importance::kL2}) {
    ir::Graph g = graph();
    ApplySparsity(g, HalfOf(importance));
    EXPECT_EQ(Rows(g.nodes[0].mask), (std::vector<std::string>{"1", "0"}));
  }
  ir::Graph g = graph();
  ApplySparsity(g, HalfOf(Importance::kVariance));
  EXPECT_EQ(Rows(g.nodes[0].mask), (std::vector<std::string>{"0", "1"}));
}

TEST(Sparsity, OrderingOverManyBlocksAndTies) {
  // 32 x 32 1x1 at 8x8: block (r, c) has every weight (r * 4 + c + 1) / 16 except that blocks
  // the four blocks of row 1 all tie at 5; zeroing 6 takes two of the ties, in index order.
  ir::Graph graph = Chain(32, {{"a", 32}});
  SetWeights(graph, 0, [](int64_t o, int64_t, int64_t i) {
    int64_t rank = o / 8 * 4 + i / 8 + 1;
    if (o / 8 == 1) rank = 5;
    return -static_cast<float>(rank) / 16;  // sign must not matter
  });
  SparsityOptions options = HalfOf(Importance::kL2);
  options.ratio = 6.0 / 16;
  ApplySparsity(graph, options);
  // Scores: row 0 = 1 2 3 4, row 1 = 5 5 5 5, row 2 = 9 10 11 12, ...: the 6 lowest are
  // row 0 and the first two blocks of row 1.
  EXPECT_EQ(Rows(graph.nodes[0].mask), (std::vector<std::string>{"0000", "0011", "1111", "1111"}));
}

TEST(Sparsity, ExistingRecoversPlantedMask) {
  ir::Graph graph = Chain(16, {{"first", 24, 3}, {"a", 20, 3}});
  // "a": 20 outputs x 24 inputs at 8x8: 3 x 3 grid, the last row partial (4 outputs).
  const std::vector<std::string> want = {"101", "011", "110"};
  SetWeights(graph, 0, Noise);
  SetWeights(graph, 1, [&](int64_t o, int64_t k, int64_t i) {
    return want[o / 8][i / 8] == '1' ? Noise(o, k, i) : 0.0f;
  });
  // A single zero weight inside a kept block does not make it a zero block.
  graph.nodes[1].weights->values[0] = 0.0f;
  SparsityOptions options = Ratio(0, Importance::kExisting);
  const SparsityRecord record = ApplySparsity(graph, options);
  EXPECT_EQ(record.importance, "existing");
  EXPECT_TRUE(graph.nodes[0].mask.dense());
  EXPECT_EQ(Rows(graph.nodes[1].mask), want);
  EXPECT_EQ(graph.nodes[1].sparsity.blocks_kept, 6);
  // Kept elements: rows of 8, 8, 4 outputs x 9 x kept input widths 8 + 8 each.
  EXPECT_DOUBLE_EQ(graph.nodes[1].sparsity.density,
                   (8 * 16 + 8 * 16 + 4 * 16) * 9.0 / (20 * 9 * 24));
  // The record's ratio is the zero share of all weight elements (first layer dense included).
  const double dense = 24 * 9 * 16 + 20 * 9 * 24;
  EXPECT_DOUBLE_EQ(record.ratio, (dense - (24 * 9 * 16 + 20 * 9 * 16)) / dense);
}

TEST(Sparsity, ExistingWithoutZeroBlocksIsDense) {
  ir::Graph graph = Chain(16, {{"first", 16}, {"a", 16}});
  SetWeights(graph, 0, Noise);
  SetWeights(graph, 1, Noise);
  const SparsityRecord record = ApplySparsity(graph, Ratio(0, Importance::kExisting));
  EXPECT_TRUE(graph.nodes[1].mask.dense());
  EXPECT_EQ(record.layers[1].dense_reason, "no block zeroed");
  EXPECT_DOUBLE_EQ(record.ratio, 0.0);
}

TEST(Sparsity, FirstLayerDenseByDefault) {
  ir::Graph graph = Chain(16, {{"a", 32, 3}, {"b", 32}});
  const SparsityRecord record = ApplySparsity(graph, Ratio(0.5, Importance::kRandom));
  EXPECT_TRUE(graph.nodes[0].mask.dense());
  EXPECT_EQ(graph.nodes[0].mask.block_h, 8);
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_total, 0);
  EXPECT_DOUBLE_EQ(graph.nodes[0].sparsity.density, 1.0);
  EXPECT_EQ(record.layers[0].dense_reason, "first layer");
  EXPECT_FALSE(graph.nodes[1].mask.dense());
  EXPECT_EQ(record.layers[1].dense_reason, "");

  ir::Graph all = Chain(16, {{"a", 32, 3}, {"b", 32}});
  SparsityOptions options = Ratio(0.5, Importance::kRandom);
  options.first_dense = false;
  ApplySparsity(all, options);
  EXPECT_EQ(ZeroBlocks(all.nodes[0].mask), 4);  // 4 x 2 grid
}

TEST(Sparsity, DepthwiseStaysDense) {
  ir::Graph graph = Chain(32, {{"a", 32}, {"dw", 32, 3, 32}, {"b", 32}});
  SparsityOptions options = Ratio(0.5, Importance::kRandom);
  options.first_dense = false;
  const SparsityRecord record = ApplySparsity(graph, options);
  EXPECT_FALSE(graph.nodes[0].mask.dense());
  EXPECT_TRUE(graph.nodes[1].mask.dense());
  EXPECT_EQ(record.layers[1].dense_reason, "depthwise");
  EXPECT_FALSE(graph.nodes[2].mask.dense());
}

TEST(Sparsity, GroupedConvHasOneGridPerGroup) {
  // 32 inputs, 64 outputs, 2 groups: each group 32 outputs x 16 inputs = 4 x 2 blocks.
  ir::Graph graph = Chain(32, {{"first", 32}, {"g", 64, 3, 2}});
  SetWeights(graph, 0, Noise);
  // Group 0's weights are small, group 1's large: L2 at 0.5 zeroes exactly group 0.
  SetWeights(graph, 1, [](int64_t o, int64_t k, int64_t i) {
    return (o < 32 ? 0.01f : 1.0f) * Noise(o, k, i);
  });
  ApplySparsity(graph, Ratio(0.5, Importance::kL2));
  const ir::BlockMask& mask = graph.nodes[1].mask;
  EXPECT_EQ(mask.groups, 2);
  EXPECT_EQ(mask.grid_rows, 4);
  EXPECT_EQ(mask.grid_cols, 2);
  ASSERT_EQ(mask.kept.size(), 16u);
  EXPECT_EQ(Rows(mask), (std::vector<std::string>{"00", "00", "00", "00", "11", "11", "11", "11"}));
  const std::vector<float>& w = graph.nodes[1].weights->values;
  for (int64_t o = 0; o < 64; ++o) {
    for (int64_t j = 0; j < 9 * 16; ++j) {
      if (o < 32) {
        ASSERT_EQ(w[o * 144 + j], 0.0f);
      } else {
        ASSERT_EQ(w[o * 144 + j], Noise(o, j / 16, j % 16));
      }
    }
  }
}

TEST(Sparsity, PartialEdgeBlocks) {
  // 20 outputs x 12 inputs x 3x3 at 8x8: 3 x 2 blocks of 8/8/4 outputs x 8/4 inputs.
  ir::Graph graph = Chain(12, {{"a", 20, 3}});
  SetWeights(graph, 0, [](int64_t o, int64_t k, int64_t i) { return 1.0f; });
  SparsityOptions options = HalfOf(Importance::kL1);
  ApplySparsity(graph, options);
  // All weights equal: L1 is the element count, so the 3 smallest blocks go: (2,1) 4x9x4,
  // (0,1) and (1,1) 8x9x4 (tie with (2,0) 4x9x8 broken by index: (0,1)=1, (1,1)=3 < (2,0)=4).
  EXPECT_EQ(Rows(graph.nodes[0].mask), (std::vector<std::string>{"10", "10", "10"}));
  EXPECT_DOUBLE_EQ(graph.nodes[0].sparsity.density, 20.0 * 8 / (20 * 12));
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_total, 6);
  EXPECT_EQ(graph.nodes[0].sparsity.blocks_kept, 3);
}

TEST(Sparsity, BlockShapes) {
  struct Case {
    int64_t h, w, rows, cols;
  };
  for (const Case& c : {Case{16, 4, 2, 8}, Case{4, 16, 8, 2}, Case{1, 1, 32, 32}, Case{8, 8, 4, 4},
                        Case{5, 7, 7, 5}}) {
    ir::Graph graph = Chain(32, {{"a", 32, 3}});
    SparsityOptions options = HalfOf(Importance::kRandom);
    options.ratio = 0.25;
    options.block_h = c.h;
    options.block_w = c.w;
    const SparsityRecord record = ApplySparsity(graph, options);
    const ir::BlockMask& mask = graph.nodes[0].mask;
    EXPECT_EQ(record.block, BlockSizeName(c.h, c.w));
    EXPECT_EQ(mask.block_h, c.h);
    EXPECT_EQ(mask.block_w, c.w);
    EXPECT_EQ(mask.grid_rows, c.rows);
    EXPECT_EQ(mask.grid_cols, c.cols);
    EXPECT_EQ(ZeroBlocks(mask), std::llround(0.25 * c.rows * c.cols));
  }
}

TEST(Sparsity, GemmGrid) {
  ir::Graph graph =
      Chain(64, {{"fc1", 48, 1, 1, ir::OpKind::kGemm}, {"fc2", 10, 1, 1, ir::OpKind::kGemm}}, 1);
  const SparsityRecord record = ApplySparsity(graph, Ratio(0.5));
  EXPECT_EQ(record.importance, "random");  // no weights
  EXPECT_EQ(record.layers[1].op, "Gemm");
  EXPECT_EQ(graph.nodes[1].mask.grid_rows, 2);  // 10 outputs
  EXPECT_EQ(graph.nodes[1].mask.grid_cols, 6);  // 48 inputs
  EXPECT_EQ(ZeroBlocks(graph.nodes[1].mask), 6);
  EXPECT_EQ(record.layers[1].macs, 480);
  // Kept: 6 blocks; row 0 has 8 outputs, row 1 has 2.
  const ir::BlockMask& mask = graph.nodes[1].mask;
  int64_t kept = 0;
  for (int64_t c = 0; c < 6; ++c) kept += (mask.kept[c] * 8 + mask.kept[6 + c] * 2) * 8;
  EXPECT_DOUBLE_EQ(record.layers[1].density, kept / 480.0);
  EXPECT_EQ(record.layers[1].effective_macs, kept);
}

// Block (r, c) of a 16 x 16 1x1 layer at 8x8 has every weight equal to its rank[r][c].
ir::Graph RankedGrid(const std::vector<std::vector<float>>& rank) {
  const int64_t rows = rank.size(), cols = rank[0].size();
  ir::Graph graph = Chain(cols * 8, {{"a", rows * 8}});
  SetWeights(graph, 0, [&](int64_t o, int64_t, int64_t i) { return rank[o / 8][i / 8]; });
  return graph;
}

TEST(Sparsity, KeepLines) {
  SparsityOptions options = HalfOf(Importance::kL1);
  ir::Graph plain = RankedGrid({{1, 2}, {3, 4}});
  ApplySparsity(plain, options);
  EXPECT_EQ(Rows(plain.nodes[0].mask), (std::vector<std::string>{"00", "11"}));
  // (0,0) goes; (0,1) would empty row 0 and (1,0) column 0, so both stay; (1,1) goes.
  options.keep_lines = true;
  ir::Graph lines = RankedGrid({{1, 2}, {3, 4}});
  ApplySparsity(lines, options);
  EXPECT_EQ(Rows(lines.nodes[0].mask), (std::vector<std::string>{"01", "10"}));
  // Ratio 1 with keep_lines on 3 x 3: (0,0), (0,1) go; (0,2) would empty row 0; (1,0) goes;
  // (1,1) goes; (1,2) stays for row 1; (2,0) stays for column 0; (2,1) stays for column 1;
  // (2,2) goes, since row 2 and column 2 keep other blocks.
  options.ratio = 1.0;
  ir::Graph full = RankedGrid({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
  ApplySparsity(full, options);
  EXPECT_EQ(Rows(full.nodes[0].mask), (std::vector<std::string>{"001", "001", "110"}));
  // A single block row: every column has one block, so nothing can go.
  ir::Graph one_row = RankedGrid({{1, 2, 3}});
  const SparsityRecord record = ApplySparsity(one_row, options);
  EXPECT_TRUE(one_row.nodes[0].mask.dense());
  EXPECT_EQ(record.layers[0].dense_reason, "no block zeroed");
}

TEST(Sparsity, DefaultImportanceAndRecord) {
  ir::Graph weighted = Chain(16, {{"a", 16}, {"b", 16}});
  SetWeights(weighted, 0, Noise);
  SetWeights(weighted, 1, Noise);
  SparsityOptions options = Ratio(0.5);
  options.seed = 42;
  SparsityRecord record = ApplySparsity(weighted, options);
  EXPECT_EQ(record.importance, "l2");
  EXPECT_EQ(record.block, "8x8");
  EXPECT_EQ(record.seed, 42u);
  EXPECT_DOUBLE_EQ(record.ratio, 0.5);

  ir::Graph weightless = Chain(16, {{"a", 16}, {"b", 16}});
  EXPECT_EQ(ApplySparsity(weightless, options).importance, "random");
  // Nothing asked for: every layer dense, importance "dense".
  record = ApplySparsity(weightless, SparsityOptions());
  EXPECT_EQ(record.importance, "dense");
  EXPECT_TRUE(weightless.nodes[1].mask.dense());
  EXPECT_EQ(record.layers[1].dense_reason, "no block zeroed");
  EXPECT_EQ(record.layers[1].effective_macs, record.layers[1].macs);
}

TEST(Sparsity, RerunReplacesMasks) {
  ir::Graph graph = Chain(16, {{"a", 16}, {"b", 32}});
  ApplySparsity(graph, Ratio(0.5));
  EXPECT_FALSE(graph.nodes[1].mask.dense());
  ApplySparsity(graph, SparsityOptions());
  EXPECT_TRUE(graph.nodes[1].mask.dense());
  EXPECT_EQ(graph.nodes[1].sparsity.blocks_total, 0);
}

TEST(Sparsity, WeightMeasuresNeedWeights) {
  const ir::Graph graph = Chain(16, {{"a", 16}, {"b", 16}});
  EXPECT_EQ(ErrorOf(graph, Ratio(0.5, Importance::kL2)),
            "node a (Conv): importance l2 needs weights, and the workload has none for this layer "
            "(use --importance random)");
  EXPECT_EQ(ErrorOf(graph, Ratio(0, Importance::kExisting)),
            "node a (Conv): importance existing needs weights, and the workload has none for this "
            "layer (use --importance random)");
  // Only the weightless layer is named; the graph is left untouched on error.
  ir::Graph partial = Chain(16, {{"a", 16}, {"b", 16}});
  SetWeights(partial, 0, Noise);
  EXPECT_EQ(ErrorOf(partial, Ratio(0.5, Importance::kVariance)),
            "node b (Conv): importance variance needs weights, and the workload has none for this "
            "layer (use --importance random)");
  // Partial weights and no importance given: random.
  EXPECT_EQ(ApplySparsity(partial, Ratio(0.5)).importance, "random");
}

TEST(Sparsity, NonFiniteWeightsAreErrors) {
  ir::Graph graph = Chain(16, {{"a", 16}, {"b", 16}});
  SetWeights(graph, 0, Noise);
  SetWeights(graph, 1, Noise);
  graph.nodes[1].weights->values[3] = std::nanf("");
  EXPECT_EQ(ErrorOf(graph, Ratio(0.5)), "node b (Conv): weights contain a NaN or infinite value");
}

}  // namespace
}  // namespace aie2sim::sparsity
