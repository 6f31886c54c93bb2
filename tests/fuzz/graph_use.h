// For the workload and ONNX fuzz targets: what `aie2sim info` computes from an accepted graph.
#pragma once

#include <cstdint>

#include "compiler/ir/graph.h"

namespace aie2sim::fuzz {

// What `aie2sim info` computes for every layer of an accepted graph: sizes and MAC counts must
// be computable (UBSan reports an overflow).
inline void UseGraph(const ir::Graph& graph) {
  uint64_t total = 0;  // unsigned: the sum itself may wrap
  for (const ir::Node& node : graph.nodes) {
    total += static_cast<uint64_t>(graph.OutputShape(node).elements()) +
             static_cast<uint64_t>(ir::Macs(graph, node)) +
             static_cast<uint64_t>(ir::DenseWeightBytes(graph, node));
  }
  volatile uint64_t sink = total;
  (void)sink;
}

}  // namespace aie2sim::fuzz
