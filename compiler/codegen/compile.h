// The compiler driver: Graph IR -> Program, as one explicit, ordered list of passes:
//   1. schedule and memtile residency, with each window layer tiled in the memtile space left
//      to it (compiler/schedule/memtile_plan.h);
//   2. DDR placement of every tensor and of the weights as tiled (ddr_layout.h);
//   3. code generation per layer in schedule order (window_codegen.h, concat_codegen.h), with,
//      in functional mode, the DDR image and each layer's data (functional_data.h).
// View nodes (Flatten) emit no layer: their output aliases their input in DDR.
// Postcondition: the program carries the config hash and passes isa::ValidateProgram.
#pragma once

#include "compiler/codegen/functional_data.h"
#include "compiler/ir/graph.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

struct CompileOptions {
  isa::SparsityInfo sparsity;  // recorded in the program for reports
  bool keep_resident = true;   // keep tensors in memtile between layers (false: DDR round trips)
  // Functional mode: add the data the program runs on and the reference's outputs
  // (functional_data.h); null for timing-only programs.
  const FunctionalInputs* functional = nullptr;
};

isa::Program CompileGraph(const ir::Graph& graph, const arch::HardwareConfig& config,
                          const CompileOptions& options);

}  // namespace aie2sim::codegen
