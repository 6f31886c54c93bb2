#include "sim/functional/core_kernel.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"
#include "sim/functional/weight_piece.h"

namespace aie2sim::functional {
namespace {

// |int8 x int8| <= 2^14, so an int32 sum of this many products is exact.
constexpr int64_t kExactInt32Products = (int64_t{1} << 31) / (int64_t{1} << 14) - 1;

std::string KernelName(isa::KernelKind kind) { return isa::KernelKind_Name(kind); }

[[noreturn]] void Fail(const isa::Compute& compute, const std::string& what) {
  throw ProgramError("functional " + KernelName(compute.kernel()) + " kernel: " + what);
}

void Check(bool condition, const isa::Compute& compute, const std::string& what) {
  if (!condition) Fail(compute, what);
}

void CheckSize(const isa::Compute& compute, const char* what, size_t actual, int64_t expected) {
  Check(static_cast<int64_t>(actual) == expected, compute,
        std::string(what) + " buffer holds " + std::to_string(actual) + " bytes, the dims need " +
            std::to_string(expected));
}

// The subvolume's shape as signed integers; stride and dilation 0 read as 1.
struct Shape {
  int64_t out_rows, out_cols, couts, in_rows, in_cols, cins;
  int64_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
  int64_t pad_top, pad_bottom, pad_left, pad_right;

  int64_t outputs() const { return out_rows * out_cols * couts; }
  int64_t pixels() const { return out_rows * out_cols; }
  int64_t input_block() const { return in_rows * in_cols * cins; }
};

Shape ShapeOf(const isa::KernelDims& d) {
  auto at_least_one = [](uint32_t v) { return static_cast<int64_t>(std::max<uint32_t>(v, 1)); };
  return Shape{d.out_rows(),
               d.out_cols(),
               d.out_channels(),
               d.in_rows(),
               d.in_cols(),
               d.in_channels(),
               d.kernel_h(),
               d.kernel_w(),
               at_least_one(d.stride_h()),
               at_least_one(d.stride_w()),
               at_least_one(d.dilation_h()),
               at_least_one(d.dilation_w()),
               d.pad_top(),
               d.pad_bottom(),
               d.pad_left(),
               d.pad_right()};
}

// A window position inside the buffer: the kernel index kh * KW + kw and the input offset of
// its pixel (channel 0).
struct Tap {
  int64_t k;
  int64_t offset;
};

// The in-buffer positions of output pixel (o, p)'s window.
void CollectTaps(const Shape& s, int64_t o, int64_t p, std::vector<Tap>* taps) {
  taps->clear();
  for (int64_t kh = 0; kh < s.kernel_h; ++kh) {
    const int64_t r = o * s.stride_h + kh * s.dilation_h - s.pad_top;
    if (r < 0 || r >= s.in_rows) continue;
    for (int64_t kw = 0; kw < s.kernel_w; ++kw) {
      const int64_t c = p * s.stride_w + kw * s.dilation_w - s.pad_left;
      if (c < 0 || c >= s.in_cols) continue;
      taps->push_back(Tap{kh * s.kernel_w + kw, (r * s.in_cols + c) * s.cins});
    }
  }
}

// Every window position lies in the buffer or its declared padding.
void CheckWindows(const isa::Compute& compute, const Shape& s) {
  Check(s.kernel_h >= 1 && s.kernel_w >= 1, compute, "kernel size 0");
  Check(s.out_rows >= 1 && s.out_cols >= 1 && s.couts >= 1, compute, "empty output");
  const int64_t rows = (s.out_rows - 1) * s.stride_h + (s.kernel_h - 1) * s.dilation_h + 1;
  const int64_t cols = (s.out_cols - 1) * s.stride_w + (s.kernel_w - 1) * s.dilation_w + 1;
  Check(
      rows <= s.pad_top + s.in_rows + s.pad_bottom && cols <= s.pad_left + s.in_cols + s.pad_right,
      compute,
      "the windows span " + std::to_string(rows) + " x " + std::to_string(cols) +
          " positions, beyond the " + std::to_string(s.in_rows) + " x " +
          std::to_string(s.in_cols) + " buffer and its padding");
}

int32_t Dot(const int8_t* a, const int8_t* b, int64_t n) {
  int32_t sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += static_cast<int32_t>(a[i]) * static_cast<int32_t>(b[i]);
  return sum;
}

int8_t Finish(int8_t q, const isa::LayerData& layer, const isa::Compute& compute) {
  return compute.relu() ? quant::Activate(q, layer.activation_max()) : q;
}

// Weights at kernel position k, input channels [begin, begin + size) of the piece's range.
struct WeightRun {
  int64_t k;
  int64_t begin;
  int64_t size;
};

// Consecutive output channels of the piece with one non-zero pattern and one input base. Their
// weights are packed to the non-zero runs, and once per output pixel the input window is packed
// the same way, so that each output is one contiguous dot product over `packed` bytes.
struct ChannelGroup {
  int64_t first;  // piece-relative output channels [first, end)
  int64_t end;
  int64_t base;       // buffer channel of the weights' first input channel
  size_t runs_begin;  // into the run list
  size_t runs_end;
  int64_t packed;  // bytes per output channel
  size_t weights;  // offset of the group's packed weights
};

// The packed form of a decoded piece [couts][kernel][cins]. Zero patterns are found per kernel
// position at the granularity of `chunk` input channels aligned to multiples of `chunk` in the
// group's numbering (`first` = the number of the piece's channel 0): whole dropped blocks for
// block-sparse weights, all-zero output channels and kernel positions for dense ones.
struct PackedWeights {
  std::vector<ChannelGroup> groups;
  std::vector<WeightRun> runs;
  std::vector<int8_t> weights;
  int64_t widest = 0;  // the longest packed row

