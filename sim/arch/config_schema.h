// The HardwareConfig schema: the one declarative table of every YAML key (config_schema.cc).
//
// A key is the dotted path of HardwareConfig field names ("core.dma.bds"); a *group* is a proper
// prefix of keys ("core", "core.dma") and is written in YAML as a nested map. The loader walks a
// file against this table, DescribeConfigKeys() prints it, and nothing else lists the keys.
#pragma once

#include <string>
#include <vector>

#include "sim/arch/config_param.h"

namespace aie2sim::arch {

// Every key, in the order the presets list them.
const std::vector<ConfigParam>& ConfigSchema();

// The parameter with exactly this dotted key, or nullptr.
const ConfigParam* FindConfigParam(const std::string& key);

// True when `key` is a group: a proper prefix, ending at a dot, of some parameter's key.
bool IsConfigGroup(const std::string& key);

// The closest known key or group to a misspelt one, for "did you mean X?"; "" when none is close.
std::string SuggestConfigKey(const std::string& unknown_key);

}  // namespace aie2sim::arch
