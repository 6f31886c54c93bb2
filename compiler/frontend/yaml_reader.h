// Strict reading of a YAML map tree for the workload loader: every key known, none twice, each
// value of the expected type, errors as "file:line: key: problem" (lines 1-based).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace aie2sim::frontend {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  // Parses text; a syntax error becomes a UserError with file and line.
  YAML::Node Parse(const std::string& text) const;

  // Checks that `map` is a map whose keys are all in `allowed`, with no key twice.
  void CheckKeys(const YAML::Node& map, const std::string& path,
                 std::initializer_list<const char*> allowed) const;

  // Required and optional scalars of `map` (path names the map in messages).
  const YAML::Node Required(const YAML::Node& map, const std::string& path, const char* key) const;
  std::string String(const YAML::Node& node, const std::string& key) const;
  int64_t Int(const YAML::Node& node, const std::string& key, int64_t min, int64_t max) const;
  // A finite number (an integer or a decimal, as strtod reads it) in [min, max].
  double Double(const YAML::Node& node, const std::string& key, double min, double max) const;
  bool Bool(const YAML::Node& node, const std::string& key) const;
  std::vector<int64_t> IntList(const YAML::Node& node, const std::string& key, size_t size,
                               int64_t min, int64_t max) const;
  std::vector<std::string> StringList(const YAML::Node& node, const std::string& key) const;

  // The text of a plain scalar, the only kind that can be a number or a boolean: a quoted "16"
  // is a string (as in the hardware config). Fails "expected <what>" otherwise.
  const std::string& PlainScalar(const YAML::Node& node, const std::string& key,
                                 const std::string& what) const;

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& key,
                         const std::string& problem) const;

 private:
  std::string file_;
};

}  // namespace aie2sim::frontend
