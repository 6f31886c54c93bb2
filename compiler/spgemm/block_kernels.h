// The fixed-size inner loops of the block-sparse products (internal to compiler/spgemm). Every
// function here is inlined into one ISA-specific clone per block shape and precision
// (kernels_isa.h), so its loops, all with compile-time trip counts over a block, are unrolled
// and vectorised for that clone's instruction set.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "compiler/spgemm/block_sparse_matrix.h"
#include "compiler/spgemm/dense_matrix.h"

#define AIE2SIM_SPGEMM_INLINE inline __attribute__((always_inline))

namespace aie2sim::spgemm::internal {

// Bytes of the C tile a one-sided panel keeps in registers: eight 256-bit registers, half the
// AVX2 register file (the rest holds B's block row and A's broadcasts).
inline constexpr int kTileBytes = 256;

// Rows of A in one one-sided panel: the C tile is PanelRows x BW accumulators.
constexpr int PanelRows(int block_w, size_t acc_bytes) {
  return std::max<int>(1, kTileBytes / (block_w * static_cast<int>(acc_bytes)));
}

template <typename T>
struct OneSidedTask {
  const DenseMatrix<T>* a;
  const BlockSparseMatrix<T>* b;
  AccumulatorT<T>* c;  // a->rows x b->cols, row-major
};

// Panel `panel` of a one-sided product: rows [panel x MR, +MR) of C. `packed` holds
// MR x (b.grid_rows x BH) accumulator values: A's panel, k-major (MR values per k), zero past A's
// last row and column, so the edge blocks' padding multiplies zeros.
template <typename T, int BH, int BW>
AIE2SIM_SPGEMM_INLINE void OneSidedPanel(const OneSidedTask<T>& task, int64_t panel,
                                         AccumulatorT<T>* packed) {
  using Acc = AccumulatorT<T>;
  constexpr int MR = PanelRows(BW, sizeof(Acc));
  const DenseMatrix<T>& a = *task.a;
  const BlockSparseMatrix<T>& b = *task.b;
  const int64_t m0 = panel * MR;
  const int64_t rows = std::min<int64_t>(MR, a.rows - m0);
  const int64_t k_padded = b.grid_rows * BH;
  std::fill(packed, packed + k_padded * MR, Acc{0});
  for (int64_t m = 0; m < rows; ++m) {
    const T* row = a.data.data() + (m0 + m) * a.cols;
    for (int64_t k = 0; k < a.cols; ++k) packed[k * MR + m] = static_cast<Acc>(row[k]);
  }

  const T* values = b.col_values.data();
  for (int64_t jb = 0; jb < b.grid_cols; ++jb) {
    Acc tile[MR][BW] = {};
    for (int64_t q = b.col_offsets[jb]; q < b.col_offsets[jb + 1]; ++q) {
      const T* block = values + q * (BH * BW);
      const Acc* panel_k = packed + int64_t{b.row_indices[q]} * (BH * MR);
      for (int i = 0; i < BH; ++i) {
        Acc block_row[BW];
        for (int j = 0; j < BW; ++j) block_row[j] = static_cast<Acc>(block[i * BW + j]);
        for (int m = 0; m < MR; ++m) {
          const Acc value = panel_k[i * MR + m];
          for (int j = 0; j < BW; ++j) tile[m][j] += value * block_row[j];
        }
      }
    }
    const int64_t cols = b.ColSize(jb);
    Acc* out = task.c + m0 * b.cols + jb * BW;
    for (int64_t m = 0; m < rows; ++m) {
      std::copy(tile[m], tile[m] + cols, out + m * b.cols);
    }
  }
}

template <typename T>
struct TwoSidedTask {
  const BlockSparseMatrix<T>* a;  // block shape BW x BH
  const BlockSparseMatrix<T>* b;  // block shape BH x BW
  AccumulatorT<T>* c;             // a->rows x b->cols, row-major
};

// Block row `row` of a two-sided product: every C block (row, jb), from the block pairs found by
// merging A's block row with B's block column jb.
template <typename T, int BH, int BW>
AIE2SIM_SPGEMM_INLINE void TwoSidedBlockRow(const TwoSidedTask<T>& task, int64_t row) {
  using Acc = AccumulatorT<T>;
  constexpr int BM = BW;  // A's blocks are BM x BK, B's BK x BN
  constexpr int BK = BH;
  constexpr int BN = BW;
  const BlockSparseMatrix<T>& a = *task.a;
  const BlockSparseMatrix<T>& b = *task.b;
  const int64_t a_begin = a.row_offsets[row];
  const int64_t a_end = a.row_offsets[row + 1];
  const int64_t rows = a.RowSize(row);
  for (int64_t jb = 0; jb < b.grid_cols; ++jb) {
    Acc tile[BM][BN] = {};
    int64_t p = a_begin;
    int64_t q = b.col_offsets[jb];
    const int64_t q_end = b.col_offsets[jb + 1];
    while (p < a_end && q < q_end) {
      const int32_t a_col = a.col_indices[p];
      const int32_t b_row = b.row_indices[q];
      if (a_col < b_row) {
        ++p;
      } else if (b_row < a_col) {
        ++q;
      } else {
        const T* a_block = a.values.data() + p * (BM * BK);
        const T* b_block = b.col_values.data() + q * (BK * BN);
        for (int k = 0; k < BK; ++k) {
          Acc block_row[BN];
          for (int j = 0; j < BN; ++j) block_row[j] = static_cast<Acc>(b_block[k * BN + j]);
          for (int m = 0; m < BM; ++m) {
            const Acc value = static_cast<Acc>(a_block[m * BK + k]);
            for (int j = 0; j < BN; ++j) tile[m][j] += value * block_row[j];
          }
        }
        ++p;
        ++q;
      }
    }
    const int64_t cols = b.ColSize(jb);
    Acc* out = task.c + row * BM * b.cols + jb * BN;
    for (int64_t m = 0; m < rows; ++m) std::copy(tile[m], tile[m] + cols, out + m * b.cols);
  }
}

}  // namespace aie2sim::spgemm::internal
