// Shared pieces of the sparsity pass's two per-layer YAML files (the ratio spec and the mask
// file): reading the file and resolving `layers:` keys to Conv/Gemm nodes with file:line errors.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "compiler/frontend/yaml_reader.h"
#include "compiler/ir/graph.h"

namespace aie2sim::sparsity {

// The whole file; throws UserError "path: cannot open file".
std::string ReadTextFile(const std::string& path);

// Checks that `layers` is a map whose keys are distinct and name Conv/Gemm nodes of `graph`,
// failing at the offending key's line with "layers.NAME: ..." (unknown name, not a weighted op,
// listed twice). Returns nothing: callers then walk the map themselves.
void CheckLayerKeys(const frontend::YamlReader& reader, const YAML::Node& layers,
                    const ir::Graph& graph);

// The node named `name` (precondition: CheckLayerKeys accepted it).
ir::Node& NodeNamed(ir::Graph& graph, const std::string& name);
const ir::Node& NodeNamed(const ir::Graph& graph, const std::string& name);

}  // namespace aie2sim::sparsity
