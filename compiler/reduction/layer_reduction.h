// Counting one Conv/Gemm of the int8 reference (issue 23): every output of the layer over the
// reference's own input tensor, with the reference's integer arithmetic (bias included), by the
// element (element_counter.h) and block (block_counter.h) methods, each asserted exact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reduction/method_counts.h"
#include "compiler/reference/quantized_network.h"

namespace aie2sim::reduction {

struct LayerReduction {
  std::string name;
  std::string op;
  bool input_nonnegative = false;  // nonnegative_tensors.h
  bool relu = false;               // a ReLU or ReLU6 is fused into the layer
  bool predicted = false;          // both: the early stop applies
  int64_t input_values = 0;        // the input tensor's values, over the whole batch
  int64_t zero_inputs = 0;         // ... that are 0
  int64_t outputs = 0;             // output values counted (batch included)
  int64_t stopped_outputs = 0;     // outputs whose element-level early stop fired
  int64_t tiles = 0;               // output tiles (block rows x pixel tiles) counted
  int64_t stopped_tiles = 0;       // ... whose block-level early stop fired
  MethodCounts counts;             // summed over the batch
};

// Counts `node` (a Conv/Gemm) on `in` (its input tensor at exponent e_in, BHWC) and checks
// exactness against `expected` (the reference's output at e_out): for every output, the
// accumulator requantised and activated equals the reference's value, and every output an
// early stop skipped (element or block level) is 0 in the reference. A mismatch is our bug:
// InternalError naming the layer, the output (n, h, w, c), the method and both values.
LayerReduction CountLayer(const ir::Graph& graph, const ir::Node& node,
                          const reference::NodeQuant& q, int e_in, int e_out,
                          const std::vector<int8_t>& in, const std::vector<int8_t>& expected,
                          bool input_nonnegative);

}  // namespace aie2sim::reduction
