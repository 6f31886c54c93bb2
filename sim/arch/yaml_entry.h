// The one place that turns a yaml-cpp node into a ConfigEntry (kind, text, plain-ness), shared by
// the file reader (config_tree.cc) and the --set override (config_override.cc).
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "sim/arch/config_entry.h"

namespace aie2sim::arch {

ConfigEntry EntryFromYaml(const YAML::Node& value, std::string where);

// 1-based line of a node for messages (yaml-cpp counts from 0, and -1 for no position).
int LineOf(const YAML::Node& node);

}  // namespace aie2sim::arch
