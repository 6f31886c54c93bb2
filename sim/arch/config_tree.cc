#include "sim/arch/config_tree.h"

#include <algorithm>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/arch/config_param.h"
#include "sim/arch/config_schema.h"
#include "sim/arch/yaml_entry.h"
#include "sim/base/error.h"

namespace aie2sim::arch {
namespace {

class TreeWalker {
 public:
  TreeWalker(const std::string& display_name, ConfigTree& tree)
      : display_name_(display_name), tree_(tree) {}

  // Walks the pairs of `map`, whose dotted path is `group` ("" for the top level).
  void Walk(const YAML::Node& map, const std::string& group) {
    std::map<std::string, int> first_lines;  // key -> line of its first occurrence in this map
    for (auto it = map.begin(); it != map.end(); ++it) {
      // A copy: `it->first` lives in a temporary proxy that dies with this statement (ASan:
      // stack-use-after-scope when a reference was kept).
      const YAML::Node key_node = it->first;
      const int line = LineOf(key_node);
      const std::string at = display_name_ + ":" + std::to_string(line) + ": ";
      if (!key_node.IsScalar()) {
        Record(at + (group.empty() ? "" : group + ": ") + "expected a key name, got " +
               DescribeValue(EntryFromYaml(key_node, "")));
        continue;
      }
      const std::string& name = key_node.Scalar();
      const std::string path = group.empty() ? name : group + "." + name;
      const std::string where = at + path;
      auto [first, inserted] = first_lines.emplace(name, line);
      if (!inserted) {
        Record(where + ": duplicate key (first at line " + std::to_string(first->second) + ")");
        continue;
      }
      if (name.empty() || name.find('.') != std::string::npos) {
        // A dotted name would otherwise pass for a nested key ("core.locks: 16" at the top).
        Record(where + ": unknown key (write nested keys as nested maps)");
      } else if (FindConfigParam(path) != nullptr) {
        tree_.leaves.emplace(path, EntryFromYaml(it->second, where));
      } else if (IsConfigGroup(path)) {
        if (it->second.IsMap()) {
          tree_.groups.emplace(path, where);
          Walk(it->second, path);
        } else {
          Record(where + ": expected a map of keys, got " +
                 DescribeValue(EntryFromYaml(it->second, where)));
        }
      } else {
        std::string suggestion = SuggestConfigKey(path);
        Record(where + ": unknown key" +
               (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
      }
    }
  }

 private:
  void Record(const std::string& message) {
    if (tree_.first_error.empty()) tree_.first_error = message;
  }

  const std::string& display_name_;
  ConfigTree& tree_;
};

std::vector<YAML::Node> ParseDocuments(const std::string& yaml_text,
                                       const std::string& display_name) {
  try {
    return YAML::LoadAll(yaml_text);
  } catch (const YAML::Exception& error) {
    std::string place = display_name;
    if (error.mark.line >= 0) place += ":" + std::to_string(error.mark.line + 1);
    throw UserError(place + ": YAML syntax error: " + error.msg);
  }
}

}  // namespace

ConfigTree ReadConfigTree(const std::string& yaml_text, const std::string& display_name) {
  std::vector<YAML::Node> documents = ParseDocuments(yaml_text, display_name);
  if (documents.size() > 1) {
    throw UserError(display_name + ":" + std::to_string(LineOf(documents[1])) +
                    ": YAML syntax error: more than one document (a config is one map)");
  }
  if (documents.empty() || !documents[0].IsMap()) {
    ConfigEntry top = documents.empty() ? ConfigEntry{} : EntryFromYaml(documents[0], "");
    int line = documents.empty() ? 1 : std::max(1, LineOf(documents[0]));
    throw UserError(display_name + ":" + std::to_string(line) +
                    ": expected a map of config keys at the top level, got " + DescribeValue(top));
  }
  ConfigTree tree;
  tree.groups.emplace("", display_name + ":" + std::to_string(LineOf(documents[0])));
  TreeWalker(display_name, tree).Walk(documents[0], "");
  return tree;
}

}  // namespace aie2sim::arch
