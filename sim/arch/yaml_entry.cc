#include "sim/arch/yaml_entry.h"

#include <utility>

namespace aie2sim::arch {

ConfigEntry EntryFromYaml(const YAML::Node& value, std::string where) {
  ConfigEntry entry;
  entry.where = std::move(where);
  switch (value.Type()) {
    case YAML::NodeType::Scalar:
      entry.kind = ConfigEntry::Kind::kScalar;
      entry.text = value.Scalar();
      // yaml-cpp tags a plain scalar "?" and a quoted one "!"; anything else is an explicit tag.
      entry.plain = value.Tag() == "?";
      break;
    case YAML::NodeType::Map:
      entry.kind = ConfigEntry::Kind::kMap;
      break;
    case YAML::NodeType::Sequence:
      entry.kind = ConfigEntry::Kind::kSequence;
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      entry.kind = ConfigEntry::Kind::kNull;
      break;
  }
  return entry;
}

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

}  // namespace aie2sim::arch
