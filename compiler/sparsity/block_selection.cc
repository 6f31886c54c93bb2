#include "compiler/sparsity/block_selection.h"

#include <algorithm>
#include <numeric>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

std::vector<uint8_t> SelectKept(const BlockGrid& grid, const std::vector<double>& scores,
                                int64_t zero_count, bool keep_lines) {
  const int64_t blocks = grid.blocks();
  AIE2SIM_CHECK(static_cast<int64_t>(scores.size()) == blocks, "one score per block");
  AIE2SIM_CHECK(zero_count >= 0 && zero_count <= blocks, "zero_count out of range");

  std::vector<int64_t> order(blocks);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return scores[a] != scores[b] ? scores[a] < scores[b] : a < b;
  });

  std::vector<uint8_t> kept(blocks, 1);
  // Kept blocks per (group, row) and per (group, column), for keep_lines.
  std::vector<int64_t> row_kept(grid.groups() * grid.rows(), grid.cols());
  std::vector<int64_t> col_kept(grid.groups() * grid.cols(), grid.rows());
  int64_t zeroed = 0;
  for (int64_t index : order) {
    if (zeroed == zero_count) break;
    const int64_t col = index % grid.cols();
    const int64_t group_row = index / grid.cols();  // group * rows + row
    const int64_t group_col = group_row / grid.rows() * grid.cols() + col;
    if (keep_lines && (row_kept[group_row] == 1 || col_kept[group_col] == 1)) continue;
    kept[index] = 0;
    --row_kept[group_row];
    --col_kept[group_col];
    ++zeroed;
  }
  return kept;
}

}  // namespace aie2sim::sparsity
