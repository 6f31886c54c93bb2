// A network quantised for functional co-simulation: int8 weights per Conv/Gemm, int32 biases,
// activation clamps, and one power-of-two exponent per tensor (quantize.h: x = q * 2^-e).
//
// QuantizeNetwork, step by step:
//  1. Float weights per Conv/Gemm (synthetic_weights.h): the imported ones, else synthetic ones
//     from (seed, node name); the blocks the node's mask drops are zeroed.
//  2. Weights quantised per tensor (quant::QuantizeTensor: exponent from max |w|, no weight
//     saturates), then passed through the block-sparse storage and back
//     (sparsity::ExpandWeights(CompactNodeWeights(...))), so dropped blocks are exactly 0.
//  3. Activation exponents: the float network (float_executor.h) runs on the dequantised input
//     with the dequantised int8 weights and the float bias; max |x| per tensor gives the
//     exponents through the tie rule of exponent_ties.h (graph inputs keep the input's
//     exponent; MaxPool / AveragePool / GlobalAveragePool / Flatten outputs take their input's;
//     Concat inputs and output share one; Conv / Gemm / Add outputs are free).
//  4. Bias quantised at the accumulator's exponent e_in + e_w (quant::QuantizeBias).
//  5. activation_max: 127 for ReLU (and no activation), quant::ActivationMax(6, e_out) for ReLU6.
// Deterministic: the same graph, input and seed give identical bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reference/network_input.h"

namespace aie2sim::reference {

// Per node; weights and bias empty for nodes without weights.
struct NodeQuant {
  int weight_exponent = 0;
  std::vector<int8_t> weights;  // dense COUT x KH x KW x CIN/groups int8; dropped blocks 0
  std::vector<int32_t> bias;    // per output channel at exponent e_in + e_w; empty = no bias
  int activation_max = 127;     // clamp of a fused ReLU (127) or ReLU6 (ActivationMax(6, e_out))
};

struct QuantizedNetwork {
  std::vector<int> tensor_exponent;  // by tensor index
  std::vector<NodeQuant> nodes;      // by node index
};

// Precondition (InternalError otherwise): shapes inferred, `input` built for this graph
// (RandomInput or LoadNpyInput).
QuantizedNetwork QuantizeNetwork(const ir::Graph& graph, const NetworkInput& input, uint64_t seed);

}  // namespace aie2sim::reference
