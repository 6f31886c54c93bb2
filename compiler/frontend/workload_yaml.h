// Reading our YAML workload format (a layer list) into the Graph IR.
//
// Format (documented with an example in workloads/README.md):
//   version: 1
//   name: tiny
//   inputs: [{name: image, shape: [1, 16, 16, 8]}]        # BHWC
//   layers:
//     - {name: conv1, op: Conv, inputs: [image], out_channels: 16, kernel: [3, 3],
//        stride: [1, 1], dilation: [1, 1], pads: [1, 1, 1, 1], groups: 1, bias: true,
//        activation: relu}
//   outputs: [conv1]                                       # optional: default the last layer
// A layer's output tensor is named after the layer. Shapes are inferred; a layer may state its
// `out_shape` and must then agree. Strict: unknown or duplicate keys and bad values are
// UserErrors naming file:line:key.
#pragma once

#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::frontend {

// `batch` > 0 replaces the batch dimension of every input; 0 keeps the file's.
ir::Graph ParseWorkloadYaml(const std::string& yaml_text, const std::string& display_name,
                            int64_t batch);

}  // namespace aie2sim::frontend
