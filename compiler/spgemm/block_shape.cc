#include <string>

#include "compiler/spgemm/spgemm.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {

std::string ToString(BlockShape shape) {
  return std::to_string(shape.h) + "x" + std::to_string(shape.w);
}

std::string KnownBlockShapes() {
  std::string known;
  for (const BlockShape& shape : kBlockShapes) {
    known += (known.empty() ? "" : ", ") + ToString(shape);
  }
  return known;
}

BlockShape ParseBlockShape(const std::string& text) {
  for (const BlockShape& shape : kBlockShapes) {
    if (ToString(shape) == text) return shape;
  }
  throw UserError("block shape '" + text + "': not one of " + KnownBlockShapes());
}

}  // namespace aie2sim::spgemm
