// The geometry of a weighted node's block grid (PAPER.md §1): which weights a block of the mask
// Γ covers, how many elements it holds, and where they sit in the dense weight tensor.
//
// Weights are COUT x KH x KW x (CIN / groups). Group g owns output channels
// [g * cout_g, (g + 1) * cout_g) and has its own grid of rows x cols blocks, where
// rows = ceil(cout_g / block_h) and cols = ceil(cin_g / block_w); a block covers up to block_h
// output channels x the whole kernel window x up to block_w input channels of its group. The
// last block row / column of a grid is partial when block_h / block_w does not divide. Blocks
// are numbered (g * rows + r) * cols + c, the order of ir::BlockMask::kept.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::sparsity {

// The dense weight tensor's dimensions, independent of the IR so compaction can be tested alone.
struct WeightShape {
  int64_t out_channels = 1;  // COUT over all groups
  int64_t kernel_elems = 1;  // KH * KW
  int64_t in_per_group = 1;  // CIN / groups
  int64_t groups = 1;

  int64_t out_per_group() const { return out_channels / groups; }
  int64_t elements() const { return out_channels * kernel_elems * in_per_group; }
};

// The weight shape of a Conv/Gemm node (Gemm: a 1x1 kernel over the flattened input).
WeightShape WeightShapeOf(const ir::Graph& graph, const ir::Node& node);

// A depthwise convolution: more than one group, one input channel per group. Such layers stay
// dense (a block would cover a single input channel of a single group).
bool IsDepthwise(const WeightShape& shape);

class BlockGrid {
 public:
  // Preconditions (InternalError otherwise): sides >= 1, groups divide out_channels.
  BlockGrid(const WeightShape& shape, int64_t block_h, int64_t block_w);

  // The grid a non-dense mask was built on; checks that the mask fits `shape`.
  static BlockGrid OfMask(const WeightShape& shape, const ir::BlockMask& mask);

  const WeightShape& shape() const { return shape_; }
  int64_t block_h() const { return block_h_; }
  int64_t block_w() const { return block_w_; }
  int64_t groups() const { return shape_.groups; }
  int64_t rows() const { return rows_; }  // per group
  int64_t cols() const { return cols_; }  // per group
  int64_t blocks() const { return shape_.groups * rows_ * cols_; }

  int64_t Index(int64_t group, int64_t row, int64_t col) const {
    return (group * rows_ + row) * cols_ + col;
  }
  // Output channels of block row `row` (within its group) and input channels of column `col`.
  int64_t RowSize(int64_t row) const;
  int64_t ColSize(int64_t col) const;
  int64_t BlockElements(int64_t row, int64_t col) const {
    return RowSize(row) * shape_.kernel_elems * ColSize(col);
  }

  // Index in the dense weights of block (group, row, col)'s element (i, k, j): output channel
  // i of the block, kernel position k, input channel j of the block.
  int64_t WeightIndex(int64_t group, int64_t row, int64_t col, int64_t i, int64_t k,
                      int64_t j) const {
    const int64_t out = group * shape_.out_per_group() + row * block_h_ + i;
    return (out * shape_.kernel_elems + k) * shape_.in_per_group + col * block_w_ + j;
  }

  // Calls fn(dense_index) for every element of a block in the compaction order: output
  // channel, then kernel position, then input channel (a COUT x KH x KW x CIN sub-tensor).
  template <typename Fn>
  void ForEachElement(int64_t group, int64_t row, int64_t col, Fn&& fn) const {
    const int64_t rows = RowSize(row), cols = ColSize(col);
    for (int64_t i = 0; i < rows; ++i) {
      for (int64_t k = 0; k < shape_.kernel_elems; ++k) {
        const int64_t base = WeightIndex(group, row, col, i, k, 0);
        for (int64_t j = 0; j < cols; ++j) fn(base + j);
      }
    }
  }

  // Weight elements of the kept blocks (`kept` has blocks() entries, 1 = kept).
  int64_t KeptElements(const std::vector<uint8_t>& kept) const;

  // A mask on this grid; dense (empty `kept`) when every block is kept.
  ir::BlockMask MakeMask(std::vector<uint8_t> kept) const;

 private:
  WeightShape shape_;
  int64_t block_h_;
  int64_t block_w_;
  int64_t rows_;
  int64_t cols_;
};

// Weight elements kept under `mask` (all of them when it is dense).
int64_t KeptElements(const WeightShape& shape, const ir::BlockMask& mask);

// The node summary of a mask: blocks total and kept, density = kept elements / dense elements.
// A dense mask gives {0, 0, 1.0}.
ir::SparsityInfo Summarize(const WeightShape& shape, const ir::BlockMask& mask);

}  // namespace aie2sim::sparsity
