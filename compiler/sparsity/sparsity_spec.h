// Per-layer sparsity ratios from a YAML file (--sparsity-spec; format in
// workloads/sparsity/README.md):
//
//   version: 1
//   default: 0.5          # optional: ratio of the layers not listed
//   layers:
//     conv2: 0.7
//     fc: 0.9
//
// Strict: unknown or duplicate keys, a ratio outside [0, 1] or not a number, and a layer name
// that is not a Conv/Gemm node of the workload are UserErrors "file:line: key: problem".
#pragma once

#include <map>
#include <optional>
#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::sparsity {

struct SparsitySpec {
  std::optional<double> default_ratio;   // layers not listed (absent: the global --sparsity)
  std::map<std::string, double> layers;  // node name -> ratio
};

// Parses the text of a spec file; `file` names it in messages.
SparsitySpec ParseSparsitySpec(const std::string& text, const std::string& file,
                               const ir::Graph& graph);

// Reads and parses `path`.
SparsitySpec LoadSparsitySpec(const std::string& path, const ir::Graph& graph);

}  // namespace aie2sim::sparsity
