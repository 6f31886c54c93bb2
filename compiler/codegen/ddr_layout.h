// Placement of every tensor and every layer's (compacted) weights in DDR.
//
// Postconditions: regions are disjoint, aligned to the shim's region_alignment_bytes
// (sim/arch/target_model.h: 64), and end within ddr.size_bytes (else a UserError naming the byte
// count); a Flatten output aliases its input (a view, no copy).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::codegen {

struct DdrLayout {
  std::vector<uint64_t> tensor_address;  // by tensor index
  std::vector<uint64_t> weight_address;  // by node index (0 for nodes without weights)
  uint64_t bytes_used = 0;
};

// `weight_bytes[i]` is node i's compacted weight size.
DdrLayout PlaceInDdr(const ir::Graph& graph, const std::vector<int64_t>& weight_bytes,
                     const arch::HardwareConfig& config);

}  // namespace aie2sim::codegen
