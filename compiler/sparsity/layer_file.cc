#include "compiler/sparsity/layer_file.h"

#include <fstream>
#include <set>
#include <sstream>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void CheckLayerKeys(const frontend::YamlReader& reader, const YAML::Node& layers,
                    const ir::Graph& graph) {
  if (!layers.IsMap()) reader.Fail(layers, "layers", "expected a map of layer names");
  std::set<std::string> seen;
  for (const auto& entry : layers) {
    const std::string name = reader.String(entry.first, "layers");
    const std::string key = "layers." + name;
    const ir::Node* node = nullptr;
    for (const ir::Node& candidate : graph.nodes) {
      if (candidate.name == name) node = &candidate;
    }
    if (node == nullptr) {
      reader.Fail(entry.first, key, "no layer of that name in workload " + graph.name);
    }
    if (!ir::HasWeights(node->op)) {
      reader.Fail(entry.first, key,
                  std::string("is a ") + ir::OpName(node->op) + ", not a Conv or Gemm layer");
    }
    if (!seen.insert(name).second) reader.Fail(entry.first, key, "duplicate key");
  }
}

const ir::Node& NodeNamed(const ir::Graph& graph, const std::string& name) {
  for (const ir::Node& node : graph.nodes) {
    if (node.name == name) return node;
  }
  throw InternalError("no node named " + name);
}

ir::Node& NodeNamed(ir::Graph& graph, const std::string& name) {
  return const_cast<ir::Node&>(NodeNamed(static_cast<const ir::Graph&>(graph), name));
}

}  // namespace aie2sim::sparsity
