// Dense row-major matrices and the accumulator type of each input precision, for the block-sparse
// GEMM kernels (PAPER.md §2).
#pragma once

#include <cstdint>
#include <vector>

namespace aie2sim::spgemm {

// The type a product of T accumulates and is returned in: float and double accumulate in their
// own type, int8 in int32 (the AIE2 int8 MAC's accumulation, PAPER.md §1).
template <typename T>
struct Accumulator {
  using type = T;
};
template <>
struct Accumulator<int8_t> {
  using type = int32_t;
};
template <typename T>
using AccumulatorT = typename Accumulator<T>::type;

// rows x cols values, row after row.
template <typename T>
struct DenseMatrix {
  DenseMatrix() = default;
  DenseMatrix(int64_t rows_in, int64_t cols_in)
      : rows(rows_in), cols(cols_in), data(static_cast<size_t>(rows_in * cols_in)) {}

  T& at(int64_t row, int64_t col) { return data[static_cast<size_t>(row * cols + col)]; }
  const T& at(int64_t row, int64_t col) const {
    return data[static_cast<size_t>(row * cols + col)];
  }

  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<T> data;
};

}  // namespace aie2sim::spgemm
