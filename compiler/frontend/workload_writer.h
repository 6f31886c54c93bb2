// Writing a Graph IR as our YAML workload format (workloads/README.md), e.g. for `aie2sim
// import`.
//
// Contract: ParseWorkloadYaml(WriteWorkloadYaml(graph)) gives back the same graph: the same
// inputs, layers (names, ops, inputs, attributes, activations), shapes and outputs. Every
// attribute is written explicitly (no reliance on defaults) except dilation and groups when they
// are 1, and every layer states its `out_shape`. Weights, masks and sparsity are not part of the
// format and are omitted. A layer's output is referred to by the layer's name.
// Precondition: the graph is valid (shapes inferred, activations only on Conv, Gemm and Add).
#pragma once

#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::frontend {

// `header_comment`, if not empty, is written first as YAML comment lines (one per line of it,
// wrapped at 100 columns).
std::string WriteWorkloadYaml(const ir::Graph& graph, const std::string& header_comment = "");

}  // namespace aie2sim::frontend
