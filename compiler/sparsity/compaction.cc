#include "compiler/sparsity/compaction.h"

#include "sim/base/error.h"

namespace aie2sim::sparsity {

namespace {

// Calls fn(dense_index) for every stored element in storage order: kept blocks as
// documented; for a dense mask the dense order itself.
template <typename Fn>
void ForEachKeptElement(const WeightShape& shape, const ir::BlockMask& mask, Fn&& fn) {
  if (mask.dense()) {
    for (int64_t i = 0; i < shape.elements(); ++i) fn(i);
    return;
  }
  const BlockGrid grid = BlockGrid::OfMask(shape, mask);
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      for (int64_t c = 0; c < grid.cols(); ++c) {
        if (mask.kept[grid.Index(g, r, c)]) grid.ForEachElement(g, r, c, fn);
      }
    }
  }
}

}  // namespace

CompactedWeights CompactWeights(const WeightShape& shape, const ir::BlockMask& mask,
                                const std::vector<int8_t>& dense) {
  AIE2SIM_CHECK(static_cast<int64_t>(dense.size()) == shape.elements(),
                "dense weights do not match the shape");
  CompactedWeights compact;
  compact.shape = shape;
  compact.mask = mask;
  ForEachKeptElement(shape, mask, [&](int64_t index) { compact.blocks.push_back(dense[index]); });
  return compact;
}

CompactedWeights CompactNodeWeights(const ir::Graph& graph, const ir::Node& node,
                                    const std::vector<int8_t>& dense) {
  return CompactWeights(WeightShapeOf(graph, node), node.mask, dense);
}

std::vector<int8_t> ExpandWeights(const CompactedWeights& compact) {
  std::vector<int8_t> dense(compact.shape.elements(), 0);
  size_t next = 0;
  ForEachKeptElement(compact.shape, compact.mask, [&](int64_t index) {
    AIE2SIM_CHECK(next < compact.blocks.size(), "compacted weights are shorter than the mask");
    dense[index] = compact.blocks[next++];
  });
  AIE2SIM_CHECK(next == compact.blocks.size(), "compacted weights are longer than the mask");
  return dense;
}

int64_t MaskRowBytes(const ir::BlockMask& mask) {
  return mask.dense() ? 0 : (mask.grid_cols + 7) / 8;
}

CompactSizer::CompactSizer(const WeightShape& shape, const ir::BlockMask& mask)
    : shape_(shape), channel_prefix_(shape.out_channels + 1, 0) {
  // Kept input channels of each output channel: all of them when dense, else the sum of the
  // kept columns' widths in the channel's block row.
  std::vector<int64_t> kept_inputs(shape.out_channels, shape.in_per_group);
  if (!mask.dense()) {
    const BlockGrid grid = BlockGrid::OfMask(shape, mask);
    block_h_ = grid.block_h();
    mask_row_bytes_ = MaskRowBytes(mask);
    for (int64_t g = 0; g < grid.groups(); ++g) {
      for (int64_t r = 0; r < grid.rows(); ++r) {
        int64_t inputs = 0;
        for (int64_t c = 0; c < grid.cols(); ++c) {
          if (mask.kept[grid.Index(g, r, c)]) inputs += grid.ColSize(c);
        }
        const int64_t first = g * shape.out_per_group() + r * grid.block_h();
        for (int64_t i = 0; i < grid.RowSize(r); ++i) kept_inputs[first + i] = inputs;
      }
    }
  }
  for (int64_t c = 0; c < shape.out_channels; ++c) {
    channel_prefix_[c + 1] = channel_prefix_[c] + kept_inputs[c] * shape.kernel_elems;
  }
}

int64_t CompactSizer::Bytes(int64_t cout_begin, int64_t cout_end) const {
  AIE2SIM_CHECK(0 <= cout_begin && cout_begin <= cout_end && cout_end <= shape_.out_channels,
                "output-channel slice out of range");
  int64_t bytes = channel_prefix_[cout_end] - channel_prefix_[cout_begin];
  if (mask_row_bytes_ > 0 && cout_begin < cout_end) {
    // Block rows are numbered across groups: group g's row r is g * rows + r.
    const int64_t per_group = shape_.out_per_group();
    const int64_t rows = (per_group + block_h_ - 1) / block_h_;
    auto row_of = [&](int64_t channel) {
      return channel / per_group * rows + channel % per_group / block_h_;
    };
    bytes += (row_of(cout_end - 1) - row_of(cout_begin) + 1) * mask_row_bytes_;
  }
  return bytes;
}

int64_t CompactBytes(const ir::Graph& graph, const ir::Node& node, int64_t cout_begin,
                     int64_t cout_end) {
  return CompactSizer(WeightShapeOf(graph, node), node.mask).Bytes(cout_begin, cout_end);
}

}  // namespace aie2sim::sparsity
