// ConfigTree: a HardwareConfig file read into untyped entries by dotted key, checked for shape.
//
// ReadConfigTree parses the YAML and walks its maps against the schema (config_schema.h),
// iterating every pair itself because yaml-cpp 0.7 silently keeps the first of duplicate keys.
// It throws UserError at once for what stops reading (a YAML syntax error, more than one document,
// a top level that is not a map). Problems with single keys — unknown, duplicate, a group written
// as a scalar — are collected as `first_error` (the first in file order) so the loader can report
// an unsupported `version` before them. Values are not typed here: see ConfigParam::Apply.
#pragma once

#include <map>
#include <string>

#include "sim/arch/config_entry.h"

namespace aie2sim::arch {

struct ConfigTree {
  std::map<std::string, ConfigEntry> leaves;  // by dotted key; the first occurrence of duplicates
  // Message prefix of each map present: "" (the top level) -> "FILE:LINE", "core.dma" ->
  // "FILE:LINE: core.dma", with LINE the map's key line. Names the parent of a missing key.
  std::map<std::string, std::string> groups;
  std::string first_error;  // the first per-key problem as a full message, or ""
};

ConfigTree ReadConfigTree(const std::string& yaml_text, const std::string& display_name);

}  // namespace aie2sim::arch
