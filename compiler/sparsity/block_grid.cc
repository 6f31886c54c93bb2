#include "compiler/sparsity/block_grid.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

WeightShape WeightShapeOf(const ir::Graph& graph, const ir::Node& node) {
  AIE2SIM_CHECK(ir::HasWeights(node.op), "node " + node.name + " has no weights");
  WeightShape shape;
  shape.out_channels = node.conv.out_channels;
  shape.kernel_elems = node.conv.window.kernel_h * node.conv.window.kernel_w;
  shape.groups = node.conv.groups;
  shape.in_per_group = graph.InputShape(node).c / node.conv.groups;
  return shape;
}

bool IsDepthwise(const WeightShape& shape) { return shape.groups > 1 && shape.in_per_group == 1; }

BlockGrid::BlockGrid(const WeightShape& shape, int64_t block_h, int64_t block_w)
    : shape_(shape), block_h_(block_h), block_w_(block_w) {
  AIE2SIM_CHECK(block_h >= 1 && block_w >= 1, "block sides must be >= 1");
  AIE2SIM_CHECK(shape.groups >= 1 && shape.out_channels % shape.groups == 0 &&
                    shape.out_channels >= 1 && shape.in_per_group >= 1 && shape.kernel_elems >= 1,
                "weight shape must be positive with groups dividing the output channels");
  rows_ = (shape.out_per_group() + block_h - 1) / block_h;
  cols_ = (shape.in_per_group + block_w - 1) / block_w;
}

BlockGrid BlockGrid::OfMask(const WeightShape& shape, const ir::BlockMask& mask) {
  BlockGrid grid(shape, mask.block_h, mask.block_w);
  AIE2SIM_CHECK(mask.groups == shape.groups && mask.grid_rows == grid.rows() &&
                    mask.grid_cols == grid.cols() &&
                    static_cast<int64_t>(mask.kept.size()) == grid.blocks(),
                "block mask does not match the weight shape");
  return grid;
}

int64_t BlockGrid::RowSize(int64_t row) const {
  return std::min(block_h_, shape_.out_per_group() - row * block_h_);
}

int64_t BlockGrid::ColSize(int64_t col) const {
  return std::min(block_w_, shape_.in_per_group - col * block_w_);
}

int64_t BlockGrid::KeptElements(const std::vector<uint8_t>& kept) const {
  AIE2SIM_CHECK(static_cast<int64_t>(kept.size()) == blocks(), "mask size differs from grid");
  int64_t elements = 0;
  for (int64_t g = 0; g < groups(); ++g) {
    for (int64_t r = 0; r < rows_; ++r) {
      for (int64_t c = 0; c < cols_; ++c) {
        if (kept[Index(g, r, c)]) elements += BlockElements(r, c);
      }
    }
  }
  return elements;
}

ir::BlockMask BlockGrid::MakeMask(std::vector<uint8_t> kept) const {
  AIE2SIM_CHECK(static_cast<int64_t>(kept.size()) == blocks(), "mask size differs from grid");
  ir::BlockMask mask;
  mask.block_h = block_h_;
  mask.block_w = block_w_;
  mask.groups = shape_.groups;
  mask.grid_rows = rows_;
  mask.grid_cols = cols_;
  for (uint8_t& k : kept) k = k != 0 ? 1 : 0;
  const bool all_kept = std::all_of(kept.begin(), kept.end(), [](uint8_t k) { return k != 0; });
  if (!all_kept) mask.kept = std::move(kept);
  return mask;
}

int64_t KeptElements(const WeightShape& shape, const ir::BlockMask& mask) {
  if (mask.dense()) return shape.elements();
  return BlockGrid::OfMask(shape, mask).KeptElements(mask.kept);
}

ir::SparsityInfo Summarize(const WeightShape& shape, const ir::BlockMask& mask) {
  ir::SparsityInfo info;
  if (mask.dense()) return info;
  const BlockGrid grid = BlockGrid::OfMask(shape, mask);
  info.blocks_total = grid.blocks();
  for (uint8_t k : mask.kept) info.blocks_kept += k != 0;
  info.density =
      static_cast<double>(grid.KeptElements(mask.kept)) / static_cast<double>(shape.elements());
  return info;
}

}  // namespace aie2sim::sparsity
