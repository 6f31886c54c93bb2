// Issue 23 over a whole network: the int8 reference runs on the input, then every Conv/Gemm is
// counted on the reference's tensors (layer_reduction.h), exactness asserted layer by layer.
#pragma once

#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reduction/layer_reduction.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"

namespace aie2sim::reduction {

struct NetworkReduction {
  std::vector<LayerReduction> layers;  // Conv/Gemm in graph order
  MethodCounts totals;                 // summed over layers and the batch
};

// A graph input counts as non-negative (nonnegative_tensors.h) when every value `input` gives it
// is >= 0. Preconditions as reference::RunReference (shapes inferred, `q` and `input` made for
// `graph`).
NetworkReduction CountNetwork(const ir::Graph& graph, const reference::QuantizedNetwork& q,
                              const reference::NetworkInput& input);

}  // namespace aie2sim::reduction
