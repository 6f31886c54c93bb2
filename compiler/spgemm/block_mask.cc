#include "compiler/spgemm/block_mask.h"

#include <cmath>
#include <numeric>
#include <string>

#include "compiler/sparsity/block_importance.h"
#include "compiler/sparsity/block_selection.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {

sparsity::BlockGrid MatrixGrid(int64_t rows, int64_t cols, int64_t block_h, int64_t block_w) {
  AIE2SIM_CHECK(rows >= 1 && cols >= 1, "matrix sides must be >= 1");
  sparsity::WeightShape shape;
  shape.out_channels = rows;
  shape.in_per_group = cols;
  return sparsity::BlockGrid(shape, block_h, block_w);
}

int64_t BlockMask::KeptBlocks() const {
  return std::accumulate(kept.begin(), kept.end(), int64_t{0});
}

BlockMask RandomBlockMask(int64_t rows, int64_t cols, int64_t block_h, int64_t block_w,
                          double density, uint64_t seed) {
  if (!(density >= 0.0 && density <= 1.0)) {
    throw UserError("block mask density " + std::to_string(density) + ": must be in [0, 1]");
  }
  const sparsity::BlockGrid grid = MatrixGrid(rows, cols, block_h, block_w);
  const int64_t zero_count = std::llround((1.0 - density) * static_cast<double>(grid.blocks()));
  std::vector<uint8_t> kept = sparsity::SelectKept(grid, sparsity::RandomScores(grid, seed),
                                                   zero_count, /*keep_lines=*/false);
  return BlockMask{grid, std::move(kept)};
}

BlockMask ElementMask(const BlockMask& mask) {
  const sparsity::BlockGrid& grid = mask.grid;
  BlockMask elements{MatrixGrid(mask.rows(), mask.cols(), 1, 1),
                     std::vector<uint8_t>(static_cast<size_t>(mask.rows() * mask.cols()), 0)};
  for (int64_t r = 0; r < grid.rows(); ++r) {
    for (int64_t c = 0; c < grid.cols(); ++c) {
      if (!mask.kept[grid.Index(0, r, c)]) continue;
      grid.ForEachElement(0, r, c, [&](int64_t index) { elements.kept[index] = 1; });
    }
  }
  return elements;
}

}  // namespace aie2sim::spgemm
