// Block-sparse (CBR) weight storage: the documented element order, the round trip
// CompactWeights -> ExpandWeights over random shapes and masks, and the bytes the tiler moves
// for output-channel slices.
#include "compiler/sparsity/compaction.h"

#include <gtest/gtest.h>

#include <random>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/sparsity/quantize.h"
#include "compiler/sparsity/sparsity.h"

namespace aie2sim::sparsity {
namespace {

// A mask on `grid` from "01" row strings (groups' rows stacked).
ir::BlockMask MaskOf(const BlockGrid& grid, const std::vector<std::string>& rows) {
  std::vector<uint8_t> kept;
  for (const std::string& row : rows) {
    for (char c : row) kept.push_back(c == '1');
  }
  return grid.MakeMask(kept);
}

TEST(Compaction, DocumentedOrder) {
  // 3 outputs x 2 kernel positions x 3 inputs, 2x2 blocks: a 2 x 2 grid with partial edges.
  // W[o][k][i] = o * 40 + k * 10 + i. Block (0, 1) is zero.
  const WeightShape shape{3, 2, 3, 1};
  std::vector<int8_t> dense;
  for (int o = 0; o < 3; ++o) {
    for (int k = 0; k < 2; ++k) {
      for (int i = 0; i < 3; ++i) dense.push_back(static_cast<int8_t>(o * 40 + k * 10 + i));
    }
  }
  const BlockGrid grid(shape, 2, 2);
  const CompactedWeights compact = CompactWeights(shape, MaskOf(grid, {"10", "11"}), dense);
  // Block (0,0): outputs 0-1, inputs 0-1, in output, kernel, input order; then (1,0): output
  // 2, inputs 0-1; then (1,1): output 2, input 2.
  EXPECT_EQ(compact.blocks, (std::vector<int8_t>{0, 1, 10, 11, 40, 41, 50, 51,  //
                                                 80, 81, 90, 91,                //
                                                 82, 92}));
  std::vector<int8_t> masked = dense;
  for (int o = 0; o < 2; ++o) {
    for (int k = 0; k < 2; ++k) masked[(o * 2 + k) * 3 + 2] = 0;
  }
  EXPECT_EQ(ExpandWeights(compact), masked);
}

TEST(Compaction, DenseIsStoredAsIs) {
  const WeightShape shape{4, 1, 5, 1};
  std::vector<int8_t> dense(20);
  for (int i = 0; i < 20; ++i) dense[i] = static_cast<int8_t>(i - 10);
  const CompactedWeights compact = CompactWeights(shape, ir::BlockMask(), dense);
  EXPECT_EQ(compact.blocks, dense);
  EXPECT_EQ(ExpandWeights(compact), dense);
  EXPECT_EQ(CompactSizer(shape, ir::BlockMask()).TotalBytes(), 20);
  EXPECT_EQ(CompactSizer(shape, ir::BlockMask()).Bytes(1, 3), 10);
}

// Random shapes, block sizes, masks and int8 weights: expanding the compacted weights gives the
// dense weights with every zero block's elements set to 0, and the storage holds exactly the
// kept elements.
TEST(Compaction, RoundTripOverRandomShapesAndMasks) {
  std::mt19937_64 engine(2024);
  auto draw = [&](int64_t n) { return static_cast<int64_t>(engine() % static_cast<uint64_t>(n)); };
  const int64_t sides[] = {1, 2, 3, 4, 8, 16};
  const int64_t kernels[] = {1, 4, 9};
  for (int trial = 0; trial < 300; ++trial) {
    WeightShape shape;
    shape.groups = 1 + draw(3);
    shape.out_channels = shape.groups * (1 + draw(40));
    shape.in_per_group = 1 + draw(40);
    shape.kernel_elems = kernels[draw(3)];
    const BlockGrid grid(shape, sides[draw(6)], sides[draw(6)]);
    std::vector<uint8_t> kept(grid.blocks());
    for (uint8_t& k : kept) k = draw(2);
    const ir::BlockMask mask = grid.MakeMask(kept);
    std::vector<int8_t> dense(shape.elements());
    for (int8_t& v : dense) v = static_cast<int8_t>(draw(256) - 128);

    std::vector<int8_t> masked = dense;
    for (int64_t g = 0; g < grid.groups(); ++g) {
      for (int64_t r = 0; r < grid.rows(); ++r) {
        for (int64_t c = 0; c < grid.cols(); ++c) {
          if (kept[grid.Index(g, r, c)]) continue;
          for (int64_t i = 0; i < grid.RowSize(r); ++i) {
            for (int64_t k = 0; k < shape.kernel_elems; ++k) {
              for (int64_t j = 0; j < grid.ColSize(c); ++j) {
                masked[grid.WeightIndex(g, r, c, i, k, j)] = 0;
              }
            }
          }
        }
      }
    }
    const CompactedWeights compact = CompactWeights(shape, mask, dense);
    ASSERT_EQ(static_cast<int64_t>(compact.blocks.size()), KeptElements(shape, mask)) << trial;
    ASSERT_EQ(ExpandWeights(compact), masked) << trial;
    // Compacting the masked weights gives the same storage.
    ASSERT_EQ(CompactWeights(shape, mask, masked).blocks, compact.blocks) << trial;
  }
}

// The invariant tested: for a partition of [0, COUT) into consecutive non-empty slices,
//   sum of Bytes(slice) = TotalBytes() + MaskRowBytes x sum over block rows of
//                         (number of slices overlapping the row - 1),
// i.e. the element bytes add up exactly and only Γ rows shared by two or more slices are
// counted more than once; with slice boundaries on block-row starts the sum is TotalBytes().
TEST(Compaction, BytesOverAPartitionOfCout) {
  std::mt19937_64 engine(7);
  auto draw = [&](int64_t n) { return static_cast<int64_t>(engine() % static_cast<uint64_t>(n)); };
  for (int trial = 0; trial < 300; ++trial) {
    WeightShape shape;
    shape.groups = 1 + draw(3);
    shape.out_channels = shape.groups * (1 + draw(50));
    shape.in_per_group = 1 + draw(100);
    shape.kernel_elems = 1 + draw(9);
    const BlockGrid grid(shape, 1 + draw(16), 1 + draw(16));
    std::vector<uint8_t> kept(grid.blocks());
    for (uint8_t& k : kept) k = draw(4) != 0;
    kept[0] = 0;  // never dense
    const ir::BlockMask mask = grid.MakeMask(kept);
    const CompactSizer sizer(shape, mask);
    const int64_t row_bytes = MaskRowBytes(mask);
    ASSERT_EQ(row_bytes, (grid.cols() + 7) / 8);
    ASSERT_EQ(sizer.TotalBytes(),
              KeptElements(shape, mask) + shape.groups * grid.rows() * row_bytes);

    // Random partition, and per block row (across groups) the number of slices touching it.
    std::vector<int64_t> touches(shape.groups * grid.rows(), 0);
    auto row_of = [&](int64_t channel) {
      const int64_t per_group = shape.out_per_group();
      return channel / per_group * grid.rows() + channel % per_group / grid.block_h();
    };
    int64_t sum = 0;
    for (int64_t begin = 0; begin < shape.out_channels;) {
      const int64_t end = std::min(shape.out_channels, begin + 1 + draw(12));
      sum += sizer.Bytes(begin, end);
      for (int64_t row = row_of(begin); row <= row_of(end - 1); ++row) ++touches[row];
      begin = end;
    }
    int64_t shared = 0;
    for (int64_t t : touches) shared += t - 1;
    ASSERT_EQ(sum, sizer.TotalBytes() + row_bytes * shared) << trial;

    // Slices on block-row boundaries (one per block row) add up exactly.
    int64_t aligned = 0;
    for (int64_t g = 0; g < shape.groups; ++g) {
      for (int64_t r = 0; r < grid.rows(); ++r) {
        const int64_t begin = g * shape.out_per_group() + r * grid.block_h();
        aligned += sizer.Bytes(begin, begin + grid.RowSize(r));
      }
    }
    ASSERT_EQ(aligned, sizer.TotalBytes()) << trial;
    ASSERT_EQ(sizer.Bytes(3 % shape.out_channels, 3 % shape.out_channels), 0);
  }
}

TEST(Compaction, CompactBytesOfANode) {
  // conv: 20 outputs x 24 inputs, 1x1, 8x8: a 3 x 3 grid; Γ is 1 byte per block row.
  const ir::Graph base = frontend::ParseWorkloadYaml(R"(version: 1
name: n
inputs: [{name: image, shape: [1, 4, 4, 24]}]
layers:
  - {name: first, op: Conv, inputs: [image], out_channels: 24}
  - {name: conv, op: Conv, inputs: [first], out_channels: 20}
  - {name: wide, op: Conv, inputs: [conv], out_channels: 8, kernel: [3, 3], pads: [1, 1, 1, 1]}
)",
                                                     "n.yaml", 0);
  ir::Graph graph = base;
  const BlockGrid grid(WeightShapeOf(graph, graph.nodes[1]), 8, 8);
  graph.nodes[1].mask = MaskOf(grid, {"101", "011", "110"});
  const ir::Node& conv = graph.nodes[1];
  // Kept elements: rows of 8, 8, 4 outputs x 16 kept inputs = 128 + 128 + 64, plus 3 Γ bytes.
  EXPECT_EQ(CompactBytes(graph, conv, 0, 20), 323);
  // Outputs 4..11: 4 of row 0 and 4 of row 1, 16 inputs each, plus 2 Γ bytes.
  EXPECT_EQ(CompactBytes(graph, conv, 4, 12), 130);
  EXPECT_EQ(CompactBytes(graph, conv, 16, 20), 64 + 1);
  EXPECT_EQ(CompactBytes(graph, conv, 5, 5), 0);
  // Dense nodes: channels x KH x KW x CIN, no Γ.
  EXPECT_EQ(CompactBytes(graph, graph.nodes[0], 0, 24), 24 * 24);
  EXPECT_EQ(CompactBytes(graph, graph.nodes[2], 2, 5), 3 * 9 * 20);
  // Block columns beyond 8 need 2 Γ bytes per row: 1x1 blocks over 20 inputs.
  const BlockGrid ones(WeightShapeOf(graph, graph.nodes[2]), 1, 1);
  std::vector<uint8_t> kept(ones.blocks(), 1);
  kept[0] = 0;  // output 0, input 0
  graph.nodes[2].mask = ones.MakeMask(kept);
  EXPECT_EQ(MaskRowBytes(graph.nodes[2].mask), 3);
  EXPECT_EQ(CompactBytes(graph, graph.nodes[2], 0, 2), (19 + 20) * 9 + 2 * 3);
}

TEST(Compaction, NodeWeightsAfterThePass) {
  // The pass's masks and zeroed float weights, quantised and compacted, round-trip.
  ir::Graph graph = frontend::ParseWorkloadYaml(R"(version: 1
name: n
inputs: [{name: image, shape: [1, 4, 4, 16]}]
layers:
  - {name: a, op: Conv, inputs: [image], out_channels: 16}
  - {name: b, op: Conv, inputs: [a], out_channels: 40, kernel: [3, 3], pads: [1, 1, 1, 1]}
)",
                                                "n.yaml", 0);
  std::mt19937_64 engine(1);
  for (ir::Node& node : graph.nodes) {
    node.weights.emplace();
    node.weights->values.resize(WeightShapeOf(graph, node).elements());
    for (float& w : node.weights->values) w = static_cast<float>(engine() % 2001) / 1000 - 1;
  }
  SparsityOptions options;
  options.ratio = 0.5;
  ApplySparsity(graph, options);
  const ir::Node& b = graph.nodes[1];
  const quant::QuantizedTensor q = quant::QuantizeTensor(b.weights->values);
  const CompactedWeights compact = CompactNodeWeights(graph, b, q.values);
  EXPECT_EQ(ExpandWeights(compact), q.values);  // zero blocks were already zero
  EXPECT_EQ(static_cast<int64_t>(compact.blocks.size()) + 5 * MaskRowBytes(b.mask),
            CompactBytes(graph, b, 0, 40));
  EXPECT_EQ(b.sparsity.blocks_kept, 5);  // 5 x 2 grid, half kept
}

}  // namespace
}  // namespace aie2sim::sparsity
