// The weight-piece format between the compiler (sparsity::EncodeWeightPiece, CompactSizer) and
// the functional simulator (functional::DecodeWeightPiece, an independent implementation):
// a hand-computed piece, round trips over random shapes / masks / block sizes / groups / ranges,
// exact sizes, and the tiler's input-channel pieces sized exactly and fitting the ping/pong half
// of the weight buffer.
#include <random>

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/ir/graph.h"
#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/compaction.h"
#include "compiler/sparsity/sparsity.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/base/error.h"
#include "sim/functional/weight_piece.h"

namespace aie2sim {
namespace {

using sparsity::BlockGrid;
using sparsity::CompactSizer;
using sparsity::WeightShape;

functional::WeightGeometry GeometryOf(const WeightShape& shape, const ir::BlockMask& mask) {
  functional::WeightGeometry geometry;
  geometry.out_channels = shape.out_channels;
  geometry.in_per_group = shape.in_per_group;
  geometry.groups = shape.groups;
  geometry.kernel_elems = shape.kernel_elems;
  geometry.block_h = mask.dense() ? 0 : mask.block_h;
  geometry.block_w = mask.dense() ? 0 : mask.block_w;
  return geometry;
}

std::vector<int8_t> Decode(const WeightShape& shape, const ir::BlockMask& mask, int64_t cb,
                           int64_t ce, int64_t ib, int64_t ie, const std::vector<int8_t>& piece) {
  return functional::DecodeWeightPiece(GeometryOf(shape, mask), cb, ce, ib, ie, piece.data(),
                                       piece.size());
}

TEST(WeightPieceFormat, HandComputedPiece) {
  // 3 outputs x 2 kernel positions x 3 inputs, 2x2 blocks; W[o][k][i] = o * 40 + k * 10 + i;
  // block (row 0, column 1) dropped.
  const WeightShape shape{3, 2, 3, 1};
  std::vector<int8_t> dense;
  for (int o = 0; o < 3; ++o) {
    for (int k = 0; k < 2; ++k) {
      for (int i = 0; i < 3; ++i) dense.push_back(static_cast<int8_t>(o * 40 + k * 10 + i));
    }
  }
  const ir::BlockMask mask = BlockGrid(shape, 2, 2).MakeMask({1, 0, 1, 1});
  // Outputs [1, 3), inputs [1, 3): rows 0 (output 1) and 1 (output 2), columns 0..1.
  // Γ: row 0 keeps column 0 (0b01), row 1 both (0b11); then row 0 column 0 (output 1, input 1),
  // row 1 column 0 (output 2, input 1), row 1 column 1 (output 2, input 2).
  const std::vector<int8_t> piece = sparsity::EncodeWeightPiece(shape, mask, dense, 1, 3, 1, 3);
  EXPECT_EQ(piece, (std::vector<int8_t>{1, 3, 41, 51, 81, 91, 82, 92}));
  EXPECT_EQ(CompactSizer(shape, mask).Bytes(1, 3, 1, 3), 8);
  EXPECT_EQ(Decode(shape, mask, 1, 3, 1, 3, piece),
            (std::vector<int8_t>{41, 0, 51, 0, 81, 82, 91, 92}));
  // Input 2 alone: one column, Γ 0b0 for row 0 and 0b1 for row 1.
  EXPECT_EQ(sparsity::EncodeWeightPiece(shape, mask, dense, 0, 3, 2, 3),
            (std::vector<int8_t>{0, 1, 82, 92}));
}

TEST(WeightPieceFormat, DenseFullRangeIsTheDenseWeights) {
  const WeightShape shape{6, 9, 10, 2};
  std::vector<int8_t> dense(shape.elements());
  for (size_t i = 0; i < dense.size(); ++i) dense[i] = static_cast<int8_t>(i * 7);
  const std::vector<int8_t> piece =
      sparsity::EncodeWeightPiece(shape, ir::BlockMask(), dense, 0, 6, 0, 10);
  EXPECT_EQ(piece, dense);
  EXPECT_EQ(Decode(shape, ir::BlockMask(), 0, 6, 0, 10, piece), dense);
  EXPECT_EQ(CompactSizer(shape, ir::BlockMask()).Bytes(2, 5, 3, 7), 3 * 9 * 4);
}

// Random shapes, masks, block sizes, groups and ranges: the encoded piece has the sizer's size
// and decodes to the expanded weights restricted to the ranges.
TEST(WeightPieceFormat, RoundTripOverRandomPieces) {
  std::mt19937_64 engine(99);
  auto draw = [&](int64_t n) { return static_cast<int64_t>(engine() % static_cast<uint64_t>(n)); };
  const int64_t sides[] = {1, 2, 3, 4, 5, 8, 16};
  const int64_t kernels[] = {1, 2, 9};
  int sparse_pieces = 0;
  for (int trial = 0; trial < 400; ++trial) {
    WeightShape shape;
    shape.groups = 1 + draw(3);
    shape.out_channels = shape.groups * (1 + draw(30));
    shape.in_per_group = 1 + draw(90);
    shape.kernel_elems = kernels[draw(3)];
    const BlockGrid grid(shape, sides[draw(7)], sides[draw(7)]);
    std::vector<uint8_t> kept(grid.blocks());
    for (uint8_t& k : kept) k = draw(3) != 0;
    const ir::BlockMask mask = draw(8) == 0 ? ir::BlockMask() : grid.MakeMask(kept);
    std::vector<int8_t> dense(shape.elements());
    for (int8_t& v : dense) v = static_cast<int8_t>(draw(256) - 128);
    const std::vector<int8_t> expanded =
        sparsity::ExpandWeights(sparsity::CompactWeights(shape, mask, dense));
    const CompactSizer sizer(shape, mask);
    for (int range = 0; range < 8; ++range) {
      const int64_t cb = draw(shape.out_channels);
      const int64_t ce = cb + 1 + draw(shape.out_channels - cb);
      const int64_t ib = draw(shape.in_per_group);
      const int64_t ie = ib + 1 + draw(shape.in_per_group - ib);
      SCOPED_TRACE("trial " + std::to_string(trial) + " couts [" + std::to_string(cb) + ", " +
                   std::to_string(ce) + ") cins [" + std::to_string(ib) + ", " +
                   std::to_string(ie) + ")");
      const std::vector<int8_t> piece =
          sparsity::EncodeWeightPiece(shape, mask, dense, cb, ce, ib, ie);
      ASSERT_EQ(static_cast<int64_t>(piece.size()), sizer.Bytes(cb, ce, ib, ie));
      std::vector<int8_t> restricted;
      for (int64_t co = cb; co < ce; ++co) {
        for (int64_t k = 0; k < shape.kernel_elems; ++k) {
          const auto row = expanded.begin() + (co * shape.kernel_elems + k) * shape.in_per_group;
          restricted.insert(restricted.end(), row + ib, row + ie);
        }
      }
      ASSERT_EQ(Decode(shape, mask, cb, ce, ib, ie, piece), restricted);
      // The full input range is the two-argument size.
      ASSERT_EQ(sizer.Bytes(cb, ce, 0, shape.in_per_group), sizer.Bytes(cb, ce));
      sparse_pieces += mask.dense() ? 0 : 1;
    }
  }
  EXPECT_GT(sparse_pieces, 2000);
}

TEST(WeightPieceFormat, DecoderRejectsMalformedPieces) {
  const WeightShape shape{4, 1, 12, 1};
  const ir::BlockMask mask = BlockGrid(shape, 2, 4).MakeMask({1, 0, 1, 0, 1, 1});
  std::vector<int8_t> dense(shape.elements(), 5);
  std::vector<int8_t> piece = sparsity::EncodeWeightPiece(shape, mask, dense, 0, 4, 0, 12);
  ASSERT_EQ(piece.size(), 2u + 2 * 8 + 2 * 8);
  std::vector<int8_t> longer = piece;
  longer.push_back(0);
  EXPECT_THROW(Decode(shape, mask, 0, 4, 0, 12, longer), InternalError);
  std::vector<int8_t> shorter(piece.begin(), piece.end() - 1);
  EXPECT_THROW(Decode(shape, mask, 0, 4, 0, 12, shorter), InternalError);
  std::vector<int8_t> stray = piece;
  stray[0] = static_cast<int8_t>(stray[0] | 0x08);  // column 3 of 3
  EXPECT_THROW(Decode(shape, mask, 0, 4, 0, 12, stray), InternalError);
  EXPECT_THROW(Decode(shape, mask, 0, 5, 0, 12, piece), InternalError);  // beyond COUT
  // A dense piece of the wrong size.
  EXPECT_THROW(Decode(shape, ir::BlockMask(), 0, 4, 0, 12, piece), InternalError);
}

// A 3x3 conv over 2000 input channels with small weight buffers: the tiler splits the input
// channels; each piece's bytes are exactly the sizer's and fit the ping/pong half. The last
// mask keeps only the blocks of the first quarter of the input channels, so the proportional
// first guess of the piece size overflows the half and the tiler must shrink the pieces.
TEST(WeightPieceFormat, TilerSizesInputChannelPiecesExactly) {
  for (const int variant : {0, 1, 2, 3}) {
    ir::Graph graph;
    graph.name = "g";
    ir::Node node;
    node.name = "conv";
    node.op = ir::OpKind::kConv;
    node.inputs = {0};
    node.output = 1;
    node.conv.out_channels = 48;
    node.conv.window.kernel_h = node.conv.window.kernel_w = 3;
    node.conv.window.pad_top = node.conv.window.pad_bottom = 1;
    node.conv.window.pad_left = node.conv.window.pad_right = 1;
    graph.tensors = {{"in", ir::Shape{1, 6, 6, 2000}}, {"conv", {}}};
    graph.inputs = {0};
    graph.outputs = {1};
    graph.nodes = {node};
    ir::InferShapes(graph, "g");
    const WeightShape shape = sparsity::WeightShapeOf(graph, graph.nodes[0]);
    if (variant == 1 || variant == 2) {
      sparsity::SparsityOptions options;
      options.ratio = variant == 1 ? 0.5 : 0.75;
      options.first_dense = false;
      options.importance = sparsity::Importance::kRandom;
      options.seed = 5;
      sparsity::ApplySparsity(graph, options);
    } else if (variant == 3) {
      const BlockGrid grid(shape, 8, 8);
      std::vector<uint8_t> kept(grid.blocks(), 0);
      for (int64_t r = 0; r < grid.rows(); ++r) {
        for (int64_t c = 0; c < grid.cols() / 4; ++c) kept[grid.Index(0, r, c)] = 1;
      }
      graph.nodes[0].mask = grid.MakeMask(kept);
      graph.nodes[0].sparsity = sparsity::Summarize(shape, graph.nodes[0].mask);
    }
    arch::HardwareConfig config = test_support::PaperConfig(2, 2);
    config.core.buffers.weight_bytes = 4096;
    const tiling::WindowTiling t =
        tiling::PlanWindowLayer(graph, graph.nodes[0], config, tiling::WholeMemtile(config),
                                tiling::ConfigLayout(config));
    SCOPED_TRACE("variant " + std::to_string(variant));
    ASSERT_TRUE(t.cin_split());
    const CompactSizer sizer(shape, graph.nodes[0].mask);
    int64_t most = 0;
    for (const std::vector<tiling::WeightPiece>& pieces : t.pieces) {
      for (const tiling::WeightPiece& piece : pieces) {
        int64_t sum = 0;
        for (size_t q = 0; q < t.cin_pieces.size(); ++q) {
          const tiling::Range& cin = t.cin_pieces[q];
          ASSERT_EQ(piece.cin_bytes[q],
                    sizer.Bytes(piece.couts.begin, piece.couts.end, cin.begin, cin.end));
          if (variant == 0) {
            ASSERT_EQ(piece.cin_bytes[q], piece.couts.size() * 9 * cin.size());
          }
          most = std::max(most, piece.cin_bytes[q]);
          sum += piece.cin_bytes[q];
        }
        EXPECT_EQ(piece.weight_bytes, sum);
      }
    }
    EXPECT_LE(most, 2048);
    EXPECT_GT(most, 1024);  // the pieces are not needlessly small
  }
}

}  // namespace
}  // namespace aie2sim
