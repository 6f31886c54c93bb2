// Which kernel taps of a sliding window land where, along one axis; shared by the int8
// reference and the float calibration run so that both see the same windows.
//
// Output position o of a window (kernel K, stride S, dilation D, begin padding P) starts at input
// position s = o * S - P (negative inside the begin padding); tap k reads position s + k * D.
#pragma once

#include <cstdint>

#include "compiler/ir/graph.h"

namespace aie2sim::reference {

// Kernel taps [begin, end) of a window starting at `start` that read a position in [0, limit):
// k with 0 <= start + k * dilation < limit, clipped to [0, kernel). Empty (begin == end) when
// none does. Preconditions: kernel, dilation >= 1.
struct TapRange {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
};
TapRange TapsBelow(int64_t start, int64_t kernel, int64_t dilation, int64_t limit);

// The divisor of an AveragePool output at (oh, ow) over an in_h x in_w input, counted per axis
// and multiplied: with count_include_pad, the taps inside the input or its padding (positions
// < in + pad_end; a ceil_mode window overhanging the end padding counts only up to it), else
// the taps inside the input. For dilation 1 these are PyTorch's
//   (min(hs + KH, H + pad_bottom) - hs) * (min(ws + KW, W + pad_right) - ws)   and
//   (min(hs + KH, H) - max(hs, 0)) * (min(ws + KW, W) - max(ws, 0)).
// May be 0 (a window with no input position, excluding pads): the caller checks.
int64_t AverageDivisor(const ir::Window& window, bool count_include_pad, int64_t in_h, int64_t in_w,
                       int64_t oh, int64_t ow);

}  // namespace aie2sim::reference
