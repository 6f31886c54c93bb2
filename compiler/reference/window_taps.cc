#include "compiler/reference/window_taps.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

// ceil(a / b) for b > 0 and any sign of a.
int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

}  // namespace

TapRange TapsBelow(int64_t start, int64_t kernel, int64_t dilation, int64_t limit) {
  AIE2SIM_CHECK(kernel >= 1 && dilation >= 1, "kernel and dilation must be >= 1");
  TapRange range;
  range.begin = std::clamp<int64_t>(CeilDiv(-start, dilation), 0, kernel);       // start + k*d >= 0
  range.end = std::clamp<int64_t>(CeilDiv(limit - start, dilation), 0, kernel);  // < limit
  if (range.end < range.begin) range.end = range.begin;
  return range;
}

int64_t AverageDivisor(const ir::Window& window, bool count_include_pad, int64_t in_h, int64_t in_w,
                       int64_t oh, int64_t ow) {
  const int64_t hs = oh * window.stride_h - window.pad_top;
  const int64_t ws = ow * window.stride_w - window.pad_left;
  if (count_include_pad) {
    // Every tap starts at or after -pad_begin, so only the end of the padded input clips.
    const TapRange rows = TapsBelow(hs + window.pad_top, window.kernel_h, window.dilation_h,
                                    in_h + window.pad_top + window.pad_bottom);
    const TapRange cols = TapsBelow(ws + window.pad_left, window.kernel_w, window.dilation_w,
                                    in_w + window.pad_left + window.pad_right);
    return rows.size() * cols.size();
  }
  return TapsBelow(hs, window.kernel_h, window.dilation_h, in_h).size() *
         TapsBelow(ws, window.kernel_w, window.dilation_w, in_w).size();
}

}  // namespace aie2sim::reference
