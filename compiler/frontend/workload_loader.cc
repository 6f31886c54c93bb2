#include "compiler/frontend/workload_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/frontend/onnx_importer.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/base/error.h"
#include "sim/base/paths.h"
#include "sim/base/utf8.h"

namespace aie2sim::frontend {

std::string ResolveWorkloadPath(const std::string& spec) {
  return ResolveDataFile(spec, "workloads", {".yaml", ".onnx"}, "workload");
}

void CheckNamesUtf8(const ir::Graph& graph, const std::string& path) {
  CheckUtf8Value(graph.name, path + ": graph name");
  for (const ir::Node& node : graph.nodes) CheckUtf8Value(node.name, path + ": node name");
  for (const ir::Tensor& tensor : graph.tensors) {
    CheckUtf8Value(tensor.name, path + ": tensor name");
  }
}

ir::Graph LoadWorkload(const std::string& spec, int64_t batch) {
  const std::string path = ResolveWorkloadPath(spec);
  const std::string extension = std::filesystem::path(path).extension().string();
  ir::Graph graph;
  if (extension == ".onnx") {
    graph = ImportOnnx(path, batch);
    CheckNamesUtf8(graph, path);
  } else if (extension == ".yaml" || extension == ".yml") {
    std::ifstream in(path);
    if (!in) throw UserError(path + ": cannot open file");
    std::stringstream text;
    text << in.rdbuf();
    graph = ParseWorkloadYaml(text.str(), path, batch);
  } else {
    throw UserError(path + ": unsupported workload format \"" + extension +
                    "\" (expected .yaml, .yml or .onnx)");
  }
  graph.source = path;
  return graph;
}

}  // namespace aie2sim::frontend
