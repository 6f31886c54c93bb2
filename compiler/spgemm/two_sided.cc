// C = (ΓA)(ΩB): the block rows of A over std::thread workers (dynamic: rows differ in work), each
// through the clone of its block shape and precision (kernels_isa.h, block_kernels.h).
#include <string>

#include "compiler/spgemm/block_kernels.h"
#include "compiler/spgemm/kernels_isa.h"
#include "compiler/spgemm/parallel.h"
#include "compiler/spgemm/spgemm.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {
namespace {

using internal::TwoSidedTask;

template <typename T>
using TwoSidedRowFn = void (*)(const TwoSidedTask<T>&, int64_t);

#define AIE2SIM_TWO_SIDED_CLONE(T, H, W)                                                           \
  AIE2SIM_SPGEMM_TARGETS void TwoSided_##T##_##H##_##W(const TwoSidedTask<T>& task, int64_t row) { \
    internal::TwoSidedBlockRow<T, H, W>(task, row);                                                \
  }
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_TWO_SIDED_CLONE, float)
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_TWO_SIDED_CLONE, double)
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_TWO_SIDED_CLONE, int8_t)
#undef AIE2SIM_TWO_SIDED_CLONE

template <typename T>
TwoSidedRowFn<T> TwoSidedRowOf(BlockShape shape);
#define AIE2SIM_TWO_SIDED_CASE(T, H, W) \
  if (shape.h == H && shape.w == W) return &TwoSided_##T##_##H##_##W;
#define AIE2SIM_TWO_SIDED_LOOKUP(T)                                    \
  template <>                                                          \
  TwoSidedRowFn<T> TwoSidedRowOf<T>(BlockShape shape) {                \
    AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_TWO_SIDED_CASE, T)           \
    throw InternalError("no two-sided kernel for " + ToString(shape)); \
  }
AIE2SIM_TWO_SIDED_LOOKUP(float)
AIE2SIM_TWO_SIDED_LOOKUP(double)
AIE2SIM_TWO_SIDED_LOOKUP(int8_t)
#undef AIE2SIM_TWO_SIDED_LOOKUP
#undef AIE2SIM_TWO_SIDED_CASE

// B's block shape, once A and B are checked to fit each other.
template <typename T>
BlockShape CheckOperands(const BlockSparseMatrix<T>& a, const BlockSparseMatrix<T>& b) {
  CheckInnerDimension<T>("two-sided product", a.rows, a.cols, b.rows);
  const BlockShape shape = SupportedShape(b, "two-sided product: B");
  if (a.block_h != b.block_w || a.block_w != b.block_h) {
    throw UserError("two-sided product: A's blocks are " + ToString({a.block_h, a.block_w}) +
                    ", B's " + ToString(shape) + ": A needs the transpose of B's block shape");
  }
  return shape;
}

}  // namespace

template <typename T>
void MultiplyTwoSided(const BlockSparseMatrix<T>& a, const BlockSparseMatrix<T>& b,
                      DenseMatrix<AccumulatorT<T>>* c, int threads) {
  const TwoSidedRowFn<T> row_fn = TwoSidedRowOf<T>(CheckOperands(a, b));
  if (c->rows != a.rows || c->cols != b.cols) *c = DenseMatrix<AccumulatorT<T>>(a.rows, b.cols);
  const TwoSidedTask<T> task{&a, &b, c->data.data()};
  ParallelFor(a.grid_rows, threads, [&](int, int64_t row) { row_fn(task, row); });
}

template <typename T>
int64_t TwoSidedMultiplyAdds(const BlockSparseMatrix<T>& a, const BlockSparseMatrix<T>& b) {
  CheckOperands(a, b);
  int64_t total = 0;
  for (int64_t row = 0; row < a.grid_rows; ++row) {
    for (int64_t col = 0; col < b.grid_cols; ++col) {
      int64_t p = a.row_offsets[row];
      int64_t q = b.col_offsets[col];
      while (p < a.row_offsets[row + 1] && q < b.col_offsets[col + 1]) {
        if (a.col_indices[p] < b.row_indices[q]) {
          ++p;
        } else if (b.row_indices[q] < a.col_indices[p]) {
          ++q;
        } else {
          total += a.RowSize(row) * b.RowSize(b.row_indices[q]) * b.ColSize(col);
          ++p;
          ++q;
        }
      }
    }
  }
  return total;
}

#define AIE2SIM_TWO_SIDED_INSTANTIATE(T)                                                   \
  template void MultiplyTwoSided(const BlockSparseMatrix<T>&, const BlockSparseMatrix<T>&, \
                                 DenseMatrix<AccumulatorT<T>>*, int);                      \
  template int64_t TwoSidedMultiplyAdds(const BlockSparseMatrix<T>&, const BlockSparseMatrix<T>&);
AIE2SIM_TWO_SIDED_INSTANTIATE(float)
AIE2SIM_TWO_SIDED_INSTANTIATE(double)
AIE2SIM_TWO_SIDED_INSTANTIATE(int8_t)
#undef AIE2SIM_TWO_SIDED_INSTANTIATE

}  // namespace aie2sim::spgemm
