// Code generation: the memory plan's layers (compiler/schedule/memtile_plan.h) -> Program:
//   1. DDR placement of every tensor and of the weights as tiled (ddr_layout.h);
//   2. per layer in schedule order, its groups of per-engine instruction streams
//      (window_codegen.h, concat_codegen.h), with, in functional mode, the DDR image and each
//      layer's data (functional_data.h).
// View nodes (Flatten) emit no layer: their output aliases their input in DDR.
// Preconditions: `plan` was made for `graph` and `config`; every window layer of it has its
// tiling. Postcondition: the program carries the config hash and passes isa::ValidateProgram.
// The compiler's passes in order are in compiler/driver/driver.h.
#pragma once

#include "compiler/codegen/ddr_layout.h"
#include "compiler/codegen/functional_data.h"
#include "compiler/ir/graph.h"
#include "compiler/schedule/memtile_plan.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

struct CompileOptions {
  isa::SparsityInfo sparsity;  // recorded in the program for reports
  bool keep_resident = true;   // keep tensors in memtile between layers (false: DDR round trips)
  bool cost_tiling = true;     // the cheapest candidate tiling per layer (false: the fixed one)
  // Functional mode: add the data the program runs on and the reference's outputs
  // (functional_data.h); null for timing-only programs.
  const FunctionalInputs* functional = nullptr;
};

// DDR placement of every tensor and of the weights as the plan's tilings store them.
DdrLayout PlaceProgramInDdr(const ir::Graph& graph, const schedule::MemtilePlan& plan,
                            const arch::HardwareConfig& config);

isa::Program EmitProgram(const ir::Graph& graph, const arch::HardwareConfig& config,
                         const schedule::MemtilePlan& plan, const CompileOptions& options);

}  // namespace aie2sim::codegen
