// Half-open index ranges and the even splits every tiling decision is made of.
#pragma once

#include <cstdint>
#include <vector>

namespace aie2sim::tiling {

struct Range {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const Range& other) const { return begin == other.begin && end == other.end; }
};

// Splits [0, total) into `parts` contiguous ranges whose sizes differ by at most one, the larger
// ones first (some are empty when total < parts). Uneven divisions never fail.
std::vector<Range> SplitEvenly(int64_t total, int64_t parts);

// Cuts `range` into consecutive pieces of `size` elements, the last one possibly shorter.
std::vector<Range> Chunks(Range range, int64_t size);

}  // namespace aie2sim::tiling
