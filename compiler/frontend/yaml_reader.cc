#include "compiler/frontend/yaml_reader.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

#include "sim/base/error.h"
#include "sim/base/utf8.h"

namespace aie2sim::frontend {

YAML::Node YamlReader::Parse(const std::string& text) const {
  CheckUtf8File(text, file_);
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw UserError(file_ + ":" + std::to_string(error.mark.line + 1) +
                    ": YAML syntax error: " + error.msg);
  }
}

void YamlReader::Fail(const YAML::Node& node, const std::string& key,
                      const std::string& problem) const {
  const int line = node.IsDefined() ? node.Mark().line + 1 : 0;
  throw UserError(file_ + ":" + (line > 0 ? std::to_string(line) : std::string("?")) + ": " + key +
                  ": " + problem);
}

void YamlReader::CheckKeys(const YAML::Node& map, const std::string& path,
                           std::initializer_list<const char*> allowed) const {
  if (!map.IsMap()) Fail(map, path.empty() ? "(top level)" : path, "expected a map");
  std::set<std::string> seen;
  for (const auto& entry : map) {
    // A sequence, map or null as a key made as<std::string>() throw YAML::BadConversion (exit 1).
    if (!entry.first.IsScalar()) {
      Fail(entry.first, path.empty() ? "(top level)" : path, "expected a key name");
    }
    const std::string key = entry.first.Scalar();
    const std::string full = path.empty() ? key : path + "." + key;
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (!known) Fail(entry.first, full, "unknown key");
    if (!seen.insert(key).second) Fail(entry.first, full, "duplicate key");
  }
}

const YAML::Node YamlReader::Required(const YAML::Node& map, const std::string& path,
                                      const char* key) const {
  const YAML::Node value = map[key];
  if (!value.IsDefined()) {
    Fail(map, path.empty() ? key : path + "." + key, "missing required key");
  }
  return value;
}

std::string YamlReader::String(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) Fail(node, key, "expected a string");
  return node.Scalar();
}

const std::string& YamlReader::PlainScalar(const YAML::Node& node, const std::string& key,
                                           const std::string& what) const {
  if (!node.IsScalar()) Fail(node, key, "expected " + what);
  // yaml-cpp tags a plain scalar "?" and a quoted one "!"; anything else is an explicit tag.
  if (node.Tag() != "?")
    Fail(node, key, "expected " + what + ", got the string \"" + node.Scalar() + "\"");
  return node.Scalar();
}

int64_t YamlReader::Int(const YAML::Node& node, const std::string& key, int64_t min,
                        int64_t max) const {
  const std::string& text = PlainScalar(node, key, "an integer");
  size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used, 10);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    Fail(node, key, "expected an integer, got \"" + text + "\"");
  if (value < min || value > max) {
    Fail(node, key,
         text + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return value;
}

double YamlReader::Double(const YAML::Node& node, const std::string& key, double min,
                          double max) const {
  const std::string& text = PlainScalar(node, key, "a number");
  char* end = nullptr;
  const double value = text.empty() ? 0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
    Fail(node, key, "expected a number, got \"" + text + "\"");
  }
  if (value < min || value > max) {
    std::ostringstream range;
    range << text << " is out of range [" << min << ", " << max << "]";
    Fail(node, key, range.str());
  }
  return value;
}

bool YamlReader::Bool(const YAML::Node& node, const std::string& key) const {
  const std::string& text = PlainScalar(node, key, "true or false");
  if (text == "true") return true;
  if (text == "false") return false;
  Fail(node, key, "expected true or false");
}

std::vector<int64_t> YamlReader::IntList(const YAML::Node& node, const std::string& key,
                                         size_t size, int64_t min, int64_t max) const {
  if (!node.IsSequence() || node.size() != size) {
    Fail(node, key, "expected a list of " + std::to_string(size) + " integers");
  }
  std::vector<int64_t> values;
  for (const YAML::Node& item : node) values.push_back(Int(item, key, min, max));
  return values;
}

std::vector<std::string> YamlReader::StringList(const YAML::Node& node,
                                                const std::string& key) const {
  if (!node.IsSequence()) Fail(node, key, "expected a list of names");
  std::vector<std::string> values;
  for (const YAML::Node& item : node) values.push_back(String(item, key));
  return values;
}

}  // namespace aie2sim::frontend
