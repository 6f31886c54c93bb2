// --set overrides: "key=value" assignments from the command line, applied to a ConfigTree before
// any value is typed, so an overridden value passes exactly the checks a file's value does.
//
// The value is read as one YAML scalar (`--set name="paper 4x4"`, `--set clock_mhz=1.25e3`). The
// override replaces the file's entry, or adds it when the file lacks the key; its messages name
// "--set KEY". Throws UserError for text without '=' ("--set \"TEXT\": expected key=value"), an
// unknown key or group, and a value that is not valid YAML.
#pragma once

#include <string>

#include "sim/arch/config_tree.h"

namespace aie2sim::arch {

// `index` is the assignment's position among the --set flags, recorded in the entry.
void ApplyConfigOverride(const std::string& assignment, int index, ConfigTree& tree);

}  // namespace aie2sim::arch
