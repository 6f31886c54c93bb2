// C = A · (ΓB): the row panels of A over std::thread workers, each panel through the clone of
// its block shape and precision (kernels_isa.h, block_kernels.h).
#include <string>
#include <vector>

#include "compiler/spgemm/block_kernels.h"
#include "compiler/spgemm/kernels_isa.h"
#include "compiler/spgemm/parallel.h"
#include "compiler/spgemm/spgemm.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {
namespace {

using internal::OneSidedTask;

template <typename T>
using OneSidedPanelFn = void (*)(const OneSidedTask<T>&, int64_t, AccumulatorT<T>*);

#define AIE2SIM_ONE_SIDED_CLONE(T, H, W)                                                           \
  AIE2SIM_SPGEMM_TARGETS void OneSided_##T##_##H##_##W(const OneSidedTask<T>& task, int64_t panel, \
                                                       AccumulatorT<T>* packed) {                  \
    internal::OneSidedPanel<T, H, W>(task, panel, packed);                                         \
  }
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_ONE_SIDED_CLONE, float)
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_ONE_SIDED_CLONE, double)
AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_ONE_SIDED_CLONE, int8_t)
#undef AIE2SIM_ONE_SIDED_CLONE

template <typename T>
OneSidedPanelFn<T> OneSidedPanelOf(BlockShape shape);
#define AIE2SIM_ONE_SIDED_CASE(T, H, W) \
  if (shape.h == H && shape.w == W) return &OneSided_##T##_##H##_##W;
#define AIE2SIM_ONE_SIDED_LOOKUP(T)                                    \
  template <>                                                          \
  OneSidedPanelFn<T> OneSidedPanelOf<T>(BlockShape shape) {            \
    AIE2SIM_SPGEMM_FOR_EACH_SHAPE(AIE2SIM_ONE_SIDED_CASE, T)           \
    throw InternalError("no one-sided kernel for " + ToString(shape)); \
  }
AIE2SIM_ONE_SIDED_LOOKUP(float)
AIE2SIM_ONE_SIDED_LOOKUP(double)
AIE2SIM_ONE_SIDED_LOOKUP(int8_t)
#undef AIE2SIM_ONE_SIDED_LOOKUP
#undef AIE2SIM_ONE_SIDED_CASE

}  // namespace

template <typename T>
void MultiplyOneSided(const DenseMatrix<T>& a, const BlockSparseMatrix<T>& b,
                      DenseMatrix<AccumulatorT<T>>* c, int threads) {
  using Acc = AccumulatorT<T>;
  CheckInnerDimension<T>("one-sided product", a.rows, a.cols, b.rows);
  const BlockShape shape = SupportedShape(b, "one-sided product: B");
  const OneSidedPanelFn<T> panel_fn = OneSidedPanelOf<T>(shape);
  const int panel_rows = shape.w == 1   ? internal::PanelRows<1>(sizeof(Acc))
                         : shape.w == 4 ? internal::PanelRows<4>(sizeof(Acc))
                         : shape.w == 8 ? internal::PanelRows<8>(sizeof(Acc))
                                        : internal::PanelRows<16>(sizeof(Acc));
  if (c->rows != a.rows || c->cols != b.cols) *c = DenseMatrix<Acc>(a.rows, b.cols);
  const int64_t panels = (a.rows + panel_rows - 1) / panel_rows;
  const int workers = Workers(panels, threads);
  std::vector<std::vector<Acc>> packed(
      workers, std::vector<Acc>(static_cast<size_t>(panel_rows * b.grid_rows * b.block_h)));
  const OneSidedTask<T> task{&a, &b, c->data.data()};
  ParallelFor(panels, threads,
              [&](int worker, int64_t panel) { panel_fn(task, panel, packed[worker].data()); });
}

template void MultiplyOneSided(const DenseMatrix<float>&, const BlockSparseMatrix<float>&,
                               DenseMatrix<float>*, int);
template void MultiplyOneSided(const DenseMatrix<double>&, const BlockSparseMatrix<double>&,
                               DenseMatrix<double>*, int);
template void MultiplyOneSided(const DenseMatrix<int8_t>&, const BlockSparseMatrix<int8_t>&,
                               DenseMatrix<int32_t>*, int);

}  // namespace aie2sim::spgemm
