// Cross-field rules of a HardwareConfig, checked after every key has been typed and range-checked:
//  - the core buffer layout (input ping/pong, output ping/pong, weights, scratch) fits the core
//    memory: 2*input_bytes + 2*output_bytes + weight_bytes + scratch_bytes <= core.memory_bytes;
//  - core and memtile memory banks divide their memory evenly.
// A violation throws UserError naming the key most responsible, through its entry in `tree`: the
// most recent --set override among the keys involved, else the rule's natural culprit (the largest
// buffer; the bank count).
#pragma once

#include "sim/arch/config_tree.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

void CheckConfigRules(const HardwareConfig& config, const ConfigTree& tree);

}  // namespace aie2sim::arch
