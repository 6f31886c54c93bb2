// The int8 reference executor: the Graph IR run on int8 data exactly as functional
// co-simulation defines it, tensor by tensor, independent of any tiling. Every rounding,
// saturation and rescale is the shared quantisation library's (quantize.h); exponents and
// weights come from QuantizedNetwork. e_in, e_out, e_w: the input, output and weight exponents.
//
//  Conv/Gemm  acc = bias[co] (or 0) + sum over the window taps and the input channels of co's
//             group of x * w, exact in int64 (taps in the padding contribute 0); stride,
//             dilation, asymmetric pads and groups (depthwise too) as in ir::Window / ConvAttrs.
//             out = quant::Requantize(acc, e_in + e_w, e_out). Gemm: weights COUT x 1 x 1 x K
//             over its Bx1x1xK input (a Flatten's output: the same bytes).
//  MaxPool    the max over the window taps inside the input (padding ignored; a ceil_mode
//             window overhanging the input counts only its taps inside). A window with no tap
//             inside the input is an InternalError (AIE2SIM_CHECK). e_out == e_in.
//  AveragePool  sum over the taps inside the input; out = quant::AverageRound(sum, divisor) with
//             the divisor of window_taps.h's AverageDivisor (PyTorch's, count_include_pad on or
//             off, ceil_mode windows included). e_out == e_in.
//  GlobalAveragePool  quant::AverageRound(sum over H x W, H * W) per channel. e_out == e_in.
//  Add        quant::AddRequantize(the inputs' values, their exponents, count, e_out).
//  Concat     channel concatenation; the exponents are tied, so the bytes are copied (checked:
//             InternalError if an input's exponent differs from the output's).
//  Flatten    the same bytes (a view; exponents checked equal likewise).
//  A fused activation (ReLU, ReLU6) then applies quant::Activate(out, activation_max).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"

namespace aie2sim::reference {

// Every tensor's int8 values (BHWC) by tensor index: the graph inputs as given, then each
// node's output. Preconditions (InternalError otherwise): shapes inferred; `q` and `input` made
// for this graph (QuantizeNetwork, RandomInput / LoadNpyInput) and the input's exponents equal
// to q.tensor_exponent of the graph inputs.
std::vector<std::vector<int8_t>> RunReference(const ir::Graph& graph, const QuantizedNetwork& q,
                                              const NetworkInput& input);

// The share of values that are neither 0 nor saturated (-128, 127); 0 for no values. A
// bit-exact comparison is meaningful only when this share is high.
double NondegenerateShare(const std::vector<int8_t>& values);

}  // namespace aie2sim::reference
