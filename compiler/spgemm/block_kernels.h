// The fixed-size inner loops of the block-sparse products (internal to compiler/spgemm). Every
// function here is inlined into one ISA-specific clone per block shape and precision
// (kernels_isa.h), so its loops, all with compile-time trip counts over a block, are unrolled
// and vectorised for that clone's instruction set.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "compiler/spgemm/block_sparse_matrix.h"
#include "compiler/spgemm/dense_matrix.h"

#define AIE2SIM_SPGEMM_INLINE inline __attribute__((always_inline))

namespace aie2sim::spgemm::internal {

// How a one-sided panel vectorises its C tile, chosen per block width by measurement: 4 and 8
// columns vectorise over the panel's rows, one AVX-512 register of them, B's values broadcast;
// 1 and 16 columns over the block's columns, A's values broadcast (for 1 column the compiler
// then vectorises over the rows by itself). At N = 2048, 50%, float, on AVX-512, rows instead of
// columns took 8x8 from ~200 to ~120 ms of CPU and 4x4 and 16x4 from ~730 to ~140 ms; vectorised
// over rows, 1x1 slowed from ~260 to ~380 ms.
template <int BW>
inline constexpr bool kVectorOverRows = BW == 4 || BW == 8;

// Bytes of the C tile a panel vectorised over the block's columns keeps in registers: eight
// 256-bit registers, half the AVX2 register file (the rest holds B's block row and A's
// broadcasts); a panel vectorised over rows has 64 bytes of rows (one AVX-512 register, two AVX2
// ones) per block column.
inline constexpr int kTileBytes = 256;
inline constexpr int kRowVectorBytes = 64;

// Rows of A in one one-sided panel.
template <int BW>
constexpr int PanelRows(size_t acc_bytes) {
  const int bytes = static_cast<int>(acc_bytes);
  return kVectorOverRows<BW> ? kRowVectorBytes / bytes : std::max(1, kTileBytes / (BW * bytes));
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
  constexpr int MR = PanelRows<BW>(sizeof(Acc));
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
    const int64_t cols = b.ColSize(jb);
    Acc* out = task.c + m0 * b.cols + jb * BW;
    if constexpr (kVectorOverRows<BW>) {
      // tile[j] is column j of the C tile: a whole vector of the panel's rows per multiply-add,
      // with B's value broadcast.
      Acc tile[BW][MR] = {};
      for (int64_t q = b.col_offsets[jb]; q < b.col_offsets[jb + 1]; ++q) {
        const T* block = values + q * (BH * BW);
        const Acc* panel_k = packed + int64_t{b.row_indices[q]} * (BH * MR);
        for (int i = 0; i < BH; ++i) {
          for (int j = 0; j < BW; ++j) {
            const Acc value = static_cast<Acc>(block[i * BW + j]);
            // Left rolled for the loop vectoriser: unrolled, it is vectorised across j instead.
#pragma GCC unroll 1
            for (int m = 0; m < MR; ++m) tile[j][m] += panel_k[i * MR + m] * value;
          }
        }
      }
      for (int64_t m = 0; m < rows; ++m) {
        for (int64_t j = 0; j < cols; ++j) out[m * b.cols + j] = tile[j][m];
      }
    } else {
      // tile[m] is row m of the C tile: B's block row as the vector, A's value broadcast.
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
      for (int64_t m = 0; m < rows; ++m) std::copy(tile[m], tile[m] + cols, out + m * b.cols);
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
  // The block pairs of one C block, found first so that the products run in a plain loop (a
  // product inside the merge's branches is left unvectorised).
  std::vector<std::pair<const T*, const T*>> pairs;
  pairs.reserve(static_cast<size_t>(a_end - a_begin));
  for (int64_t jb = 0; jb < b.grid_cols; ++jb) {
    pairs.clear();
    int64_t p = a_begin;
    int64_t q = b.col_offsets[jb];
    const int64_t q_end = b.col_offsets[jb + 1];
    while (p < a_end && q < q_end) {
      const int32_t a_col = a.col_indices[p];
      const int32_t b_row = b.row_indices[q];
      if (a_col == b_row) {
        pairs.emplace_back(a.values.data() + p * (BM * BK), b.col_values.data() + q * (BK * BN));
      }
      p += a_col <= b_row;
      q += b_row <= a_col;
    }
    Acc tile[BM][BN] = {};
    for (const auto& [a_block, b_block] : pairs) {
      // The one-sided panel's loop order: per row k of B's block, A's column k (copied
      // contiguous first) times that row.
      Acc a_columns[BK][BM];
      for (int m = 0; m < BM; ++m) {
        for (int k = 0; k < BK; ++k) a_columns[k][m] = static_cast<Acc>(a_block[m * BK + k]);
      }
      for (int k = 0; k < BK; ++k) {
        Acc block_row[BN];
        for (int j = 0; j < BN; ++j) block_row[j] = static_cast<Acc>(b_block[k * BN + j]);
        for (int m = 0; m < BM; ++m) {
          const Acc value = a_columns[k][m];
          for (int j = 0; j < BN; ++j) tile[m][j] += value * block_row[j];
        }
      }
    }
    const int64_t cols = b.ColSize(jb);
    Acc* out = task.c + row * BM * b.cols + jb * BN;
    for (int64_t m = 0; m < rows; ++m) std::copy(tile[m], tile[m] + cols, out + m * b.cols);
  }
}

}  // namespace aie2sim::spgemm::internal
