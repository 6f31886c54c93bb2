// The compiler driver: Graph IR -> Program, as one explicit, ordered list of passes:
//   1. DDR placement of every tensor and of each layer's compacted weights (ddr_layout.h);
//   2. per node in graph order: tiling (compiler/tiling) then code generation (codegen.h).
// View nodes (Flatten) emit no layer: their output aliases their input in DDR.
// Postcondition: the program carries the config hash and passes isa::ValidateProgram.
#pragma once

#include "compiler/ir/graph.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

struct CompileOptions {
  isa::SparsityInfo sparsity;  // recorded in the program for reports
};

isa::Program CompileGraph(const ir::Graph& graph, const arch::HardwareConfig& config,
                          const CompileOptions& options);

}  // namespace aie2sim::codegen
