// The int8 reference's Conv/Gemm kernel (semantics in reference_executor.h): exact int64
// accumulation of bias + sum of x * w, requantised once to the output exponent.
//
// Layout for speed, not part of the contract: per output pixel and channel group the window's
// input values are gathered into a patch in the weights' own KH x KW x CIN/g order (0 for
// padding), so each output channel is one contiguous int8 dot product, summed in int32 in chunks
// of 65536 terms (exact: 65536 * 128 * 128 = 2^30) and added up in int64. Under a block mask the
// output channels of one block row share their kept patch positions: the patch is gathered down
// to them once and the dropped blocks cost nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reference/quantized_network.h"

namespace aie2sim::reference {

// Computes `out` (the node's output, BHWC, already sized) from `in` at exponents e_in, e_out.
// Preconditions (InternalError otherwise): node is a Conv/Gemm, q.weights has its dense size,
// q.bias is empty or has COUT values.
void RunInt8Conv(const ir::Graph& graph, const ir::Node& node, const NodeQuant& q, int e_in,
                 int e_out, const std::vector<int8_t>& in, std::vector<int8_t>& out);

}  // namespace aie2sim::reference
