// The same computation at the granularity AIE2's vector unit works on (issue 23, "what AIE2 can
// realise"): counts of the block_compressed and block_proposal2 methods (method_counts.h).
//
// Our model of that granularity, a choice where the hardware leaves one open:
//  - a weight block is kVectorLanes output channels x kVectorLanes input channels of one group
//    at one kernel tap (the 8x8 operand of the int8 matrix multiply; edge blocks are smaller and
//    count their real size); a block with a non-zero weight is multiplied whole, an all-zero
//    block is skipped (block_compressed);
//  - an activation vector is the kVectorLanes input channels of one block at one tap of one
//    output pixel; block_proposal2 skips a block's work for a pixel only when that whole vector
//    is zero;
//  - the early stop acts on an output tile: the block row's output channels at up to
//    kTilePixels consecutive output pixels of one output row (the 4 x 8 accumulator of the
//    4x8x8 int8 matrix multiply). A tile multiplies first every kept block holding a positive
//    weight, then the kept blocks whose weights are all <= 0, by decreasing sum of |w| (equal
//    sums: lower block index first), and stops when every output of the tile has a negative
//    partial sum, checked after the first phase and after each non-positive block. Only such
//    blocks can follow a stop exactly, so with unstructured weights the stop rarely fires.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/reduction/method_counts.h"

namespace aie2sim::reduction {

inline constexpr int64_t kVectorLanes = 8;
inline constexpr int64_t kTilePixels = 4;

// One output pixel of a tile: its patch per channel group and each output channel's full
// accumulator (bias + the whole dot product, from ElementCounter).
struct TilePixel {
  const int8_t* patch = nullptr;         // groups x row values, group after group
  const int64_t* accumulator = nullptr;  // by absolute output channel
};

class BlockCounter {
 public:
  // weights: dense int8 COUT x row, row = taps * in_per_group, in patch order; `groups` groups
  // of COUT / groups output channels each.
  BlockCounter(const std::vector<int8_t>& weights, int64_t out_channels, int64_t groups,
               int64_t taps, int64_t in_per_group);

  // Counts one tile of pixels into `counts`. With `predict` the early stop applies; it calls
  // on_stop(block_row_begin, block_row_end, pixel_count) for each block row whose tile stopped
  // (the caller checks those outputs are 0).
  template <typename OnStop>
  void Count(const std::vector<TilePixel>& tile, bool predict, MethodCounts& counts,
             OnStop&& on_stop) const {
    for (const BlockRow& row : rows_) {
      if (CountRow(row, tile, predict, counts)) on_stop(row.co_begin, row.co_end, tile.size());
    }
  }

 private:
  struct BlockRow {
    int64_t group = 0;
    int64_t co_begin = 0, co_end = 0;
    std::vector<int32_t> first;  // kept blocks holding a positive weight, by index
    std::vector<int32_t> last;   // kept blocks with every weight <= 0, in stop order
    int64_t kept_elements = 0;   // summed sizes of the kept blocks
  };
  // Returns true when the tile stopped early.
  bool CountRow(const BlockRow& row, const std::vector<TilePixel>& tile, bool predict,
                MethodCounts& counts) const;
  int64_t BlockSize(const BlockRow& row, int32_t block) const;
  // The block's contribution to output channel co at one patch (the group's part).
  int64_t Contribution(int64_t co, int32_t block, const int8_t* group_patch) const;
  bool VectorLive(int32_t block, const int8_t* group_patch) const;

  std::vector<int8_t> weights_;
  int64_t groups_, taps_, in_per_group_, row_, col_blocks_;
  std::vector<BlockRow> rows_;
};

}  // namespace aie2sim::reduction
