// The functional core kernels: one Compute instruction of the Program run on real int8 data, as
// the core processor of the functional simulation does it. Every rounding goes through
// compiler/sparsity/quantize.h (the same rules as the reference executor).
//
// Buffers (all dense, row-major, channels innermost):
//  - input: [dims.in_rows][dims.in_cols][dims.in_channels]; ADD: one such block per input,
//    consecutive, layer.input_exponents_size() of them. Buffer channel k is layer input channel
//    compute.cin_begin + k.
//  - output: [dims.out_rows][dims.out_cols][dims.out_channels]; output channel k is layer output
//    channel compute.cout_begin + k.
//  - weights (CONV/GEMM): one weight piece, sim/functional/weight_piece.h, for output channels
//    [cout_begin, cout_begin + out_channels) and input channels [cin_begin, cin_begin +
//    in_channels) when layer.groups == 1 (possibly an input-channel piece), [0, in_channels /
//    groups) otherwise; blocks of layer.block_h x block_w (0 = dense).
//  - accumulator: the core's int32 partial sums, one per output element in the output's order;
//    read when compute.accumulate, written when compute.partial.
// Windows: output pixel (o, p) reads buffer row o * stride_h + kh * dilation_h - dims.pad_top and
// column p * stride_w + kw * dilation_w - dims.pad_left; positions outside [0, in_rows) x
// [0, in_cols) are padding. Stride and dilation 0 read as 1, layer.groups 0 as 1.
//
// Kernels:
//  - CONV / GEMM (GEMM = a 1x1 CONV whose rows are images): output channel co (absolute) of group
//    g = co / (out_channels / groups) reads the input channels [g * cpg, (g + 1) * cpg) of that
//    group (cpg = layer.in_channels / groups), which must lie in the buffer. acc = bias[co]
//    (layer.bias; empty = 0), or accumulator[i] when compute.accumulate; acc += the exact sum over
//    the window (padding contributes 0). compute.partial: accumulator[i] = acc (it must fit
//    int32), no output. Else output = quant::Requantize(acc, input_exponents[0] +
//    weight_exponent, output_exponent), then quant::Activate(q, activation_max) if compute.relu.
//    dims.kernel_h/w must equal layer.kernel_h/w.
//  - MAXPOOL: the channel-wise max over the window's in-buffer positions.
//  - AVGPOOL (dilation 1): quant::AverageRound(sum over the in-buffer positions, divisor); with
//    hs = (compute.out_row + o) * stride_h - layer.pad_top and ws = (compute.out_col + p) *
//    stride_w - layer.pad_left, the divisor is (min(hs + KH, in_height + pad_bottom) - hs) *
//    (min(ws + KW, in_width + pad_right) - ws) with layer.count_include_pad, else
//    (min(hs + KH, in_height) - max(hs, 0)) * (min(ws + KW, in_width) - max(ws, 0)) (then also the
//    number of in-buffer positions).
//  - GLOBAL_AVGPOOL: a 1 x 1 output per channel, AverageRound(sum over the whole buffer,
//    layer.in_height * in_width); the buffer must hold exactly in_height x in_width pixels.
//  - ADD: element-wise quant::AddRequantize of the inputs' blocks with layer.input_exponents at
//    output_exponent (in and out dims equal).
//  - COPY: the input bytes to the output (sizes equal).
// Channel-wise kernels (pools, ADD) need in_channels == out_channels and cin_begin == cout_begin.
// Pools and ADD apply quant::Activate(q, activation_max) when compute.relu.
//
// Cost: a CONV decodes its piece once per call into a reused thread-local buffer and packs each
// run of output channels sharing one zero pattern (a block row; all channels when dense) to its
// non-zero (kernel position, input-channel run)s, so dropped blocks and all-zero channels cost
// nothing; per output pixel the window is packed the same way once and every output is one
// contiguous int8 dot product summed in int32 (exact: split beyond 131071 products) and then
// widened to int64.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/isa/program.pb.h"

namespace aie2sim::functional {

struct KernelIo {
  const int8_t* input = nullptr;  // the compute's input buffer
  size_t input_size = 0;
  const int8_t* weights = nullptr;  // the weight piece (CONV/GEMM), else null / 0
  size_t weights_size = 0;
  int8_t* output = nullptr;  // may be null / 0 for a partial CONV/GEMM
  size_t output_size = 0;
  int32_t* accumulator = nullptr;  // >= the outputs when accumulate or partial, else unused
  size_t accumulator_size = 0;     // elements
};

// Runs one Compute instruction of `layer` on real int8 data. Throws InternalError when the
// buffers and the instruction's dims disagree (sizes, channel ranges, a window without data,
// a weight piece that does not decode) or the kernel kind is unknown.
void RunComputeKernel(const isa::LayerData& layer, const isa::Compute& compute, const KernelIo& io);

}  // namespace aie2sim::functional
