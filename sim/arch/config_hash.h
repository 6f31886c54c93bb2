// The config hash a Program carries: it covers exactly what the compiler depends on (geometry,
// memory sizes and buffer layout, channel/BD/lock counts, address dimensions, DDR size) and no
// timing parameter, so one compiled program can be simulated under many timing settings.
#pragma once

#include <string>

#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

// 16 lowercase hex digits (FNV-1a 64 over a canonical text of the covered fields).
std::string ConfigHash(const HardwareConfig& config);

}  // namespace aie2sim::arch
