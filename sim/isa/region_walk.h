// Walking a Buffer's bytes in one iteration, in element order, as the DMA engines and the
// functional model move them (program.proto: dims[0] is innermost; iteration i adds
// i * step, plus pingpong_offset when i is odd).
//
// Contract: ForEachRun calls `visit(address, length)` for maximal runs of consecutive bytes in
// the order the region lists its elements; the lengths add up to RegionBytes. Addresses are
// signed: callers check them against their memory (a validated program never leaves it).
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/error.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// How far a buffer has moved in `iteration`: iteration * step, plus the ping/pong offset on odd
// iterations.
inline int64_t IterationShift(int64_t step, int64_t pingpong_offset, uint32_t iteration) {
  return static_cast<int64_t>(iteration) * step + (iteration % 2 == 1 ? pingpong_offset : 0);
}

// The region's start address in `iteration`.
inline int64_t BufferAddress(const Buffer& buffer, uint32_t iteration) {
  return static_cast<int64_t>(buffer.region().address()) +
         IterationShift(buffer.step(), static_cast<int64_t>(buffer.pingpong_offset()), iteration);
}

// The lowest and the highest offset, from the region's address, of the bytes it addresses
// (negative strides reach below the address). `Int` is wide enough for the caller's trust in the
// region: the validator, which sees unchecked programs, uses 128 bits.
template <typename Int>
void RegionReach(const Region& region, Int* low, Int* high) {
  *low = 0;
  *high = 0;
  for (const Dim& dim : region.dims()) {
    if (dim.size() == 0) continue;
    const Int reach = static_cast<Int>(dim.size() - 1) * static_cast<Int>(dim.stride());
    (reach < 0 ? *low : *high) += reach;
  }
}

// Calls visit(address, length) for each run of the region placed at `base`.
template <typename Visit>
void ForEachRun(const Region& region, int64_t base, Visit&& visit) {
  const int count = region.dims_size();
  if (count == 0) return;
  for (const Dim& dim : region.dims()) {
    if (dim.size() == 0) return;
  }
  // A contiguous innermost dimension is one run; otherwise every element is its own run.
  const Dim& inner = region.dims(0);
  const bool contiguous = inner.stride() == 1;
  const int64_t run = contiguous ? inner.size() : 1;
  const int first_outer = contiguous ? 1 : 0;
  // Odometer over dims [first_outer, count).
  constexpr int kMaxDims = 16;  // the validator keeps regions to the DMA's address dims
  AIE2SIM_CHECK(count <= kMaxDims, "a region with " + std::to_string(count) + " dims");
  int64_t index[kMaxDims] = {};
  int64_t offset = 0;
  for (;;) {
    visit(base + offset, run);
    int d = first_outer;
    for (; d < count; ++d) {
      const Dim& dim = region.dims(d);
      if (++index[d] < static_cast<int64_t>(dim.size())) {
        offset += dim.stride();
        break;
      }
      offset -= static_cast<int64_t>(dim.size() - 1) * dim.stride();
      index[d] = 0;
    }
    if (d == count) return;
  }
}

}  // namespace aie2sim::isa
