// Finding and loading a workload: `--workload` takes a path, or the name of a shipped workload
// (workloads/NAME.yaml or workloads/NAME.onnx next to the binary's source tree).
#pragma once

#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::frontend {

// Resolves NAME or PATH to an existing file; throws UserError listing where it looked.
std::string ResolveWorkloadPath(const std::string& spec);

// Loads a workload file by its extension (.yaml / .yml: our layer list; .onnx: an ONNX model).
// `batch` > 0 overrides the batch size.
// Throws UserError "<path>: node name: invalid UTF-8 (byte 0xNN)" when a name of an imported
// model is not UTF-8 (the YAML formats are checked as text when parsed).
void CheckNamesUtf8(const ir::Graph& graph, const std::string& path);

ir::Graph LoadWorkload(const std::string& spec, int64_t batch);

}  // namespace aie2sim::frontend
