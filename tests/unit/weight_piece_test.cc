// The functional simulator's decoder of weight pieces (sim/functional/weight_piece.h) on
// hand-built pieces, written from the format's description alone, and its rejection of pieces
// whose size or Γ disagrees with the ranges.
#include "sim/functional/weight_piece.h"

#include <gtest/gtest.h>

#include "sim/base/error.h"

namespace aie2sim::functional {
namespace {

TEST(WeightPiece, DenseIsTheRangeInOrder) {
  WeightGeometry geometry;
  geometry.out_channels = 4;
  geometry.in_per_group = 5;
  geometry.kernel_elems = 2;
  const std::vector<int8_t> bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  // Outputs [1, 3) x 2 kernel positions x inputs [2, 5).
  EXPECT_EQ(DecodeWeightPiece(geometry, 1, 3, 2, 5, bytes.data(), bytes.size()), bytes);
  EXPECT_THROW(DecodeWeightPiece(geometry, 1, 3, 2, 5, bytes.data(), 11), InternalError);
  EXPECT_THROW(DecodeWeightPiece(geometry, 1, 5, 2, 5, bytes.data(), 12), InternalError);
  EXPECT_THROW(DecodeWeightPiece(geometry, 1, 3, 3, 3, bytes.data(), 0), InternalError);
}

// 2 groups of 3 outputs, 10 inputs per group, 1x1 kernel, blocks of 2 outputs x 4 inputs:
// per group block rows {0,1} and {2}, block columns {0-3}, {4-7}, {8-9}.
TEST(WeightPiece, BlocksAcrossGroupsAndPartialColumns) {
  WeightGeometry geometry;
  geometry.out_channels = 6;
  geometry.in_per_group = 10;
  geometry.groups = 2;
  geometry.kernel_elems = 1;
  geometry.block_h = 2;
  geometry.block_w = 4;
  // Outputs [2, 4): group 0 row 1 (output 2) and group 1 row 0 (output 3; output 4 is outside).
  // Inputs [3, 9): columns 0..2, n = 3. Γ: row (0,1) keeps columns 0 and 2 (0b101), row (1,0)
  // keeps column 1 (0b010). Then (0,1) col 0: output 2, input 3; (0,1) col 2: output 2, input 8;
  // (1,0) col 1: output 3, inputs 4..7.
  const std::vector<int8_t> bytes = {5, 2, 11, 12, 21, 22, 23, 24};
  const std::vector<int8_t> dense =
      DecodeWeightPiece(geometry, 2, 4, 3, 9, bytes.data(), bytes.size());
  EXPECT_EQ(dense, (std::vector<int8_t>{11, 0, 0, 0, 0, 12,  //
                                        0, 21, 22, 23, 24, 0}));
  // A Γ bit for a fourth column that does not exist.
  std::vector<int8_t> stray = bytes;
  stray[1] = 2 | 8;
  EXPECT_THROW(DecodeWeightPiece(geometry, 2, 4, 3, 9, stray.data(), stray.size()), InternalError);
  // One byte short / long.
  EXPECT_THROW(DecodeWeightPiece(geometry, 2, 4, 3, 9, bytes.data(), bytes.size() - 1),
               InternalError);
  std::vector<int8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_THROW(DecodeWeightPiece(geometry, 2, 4, 3, 9, longer.data(), longer.size()),
               InternalError);
  // Shorter than Γ itself.
  EXPECT_THROW(DecodeWeightPiece(geometry, 2, 4, 3, 9, bytes.data(), 1), InternalError);
}

TEST(WeightPiece, NineColumnsNeedTwoGammaBytes) {
  // 1 output, 9 inputs, 1x1 blocks: Γ is 2 bytes, column 8 is bit 0 of byte 1.
  WeightGeometry geometry;
  geometry.out_channels = 1;
  geometry.in_per_group = 9;
  geometry.block_h = 1;
  geometry.block_w = 1;
  const std::vector<int8_t> bytes = {static_cast<int8_t>(0x81), 1, 7, 8, 9};
  EXPECT_EQ(DecodeWeightPiece(geometry, 0, 1, 0, 9, bytes.data(), bytes.size()),
            (std::vector<int8_t>{7, 0, 0, 0, 0, 0, 0, 8, 9}));
  std::vector<int8_t> stray = bytes;
  stray[1] = 3;
  EXPECT_THROW(DecodeWeightPiece(geometry, 0, 1, 0, 9, stray.data(), stray.size()), InternalError);
}

}  // namespace
}  // namespace aie2sim::functional
