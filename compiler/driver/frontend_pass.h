// Pass 1, frontend: a workload (our YAML layer list, an ONNX model, or a shipped name) -> Graph.
//
// Precondition: none; the workload is user input.
// Postcondition: the Graph IR's conventions (compiler/ir/graph.h): nodes in a topological order,
//   every tensor's shape inferred, element-wise activations fused into their producer; a batch
//   > 0 replaces the workload's own.
// Fails: UserError naming the file and the key, line or node (frontend/workload_loader.h).
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::driver {

ir::Graph RunFrontend(const std::string& workload, int64_t batch);

// Inputs, then every node (index, name, op, inputs, output shape, window, MACs), then outputs.
std::string DumpGraph(const ir::Graph& graph);

}  // namespace aie2sim::driver
