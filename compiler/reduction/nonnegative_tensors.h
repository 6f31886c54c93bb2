// Which tensors of a graph are non-negative by construction: SnaPEA's early stop is exact only
// on such inputs (a negative weight times a non-negative activation can only lower the sum).
#pragma once

#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::reduction {

// By tensor index. A graph input is non-negative when its flag in `inputs_nonnegative`
// (graph.inputs order) is set: the caller checks the data it feeds (an image scaled to [0, 1] is, a
// signed or normalised one is not). A node's output is non-negative when the node has a fused ReLU
// or ReLU6; else, for MaxPool, AveragePool, GlobalAveragePool and Flatten, when its input is; for
// Concat and Add, when every input is (the reference's rounding keeps a sum of non-negative values
// non-negative); never for a Conv/Gemm without activation. Structural: a tensor that happens to
// hold no negative value on some input is not counted.
std::vector<bool> NonNegativeTensors(const ir::Graph& graph,
                                     const std::vector<bool>& inputs_nonnegative);

}  // namespace aie2sim::reduction
