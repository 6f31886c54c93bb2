#include "compiler/spgemm/block_sparse_matrix.h"

#include <algorithm>
#include <limits>

#include "sim/base/error.h"

namespace aie2sim::spgemm {

template <typename T>
int64_t BlockSparseMatrix<T>::RowSize(int64_t r) const {
  return std::min<int64_t>(block_h, rows - r * block_h);
}

template <typename T>
int64_t BlockSparseMatrix<T>::ColSize(int64_t c) const {
  return std::min<int64_t>(block_w, cols - c * block_w);
}

template <typename T>
int64_t BlockSparseMatrix<T>::KeptElements() const {
  int64_t elements = 0;
  for (int64_t r = 0; r < grid_rows; ++r) {
    for (int64_t p = row_offsets[r]; p < row_offsets[r + 1]; ++p) {
      elements += RowSize(r) * ColSize(col_indices[p]);
    }
  }
  return elements;
}

template <typename T>
BlockSparseMatrix<T> Compress(const DenseMatrix<T>& dense, const BlockMask& mask) {
  const sparsity::BlockGrid& grid = mask.grid;
  AIE2SIM_CHECK(mask.rows() == dense.rows && mask.cols() == dense.cols &&
                    static_cast<int64_t>(mask.kept.size()) == grid.blocks(),
                "block mask does not match the matrix");
  AIE2SIM_CHECK(grid.blocks() <= std::numeric_limits<int32_t>::max(),
                "too many blocks for 32-bit block indices");
  BlockSparseMatrix<T> sparse;
  sparse.rows = dense.rows;
  sparse.cols = dense.cols;
  sparse.block_h = static_cast<int>(grid.block_h());
  sparse.block_w = static_cast<int>(grid.block_w());
  sparse.grid_rows = grid.rows();
  sparse.grid_cols = grid.cols();
  const int64_t kept = mask.KeptBlocks();
  sparse.col_indices.reserve(kept);
  sparse.values.reserve(kept * sparse.BlockValues());
  sparse.row_offsets.push_back(0);
  std::vector<int64_t> column_counts(grid.cols() + 1, 0);
  for (int64_t r = 0; r < grid.rows(); ++r) {
    for (int64_t c = 0; c < grid.cols(); ++c) {
      if (!mask.kept[grid.Index(0, r, c)]) continue;
      sparse.col_indices.push_back(static_cast<int32_t>(c));
      ++column_counts[c + 1];
      for (int64_t i = 0; i < sparse.block_h; ++i) {
        for (int64_t j = 0; j < sparse.block_w; ++j) {
          const bool real = i < sparse.RowSize(r) && j < sparse.ColSize(c);
          sparse.values.push_back(real ? dense.at(r * sparse.block_h + i, c * sparse.block_w + j)
                                       : T{0});
        }
      }
    }
    sparse.row_offsets.push_back(static_cast<int64_t>(sparse.col_indices.size()));
  }
  // Column view: a counting sort of the CBR entries by column; rows stay ascending because the
  // CBR walk visits them in order.
  for (int64_t c = 0; c < grid.cols(); ++c) column_counts[c + 1] += column_counts[c];
  sparse.col_offsets = column_counts;
  sparse.row_indices.resize(kept);
  sparse.col_values.resize(sparse.values.size());
  std::vector<int64_t> next(column_counts.begin(), column_counts.end() - 1);
  for (int64_t r = 0; r < grid.rows(); ++r) {
    for (int64_t p = sparse.row_offsets[r]; p < sparse.row_offsets[r + 1]; ++p) {
      const int64_t slot = next[sparse.col_indices[p]]++;
      sparse.row_indices[slot] = static_cast<int32_t>(r);
      std::copy_n(sparse.values.begin() + p * sparse.BlockValues(), sparse.BlockValues(),
                  sparse.col_values.begin() + slot * sparse.BlockValues());
    }
  }
  return sparse;
}

template <typename T>
DenseMatrix<T> Expand(const BlockSparseMatrix<T>& sparse) {
  DenseMatrix<T> dense(sparse.rows, sparse.cols);
  for (int64_t r = 0; r < sparse.grid_rows; ++r) {
    for (int64_t p = sparse.row_offsets[r]; p < sparse.row_offsets[r + 1]; ++p) {
      const int64_t c = sparse.col_indices[p];
      const T* block = sparse.values.data() + p * sparse.BlockValues();
      for (int64_t i = 0; i < sparse.RowSize(r); ++i) {
        for (int64_t j = 0; j < sparse.ColSize(c); ++j) {
          dense.at(r * sparse.block_h + i, c * sparse.block_w + j) = block[i * sparse.block_w + j];
        }
      }
    }
  }
  return dense;
}

#define AIE2SIM_SPGEMM_INSTANTIATE(T)                                                         \
  template struct BlockSparseMatrix<T>;                                                       \
  template BlockSparseMatrix<T> Compress(const DenseMatrix<T>& dense, const BlockMask& mask); \
  template DenseMatrix<T> Expand(const BlockSparseMatrix<T>& sparse);
AIE2SIM_SPGEMM_INSTANTIATE(float)
AIE2SIM_SPGEMM_INSTANTIATE(double)
AIE2SIM_SPGEMM_INSTANTIATE(int8_t)
#undef AIE2SIM_SPGEMM_INSTANTIATE

}  // namespace aie2sim::spgemm
