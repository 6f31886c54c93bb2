// Which kernel taps of a sliding window land where, along one axis (TapsBelow) and over a whole
// BHWC tensor (ForEachWindow); shared by the int8 reference and the float calibration run so
// that both see the same windows. Independent of the simulator's kernels on purpose.
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

// One output position of a window sliding over a BHWC input, as ForEachWindow visits it. Pixel
// indices count BHWC pixels (multiply by C for an element offset).
struct WindowAt {
  int64_t n = 0, oh = 0, ow = 0;  // the output position
  int64_t out_pixel = 0;          // its pixel index: (n * OH + oh) * OW + ow
  TapRange rows, cols;            // the kernel rows / columns whose taps lie inside the input
  bool inside = false;            // every tap lies inside (rows x cols is the whole kernel)
  // Pixel index of tap (0, 0), (n * H + hs) * W + ws with hs = oh * stride_h - pad_top and
  // ws = ow * stride_w - pad_left; names an input pixel only when `inside`.
  int64_t in_origin = 0;
  int64_t kernel_w = 1;                // taps per kernel row
  int64_t row_step = 0, col_step = 0;  // pixels between taps: dilation_h * W, dilation_w

  // Calls visit(tap, in_pixel) for each tap inside the input, kernel row by row: tap is
  // kh * KW + kw, in_pixel the pixel index it reads. Taps in the padding are not visited.
  template <typename Visit>
  void ForEachTap(Visit&& visit) const {
    for (int64_t kh = rows.begin; kh < rows.end; ++kh) {
      const int64_t row_pixel = in_origin + kh * row_step;
      for (int64_t kw = cols.begin; kw < cols.end; ++kw) {
        visit(kh * kernel_w + kw, row_pixel + kw * col_step);
      }
    }
  }
};

// Calls visit(const WindowAt&) for every output position of `window` over an `in`-shaped input,
// in BHWC order (n, then oh, then ow); the WindowAt is valid only during the call. Each visit
// sees the taps clipped to the input (TapsBelow): a window with no tap inside has an empty
// rows or cols, which the caller checks where it matters. Preconditions: out.n == in.n, kernel
// and dilation >= 1.
template <typename Visit>
void ForEachWindow(const ir::Shape& in, const ir::Shape& out, const ir::Window& window,
                   Visit&& visit) {
  WindowAt at;
  at.kernel_w = window.kernel_w;
  at.row_step = window.dilation_h * in.w;
  at.col_step = window.dilation_w;
  for (at.n = 0; at.n < out.n; ++at.n) {
    for (at.oh = 0; at.oh < out.h; ++at.oh) {
      const int64_t hs = at.oh * window.stride_h - window.pad_top;
      at.rows = TapsBelow(hs, window.kernel_h, window.dilation_h, in.h);
      const int64_t row_origin = (at.n * in.h + hs) * in.w;
      for (at.ow = 0; at.ow < out.w; ++at.ow) {
        const int64_t ws = at.ow * window.stride_w - window.pad_left;
        at.cols = TapsBelow(ws, window.kernel_w, window.dilation_w, in.w);
        at.inside = at.rows.size() == window.kernel_h && at.cols.size() == window.kernel_w;
        at.out_pixel = (at.n * out.h + at.oh) * out.w + at.ow;
        at.in_origin = row_origin + ws;
        visit(static_cast<const WindowAt&>(at));
      }
    }
  }
}

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
