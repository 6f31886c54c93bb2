#include "compiler/reduction/network_reduction.h"

#include <algorithm>

#include "compiler/reduction/nonnegative_tensors.h"
#include "compiler/reference/reference_executor.h"

namespace aie2sim::reduction {

NetworkReduction CountNetwork(const ir::Graph& graph, const reference::QuantizedNetwork& q,
                              const reference::NetworkInput& input) {
  const std::vector<std::vector<int8_t>> tensors = reference::RunReference(graph, q, input);
  std::vector<bool> inputs_nonnegative;
  for (const std::vector<int8_t>& values : input.tensors) {
    inputs_nonnegative.push_back(
        std::all_of(values.begin(), values.end(), [](int8_t v) { return v >= 0; }));
  }
  const std::vector<bool> nonnegative = NonNegativeTensors(graph, inputs_nonnegative);
  NetworkReduction network;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (!ir::HasWeights(node.op)) continue;
    const int source = node.inputs.at(0);
    network.layers.push_back(CountLayer(graph, node, q.nodes[i], q.tensor_exponent[source],
                                        q.tensor_exponent[node.output], tensors[source],
                                        tensors[node.output], nonnegative[source]));
    network.totals += network.layers.back().counts;
  }
  return network;
}

}  // namespace aie2sim::reduction
