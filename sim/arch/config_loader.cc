#include "sim/arch/config_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/arch/config_override.h"
#include "sim/arch/config_param.h"
#include "sim/arch/config_rules.h"
#include "sim/arch/config_schema.h"
#include "sim/arch/config_tree.h"
#include "sim/base/error.h"
#include "sim/base/utf8.h"

namespace aie2sim::arch {
namespace {

// A file of another schema version gets this message rather than a list of unknown keys.
void CheckVersion(const ConfigTree& tree) {
  auto found = tree.leaves.find("version");
  if (found == tree.leaves.end()) return;  // reported as a missing key
  const ConfigEntry& entry = found->second;
  if (ReadUnsignedEntry(entry) != kConfigVersion) {
    throw UserError(entry.where + ": unsupported config version " + entry.text +
                    " (this aie2sim reads version " + std::to_string(kConfigVersion) + ")");
  }
}

// Names the first missing required key in schema order — the outermost missing map when a whole
// group is absent — at the line of the map that should hold it.
void CheckRequiredKeys(const ConfigTree& tree) {
  for (const ConfigParam& param : ConfigSchema()) {
    const std::string& key = param.key();
    if (!param.required() || tree.leaves.count(key) != 0) continue;
    std::string parent;
    size_t dot = key.find('.');
    while (dot != std::string::npos && tree.groups.count(key.substr(0, dot)) != 0) {
      parent = key.substr(0, dot);
      dot = key.find('.', dot + 1);
    }
    throw UserError(tree.groups.at(parent) + ": missing required key " + key.substr(0, dot));
  }
}

}  // namespace

HardwareConfig LoadHardwareConfig(const std::string& path,
                                  const std::vector<std::string>& overrides) {
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!file || std::filesystem::is_directory(path, error)) {
    throw UserError(path + ": cannot open file");
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw UserError(path + ": cannot read file");
  return ParseHardwareConfig(text.str(), path, overrides);
}

HardwareConfig ParseHardwareConfig(const std::string& yaml_text, const std::string& display_name,
                                   const std::vector<std::string>& overrides) {
  CheckUtf8File(yaml_text, display_name);
  ConfigTree tree = ReadConfigTree(yaml_text, display_name);
  CheckVersion(tree);
  if (!tree.first_error.empty()) throw UserError(tree.first_error);
  for (size_t i = 0; i < overrides.size(); ++i) {
    ApplyConfigOverride(overrides[i], static_cast<int>(i), tree);
  }
  CheckVersion(tree);  // again: --set version=2
  CheckRequiredKeys(tree);

  HardwareConfig config;
  for (const ConfigParam& param : ConfigSchema()) {
    auto found = tree.leaves.find(param.key());
    if (found != tree.leaves.end()) param.Apply(found->second, config);
  }
  CheckConfigRules(config, tree);
  config.source_path = display_name;
  config.overrides = overrides;
  return config;
}

std::vector<std::string> DescribeConfigKeys() {
  size_t key_width = 0;
  size_t unit_width = 0;
  for (const ConfigParam& param : ConfigSchema()) {
    key_width = std::max(key_width, param.key().size());
    unit_width = std::max(unit_width, param.unit().size() + 2);
  }
  std::vector<std::string> lines;
  for (const ConfigParam& param : ConfigSchema()) {
    std::string line = param.key();
    line.resize(key_width + 2, ' ');
    std::string unit = "(" + param.unit() + ")";
    unit.resize(unit_width + 2, ' ');
    line += unit + param.description();
    if (!param.required()) line += " (optional)";
    std::string range = param.RangeText();
    if (!range.empty()) line += "  " + range;
    lines.push_back(line);
  }
  return lines;
}

}  // namespace aie2sim::arch
