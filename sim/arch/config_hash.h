// The config hash a Program carries: it covers exactly the keys the schema marks Compiled()
// (config_schema.cc: geometry, memory sizes and buffer layout, channel/BD/lock counts, address
// dimensions, DDR size) and no timing parameter, so one compiled program can be simulated under
// many timing settings. A program stays valid under any timing; the cost tiler (--tiling cost)
// may choose differently under another timing model, which makes a different, equally valid
// program, not a mismatch.
#pragma once

#include <string>

#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

// 16 lowercase hex digits (FNV-1a 64 over "key=value;" of the compiled keys in schema order).
std::string ConfigHash(const HardwareConfig& config);

}  // namespace aie2sim::arch
