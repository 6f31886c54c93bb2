// A block mask Γ over a plain rows x cols matrix (PAPER.md §1 with one group and a 1x1 kernel):
// the matrix is cut into block_h x block_w blocks, the last block row / column partial when the
// side does not divide, and each block is kept or zero.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/sparsity/block_grid.h"

namespace aie2sim::spgemm {

// The block grid of a rows x cols matrix: sparsity::BlockGrid on the weight shape
// {out_channels = rows, kernel_elems = 1, in_per_group = cols, groups = 1}, so block (r, c)
// covers matrix rows [r * block_h, ...) and columns [c * block_w, ...).
// Preconditions (InternalError otherwise): every argument >= 1.
sparsity::BlockGrid MatrixGrid(int64_t rows, int64_t cols, int64_t block_h, int64_t block_w);

struct BlockMask {
  sparsity::BlockGrid grid;
  std::vector<uint8_t> kept;  // grid.blocks() flags, row-major over the grid, 1 = kept

  int64_t rows() const { return grid.shape().out_channels; }
  int64_t cols() const { return grid.shape().in_per_group; }
  int64_t KeptBlocks() const;
  // Matrix elements inside kept blocks (partial edge blocks count their real elements).
  int64_t KeptElements() const { return grid.KeptElements(kept); }
};

// A random mask with llround((1 - density) x blocks) blocks zero: random scores
// (sparsity::RandomScores, seeded with `seed`) ranked by sparsity::SelectKept, the same way the
// compiler's `random` importance chooses Γ. Precondition (UserError otherwise): density in [0, 1].
BlockMask RandomBlockMask(int64_t rows, int64_t cols, int64_t block_h, int64_t block_w,
                          double density, uint64_t seed);

// The same kept elements as a 1x1 mask (what an unstructured sparse library is given).
BlockMask ElementMask(const BlockMask& mask);

}  // namespace aie2sim::spgemm
