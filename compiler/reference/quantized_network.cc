#include "compiler/reference/quantized_network.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "compiler/reference/exponent_ties.h"
#include "compiler/reference/float_executor.h"
#include "compiler/reference/synthetic_weights.h"
#include "compiler/sparsity/compaction.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

QuantizedNetwork QuantizeNetwork(const ir::Graph& graph, const NetworkInput& input, uint64_t seed) {
  CheckInputMatches(graph, input);
  QuantizedNetwork network;
  network.nodes.resize(graph.nodes.size());

  // Steps 1-2: int8 weights; the float run gets them dequantised, with the float bias.
  std::vector<ir::WeightData> float_weights(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (!ir::HasWeights(node.op)) continue;
    ir::WeightData data = NodeFloatWeights(graph, node, seed);
    const quant::QuantizedTensor q = quant::QuantizeTensor(data.values);
    NodeQuant& nq = network.nodes[i];
    nq.weight_exponent = q.exponent;
    nq.weights = sparsity::ExpandWeights(sparsity::CompactNodeWeights(graph, node, q.values));
    for (size_t k = 0; k < data.values.size(); ++k) {
      data.values[k] = static_cast<float>(quant::Dequantize(nq.weights[k], q.exponent));
    }
    float_weights[i] = std::move(data);
  }

  // Step 3: exponents from the float run.
  std::vector<std::vector<float>> float_inputs(input.tensors.size());
  for (size_t i = 0; i < input.tensors.size(); ++i) {
    float_inputs[i].reserve(input.tensors[i].size());
    for (const int8_t q : input.tensors[i]) {
      float_inputs[i].push_back(static_cast<float>(quant::Dequantize(q, input.exponents[i])));
    }
  }
  std::vector<double> max_abs(graph.tensors.size(), 0.0);
  {
    const std::vector<std::vector<float>> values = RunFloat(graph, float_weights, float_inputs);
    for (size_t t = 0; t < values.size(); ++t) {
      // Weights and inputs are finite (checked at load), so a non-finite value means the float
      // run overflowed (a long chain whose values grow layer by layer; NaN from inf - inf): the
      // tensor's magnitude is beyond float's range, so it takes the widest exponent and the int8
      // run saturates, as it would for any value beyond 127 * 2^31.
      for (const float x : values[t]) {
        const double magnitude = std::isfinite(x) ? std::fabs(static_cast<double>(x))
                                                  : std::numeric_limits<double>::infinity();
        max_abs[t] = std::max(max_abs[t], magnitude);
      }
    }
  }
  network.tensor_exponent = TieExponents(graph, max_abs, input.exponents);

  // Steps 4-5: bias and activation clamps.
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    NodeQuant& nq = network.nodes[i];
    const int e_out = network.tensor_exponent[node.output];
    if (node.activation == ir::Activation::kRelu6)
      nq.activation_max = quant::ActivationMax(6.0, e_out);
    if (!ir::HasWeights(node.op)) continue;
    const int e_in = network.tensor_exponent[node.inputs.at(0)];
    nq.bias = quant::QuantizeBias(float_weights[i].bias, e_in, nq.weight_exponent);
  }
  return network;
}

}  // namespace aie2sim::reference