  template <typename BaseOf>
  void Pack(const std::vector<int8_t>& dense, int64_t couts, int64_t kernel, int64_t cins,
            int64_t first, int64_t chunk, BaseOf base_of) {
    groups.clear();
    runs.clear();
    weights.clear();
    widest = 0;
    std::vector<int64_t> bounds = {0};  // chunk boundaries within [0, cins]
    while (bounds.back() < cins) {
      const int64_t at = bounds.back();
      bounds.push_back(std::min(cins, (first + at) / chunk * chunk + chunk - first));
    }
    const int64_t chunks = static_cast<int64_t>(bounds.size()) - 1;
    std::vector<uint8_t> pattern(static_cast<size_t>(kernel * chunks));
    std::vector<uint8_t> previous;
    for (int64_t co = 0; co < couts; ++co) {
      const int8_t* w = dense.data() + co * kernel * cins;
      for (int64_t k = 0; k < kernel; ++k) {
        for (int64_t c = 0; c < chunks; ++c) {
          bool nonzero = false;
          for (int64_t i = bounds[c]; i < bounds[c + 1]; ++i) nonzero = nonzero || w[k * cins + i];
          pattern[k * chunks + c] = nonzero;
        }
      }
      const int64_t base = base_of(co);
      if (co == 0 || pattern != previous || base != groups.back().base) {
        ChannelGroup group{co, co, base, runs.size(), runs.size(), 0, weights.size()};
        for (int64_t k = 0; k < kernel; ++k) {
          for (int64_t c = 0; c < chunks; ++c) {
            if (!pattern[k * chunks + c]) continue;
            const int64_t size = bounds[c + 1] - bounds[c];
            if (runs.size() > group.runs_begin && runs.back().k == k &&
                runs.back().begin + runs.back().size == bounds[c]) {
              runs.back().size += size;
            } else {
              runs.push_back(WeightRun{k, bounds[c], size});
            }
            group.packed += size;
          }
        }
        group.runs_end = runs.size();
        groups.push_back(group);
        widest = std::max(widest, group.packed);
        previous = pattern;
      }
      ChannelGroup& group = groups.back();
      group.end = co + 1;
      for (size_t r = group.runs_begin; r < group.runs_end; ++r) {
        const int8_t* source = w + runs[r].k * cins + runs[r].begin;
        weights.insert(weights.end(), source, source + runs[r].size);
      }
    }
  }
};

// The exact dot product of n int8 pairs: int32 sums over runs short enough to be exact.
int64_t ExactDot(const int8_t* a, const int8_t* b, int64_t n) {
  if (n <= kExactInt32Products) return Dot(a, b, n);
  int64_t sum = 0;
  for (int64_t i = 0; i < n; i += kExactInt32Products) {
    sum += Dot(a + i, b + i, std::min(kExactInt32Products, n - i));
  }
  return sum;
}

// Copies n bytes; block-sparse runs are mostly 8 or 16 bytes, which compile to plain moves.
void CopyRun(int8_t* target, const int8_t* source, int64_t n) {
  if (n == 8) {
    std::memcpy(target, source, 8);
  } else if (n == 16) {
    std::memcpy(target, source, 16);
  } else {
    std::memcpy(target, source, static_cast<size_t>(n));
  }
}

void RunConv(const isa::LayerData& layer, const isa::Compute& compute, const KernelIo& io) {
  const Shape s = ShapeOf(compute.dims());
  CheckWindows(compute, s);
  const int64_t groups = std::max<int64_t>(layer.groups(), 1);
  const int64_t layer_out = layer.out_channels();
  const int64_t layer_in = layer.in_channels();
  Check(layer_out >= 1 && layer_in >= 1 && layer_out % groups == 0 && layer_in % groups == 0,
        compute, "layer channels do not split into " + std::to_string(groups) + " groups");
  Check(layer.kernel_h() == s.kernel_h && layer.kernel_w() == s.kernel_w, compute,
        "dims kernel differs from the layer's");
  const int64_t out_per_group = layer_out / groups;
  const int64_t in_per_group = layer_in / groups;
  const int64_t cout_begin = compute.cout_begin();
  const int64_t cin_begin = compute.cin_begin();
  Check(cout_begin + s.couts <= layer_out, compute, "output channels beyond the layer's");
  Check(s.cins >= 1 && cin_begin + s.cins <= layer_in, compute,
        "input channels [" + std::to_string(cin_begin) + ", " + std::to_string(cin_begin + s.cins) +
            ") beyond the layer's " + std::to_string(layer_in));
  // The weights' input range and, per output channel, the buffer channel of its first input.
  int64_t w_begin = cin_begin;
  int64_t w_end = cin_begin + s.cins;
  auto buffer_channel = [&](int64_t co) -> int64_t {
    return groups == 1 ? 0 : (co / out_per_group) * in_per_group - cin_begin;
  };
  if (groups > 1) {
    w_begin = 0;
    w_end = in_per_group;
    for (const int64_t co : {cout_begin, cout_begin + s.couts - 1}) {
      Check(buffer_channel(co) >= 0 && buffer_channel(co) + in_per_group <= s.cins, compute,
            "output channel " + std::to_string(co) +
                " reads input channels outside the buffer's [" + std::to_string(cin_begin) + ", " +
                std::to_string(cin_begin + s.cins) + ")");
    }
  }
  const int64_t cins = w_end - w_begin;
  const int64_t kernel = s.kernel_h * s.kernel_w;
  Check(layer.input_exponents_size() >= 1, compute, "no input exponent");
  Check(layer.bias_size() == 0 || layer.bias_size() == layer_out, compute,
        "bias has " + std::to_string(layer.bias_size()) + " entries for " +
            std::to_string(layer_out) + " output channels");
  CheckSize(compute, "input", io.input_size, s.input_block());
  // A block wholly in the padding (a stride onto the pad) reads no input at all.
  Check(io.input != nullptr || s.input_block() == 0, compute, "no input buffer");
  if (!compute.partial()) {
    CheckSize(compute, "output", io.output_size, s.outputs());
    Check(io.output != nullptr, compute, "no output buffer");
  }
  if (compute.partial() || compute.accumulate()) {
    Check(io.accumulator != nullptr && static_cast<int64_t>(io.accumulator_size) >= s.outputs(),
          compute,
          "accumulator holds " + std::to_string(io.accumulator_size) + " sums, " +
              std::to_string(s.outputs()) + " needed");
  }

  thread_local std::vector<int8_t> weights;
  thread_local PackedWeights packed;
  thread_local std::vector<int64_t> taps;
  thread_local std::vector<int8_t> window;
  WeightGeometry geometry;
  geometry.out_channels = layer_out;
  geometry.in_per_group = in_per_group;
  geometry.groups = groups;
  geometry.kernel_elems = kernel;
  geometry.block_h = layer.block_h();
  geometry.block_w = layer.block_w();
  Check(io.weights != nullptr || io.weights_size == 0, compute, "no weight buffer");
  try {
    DecodeWeightPieceInto(geometry, cout_begin, cout_begin + s.couts, w_begin, w_end, io.weights,
                          io.weights_size, &weights);
  } catch (const InternalError& error) {
    Fail(compute, error.what());
  }
  packed.Pack(weights, s.couts, kernel, cins, w_begin, layer.block_h() > 0 ? layer.block_w() : cins,
              [&](int64_t c) { return buffer_channel(cout_begin + c); });
  window.resize(static_cast<size_t>(packed.widest));
  taps.resize(static_cast<size_t>(kernel));

  const int acc_exponent = layer.input_exponents(0) + layer.weight_exponent();
  for (int64_t o = 0; o < s.out_rows; ++o) {
    for (int64_t p = 0; p < s.out_cols; ++p) {
      // Input offset of each kernel position's pixel, -1 in the padding.
      for (int64_t kh = 0; kh < s.kernel_h; ++kh) {
        const int64_t r = o * s.stride_h + kh * s.dilation_h - s.pad_top;
        for (int64_t kw = 0; kw < s.kernel_w; ++kw) {
          const int64_t c = p * s.stride_w + kw * s.dilation_w - s.pad_left;
          taps[kh * s.kernel_w + kw] = r < 0 || r >= s.in_rows || c < 0 || c >= s.in_cols
                                           ? -1
                                           : (r * s.in_cols + c) * s.cins;
        }
      }
      const int64_t pixel = (o * s.out_cols + p) * s.couts;
      for (const ChannelGroup& group : packed.groups) {
        int8_t* x = window.data();
        for (size_t r = group.runs_begin; r < group.runs_end; ++r) {
          const WeightRun& run = packed.runs[r];
          if (taps[run.k] < 0) {
            std::memset(x, 0, static_cast<size_t>(run.size));
          } else {
            CopyRun(x, io.input + taps[run.k] + group.base + run.begin, run.size);
          }
          x += run.size;
        }
        const int8_t* w = packed.weights.data() + group.weights;
        for (int64_t c = group.first; c < group.end; ++c, w += group.packed) {
          const int64_t i = pixel + c;
          const int64_t co = cout_begin + c;
          int64_t acc = compute.accumulate()    ? io.accumulator[i]
                        : layer.bias_size() > 0 ? layer.bias(static_cast<int>(co))
                                                : 0;
          acc += ExactDot(window.data(), w, group.packed);
          if (compute.partial()) {
            if (acc < std::numeric_limits<int32_t>::min() ||
                acc > std::numeric_limits<int32_t>::max()) {
              Fail(compute, "partial sum " + std::to_string(acc) + " of output " +
                                std::to_string(i) + " overflows the int32 accumulator");
            }
            io.accumulator[i] = static_cast<int32_t>(acc);
          } else {
            io.output[i] = Finish(quant::Requantize(acc, acc_exponent, layer.output_exponent()),
                                  layer, compute);
          }
        }
      }
    }
  }
}

// Checks shared by the channel-wise kernels: same channels in and out, sizes.
void CheckChannelwise(const isa::Compute& compute, const Shape& s, const KernelIo& io,
                      int64_t inputs) {
  Check(s.cins == s.couts && compute.cin_begin() == compute.cout_begin(), compute,
        "a channel-wise kernel reads channels [" + std::to_string(compute.cin_begin()) + ", +" +
            std::to_string(s.cins) + ") for outputs [" + std::to_string(compute.cout_begin()) +
            ", +" + std::to_string(s.couts) + ")");
  CheckSize(compute, "input", io.input_size, inputs * s.input_block());
  CheckSize(compute, "output", io.output_size, s.outputs());
  Check(io.input != nullptr && io.output != nullptr, compute, "missing buffer");
}

void RunMaxPool(const isa::LayerData& layer, const isa::Compute& compute, const KernelIo& io) {
  const Shape s = ShapeOf(compute.dims());
  CheckWindows(compute, s);
  CheckChannelwise(compute, s, io, 1);
  thread_local std::vector<Tap> taps;
  for (int64_t o = 0; o < s.out_rows; ++o) {
    for (int64_t p = 0; p < s.out_cols; ++p) {
      CollectTaps(s, o, p, &taps);
      if (taps.empty()) {
        Fail(compute, "the window of output pixel (" + std::to_string(o) + ", " +
                          std::to_string(p) + ") lies in the padding only");
      }
      int8_t* out = io.output + (o * s.out_cols + p) * s.couts;
      std::memcpy(out, io.input + taps[0].offset, static_cast<size_t>(s.couts));
      for (size_t t = 1; t < taps.size(); ++t) {
        const int8_t* in = io.input + taps[t].offset;
        for (int64_t c = 0; c < s.couts; ++c) out[c] = std::max(out[c], in[c]);
      }
      for (int64_t c = 0; c < s.couts; ++c) out[c] = Finish(out[c], layer, compute);
    }
  }
}

void RunAvgPool(const isa::LayerData& layer, const isa::Compute& compute, const KernelIo& io) {
  const Shape s = ShapeOf(compute.dims());
  CheckWindows(compute, s);
  CheckChannelwise(compute, s, io, 1);
  Check(s.dilation_h == 1 && s.dilation_w == 1, compute, "dilated average pool");
  const int64_t height = layer.in_height();
  const int64_t width = layer.in_width();
  Check(height >= 1 && width >= 1, compute, "layer input size unset");
  thread_local std::vector<Tap> taps;
  thread_local std::vector<int64_t> sums;
  for (int64_t o = 0; o < s.out_rows; ++o) {
    const int64_t hs = (static_cast<int64_t>(compute.out_row()) + o) * s.stride_h - layer.pad_top();
    for (int64_t p = 0; p < s.out_cols; ++p) {
      const int64_t ws =
          (static_cast<int64_t>(compute.out_col()) + p) * s.stride_w - layer.pad_left();
      int64_t divisor = 0;
      if (layer.count_include_pad()) {
        divisor = (std::min(hs + s.kernel_h, height + layer.pad_bottom()) - hs) *
                  (std::min(ws + s.kernel_w, width + layer.pad_right()) - ws);
      } else {
        divisor =
            std::max<int64_t>(0, std::min(hs + s.kernel_h, height) - std::max<int64_t>(hs, 0)) *
            std::max<int64_t>(0, std::min(ws + s.kernel_w, width) - std::max<int64_t>(ws, 0));
      }
      CollectTaps(s, o, p, &taps);
      if (divisor <= 0 || taps.empty()) {
        Fail(compute, "the window of output pixel (" + std::to_string(o) + ", " +
                          std::to_string(p) + ") holds no input");
      }
      if (!layer.count_include_pad() && static_cast<int64_t>(taps.size()) != divisor) {
        Fail(compute, "the window of output pixel (" + std::to_string(o) + ", " +
                          std::to_string(p) + ") finds " + std::to_string(taps.size()) +
                          " positions in the buffer, the layer geometry " +
                          std::to_string(divisor));
      }
      sums.assign(static_cast<size_t>(s.couts), 0);
      for (const Tap& tap : taps) {
        const int8_t* in = io.input + tap.offset;
        for (int64_t c = 0; c < s.couts; ++c) sums[c] += in[c];
      }
      int8_t* out = io.output + (o * s.out_cols + p) * s.couts;
      for (int64_t c = 0; c < s.couts; ++c) {
        out[c] = Finish(quant::AverageRound(sums[c], divisor), layer, compute);
      }
    }
  }
}

void RunGlobalAvgPool(const isa::LayerData& layer, const isa::Compute& compute,
                      const KernelIo& io) {
  const Shape s = ShapeOf(compute.dims());
  Check(s.out_rows == 1 && s.out_cols == 1 && s.couts >= 1, compute,
        "a global average pool has one output pixel");
  CheckChannelwise(compute, s, io, 1);
  const int64_t pixels = static_cast<int64_t>(layer.in_height()) * layer.in_width();
  Check(pixels >= 1 && s.in_rows * s.in_cols == pixels, compute,
        "buffer of " + std::to_string(s.in_rows) + " x " + std::to_string(s.in_cols) +
            " pixels for an input of " + std::to_string(layer.in_height()) + " x " +
            std::to_string(layer.in_width()));
  thread_local std::vector<int64_t> sums;
  sums.assign(static_cast<size_t>(s.couts), 0);
  for (int64_t pixel = 0; pixel < pixels; ++pixel) {
    const int8_t* in = io.input + pixel * s.cins;
    for (int64_t c = 0; c < s.couts; ++c) sums[c] += in[c];
  }
  for (int64_t c = 0; c < s.couts; ++c) {
    io.output[c] = Finish(quant::AverageRound(sums[c], pixels), layer, compute);
  }
}

void RunAdd(const isa::LayerData& layer, const isa::Compute& compute, const KernelIo& io) {
  const Shape s = ShapeOf(compute.dims());
  const int inputs = layer.input_exponents_size();
  Check(inputs >= 1, compute, "no input exponents");
  Check(s.in_rows == s.out_rows && s.in_cols == s.out_cols && s.outputs() >= 1, compute,
        "input and output pixels differ");
  CheckChannelwise(compute, s, io, inputs);
  const std::vector<int> exponents(layer.input_exponents().begin(), layer.input_exponents().end());
  const int64_t block = s.input_block();
  std::vector<int8_t> values(static_cast<size_t>(inputs));
  for (int64_t e = 0; e < block; ++e) {
    for (int i = 0; i < inputs; ++i) values[i] = io.input[i * block + e];
    io.output[e] = Finish(
        quant::AddRequantize(values.data(), exponents.data(), inputs, layer.output_exponent()),
        layer, compute);
  }
}

void RunCopy(const isa::Compute& compute, const KernelIo& io) {
  Check(
      io.input_size == io.output_size, compute,
      "copies " + std::to_string(io.input_size) + " bytes into " + std::to_string(io.output_size));
  Check(io.input_size == 0 || (io.input != nullptr && io.output != nullptr), compute,
        "missing buffer");
  if (io.input_size > 0) std::memcpy(io.output, io.input, io.input_size);
}

}  // namespace

void RunComputeKernel(const isa::LayerData& layer, const isa::Compute& compute,
                      const KernelIo& io) {
  switch (compute.kernel()) {
    case isa::CONV:
    case isa::GEMM:
      RunConv(layer, compute, io);
      return;
    case isa::MAXPOOL:
      RunMaxPool(layer, compute, io);
      return;
    case isa::AVGPOOL:
      RunAvgPool(layer, compute, io);
      return;
    case isa::GLOBAL_AVGPOOL:
      RunGlobalAvgPool(layer, compute, io);
      return;
    case isa::ADD:
      RunAdd(layer, compute, io);
      return;
    case isa::COPY:
      RunCopy(compute, io);
      return;
    default:
      Fail(compute, "unknown kernel kind " + std::to_string(compute.kernel()));
  }
}

}  // namespace aie2sim::functional
