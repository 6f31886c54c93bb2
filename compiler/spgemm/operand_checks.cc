#include <string>
#include <type_traits>

#include "compiler/spgemm/spgemm.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {

template <typename T>
BlockShape SupportedShape(const BlockSparseMatrix<T>& matrix, const std::string& what) {
  const BlockShape shape{matrix.block_h, matrix.block_w};
  for (const BlockShape& known : kBlockShapes) {
    if (known.h == shape.h && known.w == shape.w) return shape;
  }
  throw UserError(what + ": block shape " + ToString(shape) + " not supported (" +
                  KnownBlockShapes() + ")");
}

template <typename T>
void CheckInnerDimension(const std::string& product, int64_t a_rows, int64_t a_cols,
                         int64_t b_rows) {
  if (a_cols != b_rows) {
    throw UserError(product + ": A is " + std::to_string(a_rows) + "x" + std::to_string(a_cols) +
                    " but B has " + std::to_string(b_rows) + " rows");
  }
  if (std::is_same_v<T, int8_t> && a_cols > kMaxInt8Inner) {
    throw UserError(product + ": inner dimension " + std::to_string(a_cols) +
                    " could overflow the int32 accumulator of int8 products (at most " +
                    std::to_string(kMaxInt8Inner) + ")");
  }
}

#define AIE2SIM_SPGEMM_INSTANTIATE(T)                                                  \
  template BlockShape SupportedShape(const BlockSparseMatrix<T>&, const std::string&); \
  template void CheckInnerDimension<T>(const std::string&, int64_t, int64_t, int64_t);
AIE2SIM_SPGEMM_INSTANTIATE(float)
AIE2SIM_SPGEMM_INSTANTIATE(double)
AIE2SIM_SPGEMM_INSTANTIATE(int8_t)
#undef AIE2SIM_SPGEMM_INSTANTIATE

}  // namespace aie2sim::spgemm
