#include "compiler/tiling/range.h"

#include <algorithm>

namespace aie2sim::tiling {

std::vector<Range> SplitEvenly(int64_t total, int64_t parts) {
  std::vector<Range> ranges;
  int64_t begin = 0;
  for (int64_t i = 0; i < parts; ++i) {
    const int64_t size = total / parts + (i < total % parts ? 1 : 0);
    ranges.push_back(Range{begin, begin + size});
    begin += size;
  }
  return ranges;
}

std::vector<Range> Chunks(Range range, int64_t size) {
  std::vector<Range> chunks;
  for (int64_t begin = range.begin; begin < range.end; begin += size) {
    chunks.push_back(Range{begin, std::min(begin + size, range.end)});
  }
  return chunks;
}

}  // namespace aie2sim::tiling
