#include "compiler/frontend/workload_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/frontend/onnx_importer.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/base/error.h"
#include "sim/base/paths.h"

namespace aie2sim::frontend {

std::string ResolveWorkloadPath(const std::string& spec) {
  return ResolveDataFile(spec, "workloads", {".yaml", ".onnx"}, "workload");
}

ir::Graph LoadWorkload(const std::string& spec, int64_t batch) {
  const std::string path = ResolveWorkloadPath(spec);
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".onnx") return ImportOnnx(path, batch);
  if (extension != ".yaml" && extension != ".yml") {
    throw UserError(path + ": unsupported workload format \"" + extension +
                    "\" (expected .yaml, .yml or .onnx)");
  }
  std::ifstream in(path);
  if (!in) throw UserError(path + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseWorkloadYaml(text.str(), path, batch);
}

}  // namespace aie2sim::frontend
