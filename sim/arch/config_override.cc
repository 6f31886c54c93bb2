#include "sim/arch/config_override.h"

#include <yaml-cpp/yaml.h>

#include "sim/arch/config_schema.h"
#include "sim/arch/yaml_entry.h"
#include "sim/base/error.h"
#include "sim/base/utf8.h"

namespace aie2sim::arch {
namespace {

std::string Trim(const std::string& text) {
  const char* blanks = " \t";
  size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

}  // namespace

void ApplyConfigOverride(const std::string& assignment, int index, ConfigTree& tree) {
  CheckUtf8Value(assignment, "--set");
  const size_t equals = assignment.find('=');
  const std::string key = Trim(assignment.substr(0, equals));
  if (equals == std::string::npos || key.empty()) {
    throw UserError("--set \"" + assignment + "\": expected key=value");
  }
  const std::string where = "--set " + key;
  if (FindConfigParam(key) == nullptr) {
    if (IsConfigGroup(key)) {
      throw UserError(where + ": is a group of keys, not one value; set its keys one by one");
    }
    std::string suggestion = SuggestConfigKey(key);
    throw UserError(where + ": unknown key" +
                    (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
  }
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(equals + 1));
  } catch (const YAML::Exception& error) {
    throw UserError(where + ": YAML syntax error in the value: " + error.msg);
  }
  ConfigEntry entry = EntryFromYaml(value, where);
  entry.override_index = index;
  tree.leaves[key] = entry;
}

}  // namespace aie2sim::arch
