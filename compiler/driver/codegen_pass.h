// Pass 6, codegen: the memory plan's layers -> Program (compiler/codegen/compile.h): DDR
// placement, then per layer in schedule order its groups of per-engine instruction streams; in
// functional mode with the data the program runs on.
//
// Preconditions: the memory plan was made for this graph (a layer per node) and every window
//   layer in it has its tiling (InternalError naming the layer otherwise).
// Postcondition: one program layer per non-view node in schedule order; the program carries the
//   config hash and, in functional mode, the DDR image and every layer's expected output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/codegen/compile.h"
#include "compiler/ir/graph.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/schedule/memtile_plan.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::driver {

// Functional mode's data, owned: the input (an int8 .npy BHWC file, or random from `seed` when
// `input_path` is empty), the quantised network and the reference's int8 value of every tensor.
struct FunctionalData {
  reference::NetworkInput input;
  reference::QuantizedNetwork network;
  std::vector<std::vector<int8_t>> tensors;
  codegen::FunctionalInputs View() const { return {&input, &network, &tensors}; }
};
FunctionalData PrepareFunctional(const ir::Graph& graph, const std::string& input_path,
                                 uint64_t seed);

isa::Program RunCodegen(const ir::Graph& graph, const arch::HardwareConfig& config,
                        const schedule::MemtilePlan& plan, const codegen::CompileOptions& options);

// The program as `aie2sim listing` prints it.
std::string DumpProgram(const isa::Program& program);

}  // namespace aie2sim::driver
