#include "compiler/sparsity/sparsity_spec.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "compiler/frontend/yaml_reader.h"
#include "compiler/sparsity/layer_file.h"

namespace aie2sim::sparsity {

namespace {

// A ratio in [0, 1], written as a plain decimal number ("0.5", "1", "0.25e0").
double Ratio(const frontend::YamlReader& reader, const YAML::Node& node, const std::string& key) {
  const std::string& text = reader.PlainScalar(node, key, "a ratio in [0, 1]");
  char* end = nullptr;
  errno = 0;
  const double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  const bool parsed = !text.empty() && errno == 0 && end == text.c_str() + text.size();
  if (!parsed || !(value >= 0.0 && value <= 1.0)) {
    reader.Fail(node, key, "expected a ratio in [0, 1], got \"" + text + "\"");
  }
  return value;
}

}  // namespace

SparsitySpec ParseSparsitySpec(const std::string& text, const std::string& file,
                               const ir::Graph& graph) {
  const frontend::YamlReader reader(file);
  const YAML::Node root = reader.Parse(text);
  reader.CheckKeys(root, "", {"version", "default", "layers"});
  reader.Int(reader.Required(root, "", "version"), "version", 1, 1);
  SparsitySpec spec;
  if (root["default"].IsDefined()) spec.default_ratio = Ratio(reader, root["default"], "default");
  const YAML::Node layers = reader.Required(root, "", "layers");
  CheckLayerKeys(reader, layers, graph);
  for (const auto& entry : layers) {
    const std::string name = entry.first.Scalar();
    spec.layers[name] = Ratio(reader, entry.second, "layers." + name);
  }
  return spec;
}

SparsitySpec LoadSparsitySpec(const std::string& path, const ir::Graph& graph) {
  return ParseSparsitySpec(ReadTextFile(path), path, graph);
}

}  // namespace aie2sim::sparsity
