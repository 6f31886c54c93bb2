#include "compiler/sparsity/compaction.h"

#include <algorithm>

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

std::vector<int8_t> EncodeWeightPiece(const WeightShape& shape, const ir::BlockMask& mask,
                                      const std::vector<int8_t>& dense, int64_t cout_begin,
                                      int64_t cout_end, int64_t cin_begin, int64_t cin_end) {
  AIE2SIM_CHECK(static_cast<int64_t>(dense.size()) == shape.elements(),
                "dense weights do not match the shape");
  AIE2SIM_CHECK(0 <= cout_begin && cout_begin < cout_end && cout_end <= shape.out_channels,
                "weight piece: output-channel range out of bounds");
  AIE2SIM_CHECK(0 <= cin_begin && cin_begin < cin_end && cin_end <= shape.in_per_group,
                "weight piece: input-channel range out of bounds");
  const int64_t kernel = shape.kernel_elems;
  const int64_t in = shape.in_per_group;
  std::vector<int8_t> piece;
  // Elements co in [co_begin, co_end) x kernel x ci in [ci_begin, ci_end).
  auto append = [&](int64_t co_begin, int64_t co_end, int64_t ci_begin, int64_t ci_end) {
    for (int64_t co = co_begin; co < co_end; ++co) {
      for (int64_t k = 0; k < kernel; ++k) {
        const auto row = dense.begin() + (co * kernel + k) * in;
        piece.insert(piece.end(), row + ci_begin, row + ci_end);
      }
    }
  };
  if (mask.dense()) {
    piece.reserve(static_cast<size_t>((cout_end - cout_begin) * kernel * (cin_end - cin_begin)));
    append(cout_begin, cout_end, cin_begin, cin_end);
    return piece;
  }
  const BlockGrid grid = BlockGrid::OfMask(shape, mask);
  const int64_t per_group = shape.out_per_group();
  const int64_t j0 = cin_begin / grid.block_w();
  const int64_t j1 = (cin_end - 1) / grid.block_w();
  const int64_t n = j1 - j0 + 1;
  const int64_t gamma_bytes = (n + 7) / 8;
  // Overlapped block rows as (group, row, first channel, end channel) clipped to the range.
  struct Row {
    int64_t group, row, begin, end;
  };
  std::vector<Row> rows;
  for (int64_t channel = cout_begin; channel < cout_end;) {
    const int64_t g = channel / per_group;
    const int64_t r = channel % per_group / grid.block_h();
    const int64_t row_end = g * per_group + r * grid.block_h() + grid.RowSize(r);
    rows.push_back(Row{g, r, channel, std::min(row_end, cout_end)});
    channel = rows.back().end;
  }
  for (const Row& row : rows) {
    std::vector<int8_t> gamma(static_cast<size_t>(gamma_bytes), 0);
    for (int64_t j = j0; j <= j1; ++j) {
      if (mask.kept[grid.Index(row.group, row.row, j)]) {
        gamma[(j - j0) / 8] = static_cast<int8_t>(gamma[(j - j0) / 8] | (1 << ((j - j0) % 8)));
      }
    }
    piece.insert(piece.end(), gamma.begin(), gamma.end());
  }
  for (const Row& row : rows) {
    for (int64_t j = j0; j <= j1; ++j) {
      if (!mask.kept[grid.Index(row.group, row.row, j)]) continue;
      const int64_t col_begin = j * grid.block_w();
      append(row.begin, row.end, std::max(col_begin, cin_begin),
             std::min(col_begin + grid.ColSize(j), cin_end));
    }
  }
  return piece;
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
    block_w_ = grid.block_w();
    grid_rows_ = grid.rows();
    grid_cols_ = grid.cols();
    mask_row_bytes_ = MaskRowBytes(mask);
    column_prefix_.assign(static_cast<size_t>(grid.groups() * grid.rows() * (grid.cols() + 1)), 0);
    for (int64_t g = 0; g < grid.groups(); ++g) {
      for (int64_t r = 0; r < grid.rows(); ++r) {
        int64_t inputs = 0;
        int64_t* prefix = &column_prefix_[(g * grid.rows() + r) * (grid.cols() + 1)];
        for (int64_t c = 0; c < grid.cols(); ++c) {
          if (mask.kept[grid.Index(g, r, c)]) inputs += grid.ColSize(c);
          prefix[c + 1] = inputs;
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

int64_t CompactSizer::RowOf(int64_t channel) const {
  // Block rows are numbered across groups: group g's row r is g * rows + r.
  const int64_t per_group = shape_.out_per_group();
  const int64_t rows = (per_group + block_h_ - 1) / block_h_;
  return channel / per_group * rows + channel % per_group / block_h_;
}

int64_t CompactSizer::Bytes(int64_t cout_begin, int64_t cout_end) const {
  AIE2SIM_CHECK(0 <= cout_begin && cout_begin <= cout_end && cout_end <= shape_.out_channels,
                "output-channel slice out of range");
  int64_t bytes = channel_prefix_[cout_end] - channel_prefix_[cout_begin];
  if (mask_row_bytes_ > 0 && cout_begin < cout_end) {
    bytes += (RowOf(cout_end - 1) - RowOf(cout_begin) + 1) * mask_row_bytes_;
  }
  return bytes;
}

int64_t CompactSizer::Bytes(int64_t cout_begin, int64_t cout_end, int64_t cin_begin,
                            int64_t cin_end) const {
  AIE2SIM_CHECK(0 <= cout_begin && cout_begin <= cout_end && cout_end <= shape_.out_channels,
                "output-channel slice out of range");
  AIE2SIM_CHECK(0 <= cin_begin && cin_begin < cin_end && cin_end <= shape_.in_per_group,
                "input-channel slice out of range");
  if (cout_begin == cout_end) return 0;
  if (mask_row_bytes_ == 0) {
    return (cout_end - cout_begin) * shape_.kernel_elems * (cin_end - cin_begin);
  }
  const int64_t j0 = cin_begin / block_w_;
  const int64_t j1 = (cin_end - 1) / block_w_;
  const int64_t gamma_bytes = (j1 - j0 + 1 + 7) / 8;
  const int64_t j1_end = std::min((j1 + 1) * block_w_, shape_.in_per_group);
  const int64_t per_group = shape_.out_per_group();
  int64_t bytes = 0;
  for (int64_t row = RowOf(cout_begin); row <= RowOf(cout_end - 1); ++row) {
    const int64_t group = row / grid_rows_;
    const int64_t first = group * per_group + row % grid_rows_ * block_h_;
    const int64_t last = std::min(first + block_h_, (group + 1) * per_group);
    const int64_t channels = std::min(last, cout_end) - std::max(first, cout_begin);
    const int64_t* prefix = &column_prefix_[row * (grid_cols_ + 1)];
    int64_t inputs = prefix[j1 + 1] - prefix[j0];
    // Trim the parts of the end columns outside the range (a kept column has a non-zero width).
    if (prefix[j0 + 1] > prefix[j0]) inputs -= cin_begin - j0 * block_w_;
    if (prefix[j1 + 1] > prefix[j1]) inputs -= j1_end - cin_end;
    bytes += channels * shape_.kernel_elems * inputs + gamma_bytes;
  }
  return bytes;
}

int64_t CompactBytes(const ir::Graph& graph, const ir::Node& node, int64_t cout_begin,
                     int64_t cout_end) {
  return CompactSizer(WeightShapeOf(graph, node), node.mask).Bytes(cout_begin, cout_end);
}

}  // namespace aie2sim::sparsity
