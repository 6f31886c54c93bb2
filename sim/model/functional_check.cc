#include "sim/model/functional_check.h"

#include <vector>

#include "sim/base/error.h"

namespace aie2sim::model {
namespace {

struct Shape {
  uint64_t n = 0, h = 0, w = 0, c = 0;
  uint64_t elements() const { return n * h * w * c; }
};

std::string Coordinate(const Shape& shape, uint64_t index) {
  const uint64_t c = index % shape.c;
  const uint64_t w = index / shape.c % shape.w;
  const uint64_t h = index / (shape.c * shape.w) % shape.h;
  const uint64_t n = index / (shape.c * shape.w * shape.h);
  return "[" + std::to_string(n) + ", " + std::to_string(h) + ", " + std::to_string(w) + ", " +
         std::to_string(c) + "]";
}

// Records the first mismatch and counts all of them.
struct Mismatches {
  uint64_t count = 0;
  uint64_t first_index = 0;
  int first_expected = 0;
  int first_actual = 0;
  std::string first_where;

  void Note(uint64_t index, int8_t expected, int8_t actual, const std::string& where) {
    if (count++ > 0) return;
    first_index = index;
    first_expected = expected;
    first_actual = actual;
    first_where = where;
  }
};

}  // namespace

LayerCheck CheckLayerOutput(const isa::Layer& layer, FunctionalMemory& memory) {
  const isa::LayerData& data = layer.data();
  const isa::TensorHome& home = data.output();
  AIE2SIM_PROGRAM_CHECK(home.shape_size() == 4,
                        "layer " + layer.name() + ": output home without a shape");
  const Shape shape{home.shape(0), home.shape(1), home.shape(2), home.shape(3)};
  const std::string& expected = data.expected();
  AIE2SIM_PROGRAM_CHECK(expected.size() == shape.elements(),
                        "layer " + layer.name() + ": expected output has " +
                            std::to_string(expected.size()) + " bytes for " +
                            std::to_string(shape.elements()) + " values");
  Mismatches mismatches;
  uint64_t compared = 0;
  uint64_t held_columns = shape.w;
  auto compare = [&](uint64_t index, uint8_t actual, const std::string& where) {
    ++compared;
    const int8_t want = static_cast<int8_t>(expected[index]);
    const int8_t got = static_cast<int8_t>(actual);
    if (want != got) mismatches.Note(index, want, got, where);
  };
  if (home.in_ddr()) {
    const std::vector<uint8_t>& ddr = memory.ddr();
    AIE2SIM_PROGRAM_CHECK(home.address() + shape.elements() <= ddr.size(),
                          "layer " + layer.name() + ": output outside the functional DDR");
    static const std::string kInDdr;
    for (uint64_t i = 0; i < shape.elements(); ++i) compare(i, ddr[home.address() + i], kInDdr);
  } else {
    // Every memtile holds its columns of every image and row (halo copies included).
    std::vector<uint8_t> covered(shape.w, 0);
    for (int m = 0; m < home.columns_size(); ++m) {
      const uint64_t begin = home.columns(m).begin();
      const uint64_t end = home.columns(m).end();
      if (begin >= end) continue;
      AIE2SIM_PROGRAM_CHECK(end <= shape.w,
                            "layer " + layer.name() + ": held columns beyond the width");
      const std::vector<uint8_t>& tile = memory.memtile(static_cast<uint32_t>(m));
      const uint64_t held = end - begin;
      AIE2SIM_PROGRAM_CHECK(
          home.address() + shape.n * shape.h * held * shape.c <= tile.size(),
          "layer " + layer.name() + ": resident output outside memtile " + std::to_string(m));
      const std::string where = " in memtile(" + std::to_string(m) + ")";
      for (uint64_t n = 0; n < shape.n; ++n) {
        for (uint64_t h = 0; h < shape.h; ++h) {
          for (uint64_t w = begin; w < end; ++w) {
            const uint64_t local =
                home.address() + ((n * shape.h + h) * held + (w - begin)) * shape.c;
            const uint64_t index = ((n * shape.h + h) * shape.w + w) * shape.c;
            for (uint64_t c = 0; c < shape.c; ++c) compare(index + c, tile[local + c], where);
          }
        }
      }
      for (uint64_t w = begin; w < end; ++w) covered[w] = 1;
    }
    // Columns no reader needs are held nowhere (memtile_plan.h) and so are not checked.
    held_columns = 0;
    for (uint8_t held : covered) held_columns += held;
  }
  if (mismatches.count > 0) {
    throw FunctionalMismatchError(
        "functional mismatch in layer " + layer.name() + " (" + layer.op() + ", output " +
        home.tensor() + "): at " + Coordinate(shape, mismatches.first_index) +
        mismatches.first_where + " expected " + std::to_string(mismatches.first_expected) +
        ", got " + std::to_string(mismatches.first_actual) + " (" +
        std::to_string(mismatches.count) + " of " + std::to_string(compared) +
        " bytes compared differ)");
  }
  LayerCheck check;
  check.name = layer.name();
  check.values = shape.n * shape.h * held_columns * shape.c;
  // A layer whose output lies nowhere would pass without a single comparison.
  AIE2SIM_PROGRAM_CHECK(check.values > 0, "functional check of layer " + layer.name() +
                                              ": its output location holds no value to compare");
  uint64_t nondegenerate = 0;
  for (const char byte : expected) {
    const int8_t value = static_cast<int8_t>(byte);
    nondegenerate += value != 0 && value != -128 && value != 127 ? 1 : 0;
  }
  check.nondegenerate_share =
      expected.empty() ? 0.0 : static_cast<double>(nondegenerate) / expected.size();
  return check;
}

}  // namespace aie2sim::model
