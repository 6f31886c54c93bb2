#include "sim/arch/config_tree.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
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

// Counts a stream's documents (stopping at two) and where each starts; ignores their content.
class DocumentCounter : public YAML::EventHandler {
 public:
  int count = 0;
  YAML::Mark starts[2];

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (count < 2) starts[count] = mark;
    ++count;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The config's one document (a Null node when the text has none). Not YAML::LoadAll: on some
// malformed input (a lone ',' at the top level) yaml-cpp 0.7 starts empty documents at the same
// place forever, and LoadAll collects them until memory runs out (yaml-cpp issue #1040, fixed
// upstream by PR #1319; found by tests/fuzz/config_fuzz). Documents are counted first, at most
// two, and only the first is loaded.
YAML::Node ParseDocument(const std::string& yaml_text, const std::string& display_name) {
  try {
    std::istringstream stream(yaml_text);
    YAML::Parser parser(stream);
    DocumentCounter counter;
    while (counter.count < 2 && parser.HandleNextDocument(counter)) {
    }
    if (counter.count == 0) return YAML::Node(YAML::NodeType::Null);
    if (counter.count > 1) {
      const YAML::Mark& second = counter.starts[1];
      const bool stuck = second.pos == counter.starts[0].pos;
      throw UserError(display_name + ":" + std::to_string(second.line + 1) +
                      ": YAML syntax error: " +
                      (stuck ? "the parser cannot go on here (a stray ',' at the top level?)"
                             : "more than one document (a config is one map)"));
    }
    return YAML::Load(yaml_text);
  } catch (const YAML::Exception& error) {
    std::string place = display_name;
    if (error.mark.line >= 0) place += ":" + std::to_string(error.mark.line + 1);
    throw UserError(place + ": YAML syntax error: " + error.msg);
  }
}

}  // namespace

ConfigTree ReadConfigTree(const std::string& yaml_text, const std::string& display_name) {
  const YAML::Node document = ParseDocument(yaml_text, display_name);
  if (!document.IsMap()) {
    ConfigEntry top = document.IsNull() ? ConfigEntry{} : EntryFromYaml(document, "");
    int line = std::max(1, LineOf(document));
    throw UserError(display_name + ":" + std::to_string(line) +
                    ": expected a map of config keys at the top level, got " + DescribeValue(top));
  }
  ConfigTree tree;
  tree.groups.emplace("", display_name + ":" + std::to_string(LineOf(document)));
  TreeWalker(display_name, tree).Walk(document, "");
  return tree;
}

}  // namespace aie2sim::arch
