// Strict loading of HardwareConfig from YAML, with command-line overrides.
//
// Contract: every key of the schema must appear exactly once; an unknown key, a duplicate key,
// a missing key, a value of the wrong type or out of its range is a UserError naming
// "file:line: key: problem" (line 1-based). An override "key=value" (from --set) is applied to
// the parsed tree before validation with the same checks; a bad one names "--set key". Cross-field
// rules (core buffers fit the core memory, a mesh of at least 1x1) are checked last.
#pragma once

#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

HardwareConfig LoadHardwareConfig(const std::string& path,
                                  const std::vector<std::string>& overrides = {});

// Same, from YAML text; `display_name` stands for the file name in messages.
HardwareConfig ParseHardwareConfig(const std::string& yaml_text, const std::string& display_name,
                                   const std::vector<std::string>& overrides = {});

// One line per key of the schema: "key  (unit)  description". For `aie2sim config-keys`.
std::vector<std::string> DescribeConfigKeys();

}  // namespace aie2sim::arch
