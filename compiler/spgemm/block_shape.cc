#include <string>

#include "compiler/spgemm/spgemm.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {

std::string ToString(BlockShape shape) {
  return std::to_string(shape.h) + "x" + std::to_string(shape.w);
}

namespace {

std::string KnownShapes() {
  std::string known;
  for (const BlockShape& shape : kBlockShapes) {
    known += (known.empty() ? "" : ", ") + ToString(shape);
  }
  return known;
}

}  // namespace

BlockShape ParseBlockShape(const std::string& text) {
  for (const BlockShape& shape : kBlockShapes) {
    if (ToString(shape) == text) return shape;
  }
  throw UserError("block shape '" + text + "': not one of " + KnownShapes());
}

template <typename T>
BlockShape SupportedShape(const BlockSparseMatrix<T>& matrix, const std::string& what) {
  const BlockShape shape{matrix.block_h, matrix.block_w};
  for (const BlockShape& known : kBlockShapes) {
    if (known.h == shape.h && known.w == shape.w) return shape;
  }
  throw UserError(what + ": block shape " + ToString(shape) + " not supported (" + KnownShapes() +
                  ")");
}

template BlockShape SupportedShape(const BlockSparseMatrix<float>&, const std::string&);
template BlockShape SupportedShape(const BlockSparseMatrix<double>&, const std::string&);
template BlockShape SupportedShape(const BlockSparseMatrix<int8_t>&, const std::string&);

}  // namespace aie2sim::spgemm
