// The float network a functional run calibrates its activation exponents on: the Graph IR run
// in single precision, op for op with the int8 reference's windows (reference_executor.h) but
// without any rounding.
//
//  Conv/Gemm: bias (or 0) + sum of x * w over the window taps inside the input (padding is 0)
//             and the input channels of the output channel's group; Gemm is a 1x1 convolution
//             over its Bx1x1xK input.
//  MaxPool:   max over the taps inside the input.   AveragePool: their sum / AverageDivisor.
//  GlobalAveragePool: the mean over H x W.   Add: the sum of the inputs.
//  Concat:    channel concatenation.   Flatten: the same values (a view).
//  A fused activation then clamps: ReLU to [0, inf), ReLU6 to [0, 6].
// Precondition (InternalError otherwise): shapes inferred, one tensor per graph input, and per
// Conv/Gemm node weights of its dense size and a bias of COUT values or none.
#pragma once

#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::reference {

// Every tensor's values (BHWC) by tensor index. `weights` is indexed by node (ignored for nodes
// without weights); `inputs` holds one tensor per graph input, in graph.inputs order.
std::vector<std::vector<float>> RunFloat(const ir::Graph& graph,
                                         const std::vector<ir::WeightData>& weights,
                                         const std::vector<std::vector<float>>& inputs);

}  // namespace aie2sim::reference
