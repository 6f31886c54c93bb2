// The cost tiler's candidates for one window layer, as data: the core layouts
// (tiling::CoreLayout) under which the tiler plans it. Each is a split of the core memory the
// compiler may use (core.memory_bytes - core.buffers.scratch_bytes; the scratch keeps the
// int32 partial sums and the kernel's stack) into the ping/pong input pair, the ping/pong output
// pair and the weight buffer, and whether the input channels are split:
//  - the config's own `core.buffers` (the fixed tiler's layout), always first;
//  - for layers with weights, weight buffers of 1/3, 1/2 and 2/3 of that memory, the rest shared
//    evenly by input and output, each with the weights stationary (input re-streamed for every
//    weight piece) and, for convolutions summing over input channels, with the input channels
//    split (activations and weights streamed together in channel pieces under a wide output
//    tile);
//  - for layers without weights, the memory split evenly or 3:1 between input and output.
// Buffer sizes are multiples of 1 KiB. The order is fixed: it breaks ties between equal prices.
#pragma once

#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::costtile {

std::vector<tiling::CoreLayout> CoreLayouts(const ir::Node& node,
                                            const arch::HardwareConfig& config);

}  // namespace aie2sim::costtile
