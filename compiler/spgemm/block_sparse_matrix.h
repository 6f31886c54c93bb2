// A block-sparse matrix in the paper's compressed block row (CBR) format (PAPER.md §1-2), with a
// column view for the kernels that walk it by block column.
//
// CBR: the kept blocks in block-row order, block columns ascending within a row; each block's
// block_h x block_w values row-major. A partial edge block is stored zero-padded to the full
// block, so the kernels' inner block product has a fixed size; the padding is never part of
// the matrix (Expand and the kernels' outputs ignore it).
//
// Column view: the same kept blocks listed by block column, block rows ascending, with a second
// copy of their values in that order (compressed block column). The one-sided kernel streams B
// by block column and the two-sided one merges B's block columns, so their walk over the values
// is sequential; reading the blocks in place in the CBR order instead is a jump of a whole block
// row per block, which once B outgrows the L2 cache made the 8x8 product at N = 2048 several
// times slower than at N = 512. It is built with the matrix and costs the kept values again.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/spgemm/block_mask.h"
#include "compiler/spgemm/dense_matrix.h"

namespace aie2sim::spgemm {

template <typename T>
struct BlockSparseMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  int block_h = 1;
  int block_w = 1;
  int64_t grid_rows = 0;
  int64_t grid_cols = 0;

  // CBR.
  std::vector<int64_t> row_offsets;  // grid_rows + 1: kept blocks of block row r are
                                     // [row_offsets[r], row_offsets[r + 1])
  std::vector<int32_t> col_indices;  // block column of each kept block, ascending per row
  std::vector<T> values;             // block_h * block_w per kept block

  // Column view.
  std::vector<int64_t> col_offsets;  // grid_cols + 1
  std::vector<int32_t> row_indices;  // block row of each entry, ascending per column
  std::vector<T> col_values;         // block_h * block_w per entry, as in `values`

  int64_t KeptBlocks() const { return static_cast<int64_t>(col_indices.size()); }
  int64_t BlockValues() const { return int64_t{block_h} * block_w; }
  // Real rows / columns of block row r / block column c (fewer in a partial edge block).
  int64_t RowSize(int64_t r) const;
  int64_t ColSize(int64_t c) const;
  // Matrix elements inside kept blocks, without the edge padding.
  int64_t KeptElements() const;
};

// The kept blocks of `dense` under `mask` (whose grid must have dense's sides: InternalError
// otherwise). Elements of zero blocks are dropped whatever their value.
template <typename T>
BlockSparseMatrix<T> Compress(const DenseMatrix<T>& dense, const BlockMask& mask);

// The inverse: a dense matrix, zero outside the kept blocks.
template <typename T>
DenseMatrix<T> Expand(const BlockSparseMatrix<T>& sparse);

}  // namespace aie2sim::spgemm
