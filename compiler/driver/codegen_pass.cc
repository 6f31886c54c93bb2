#include "compiler/driver/codegen_pass.h"

#include <chrono>
#include <iostream>

#include "compiler/reference/npy_input.h"
#include "compiler/reference/reference_executor.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/base/error.h"
#include "sim/isa/listing.h"

namespace aie2sim::driver {

// Before allocating: the reference run holds every tensor of the network as int8, and
// the program's DDR image is made of them, so their total must fit the config's DDR.
void CheckFunctionalFits(const ir::Graph& graph, const arch::HardwareConfig& config,
                         const std::string& workload) {
  uint64_t bytes = 0;
  for (const ir::Tensor& tensor : graph.tensors) {
    uint64_t elements = 1;
    for (const int64_t side : {tensor.shape.n, tensor.shape.h, tensor.shape.w, tensor.shape.c}) {
      if (__builtin_mul_overflow(elements, static_cast<uint64_t>(side), &elements)) {
        elements = UINT64_MAX;
      }
    }
    if (__builtin_add_overflow(bytes, elements, &bytes)) bytes = UINT64_MAX;
  }
  if (bytes > config.ddr.size_bytes) {
    throw UserError("--functional: the tensors of " + workload + " at batch " +
                    std::to_string(graph.tensor(graph.inputs.front()).shape.n) + " take " +
                    std::to_string(bytes) + " bytes, more than ddr.size_bytes (" +
                    std::to_string(config.ddr.size_bytes) + ")");
  }
}

FunctionalData PrepareFunctional(const ir::Graph& graph, const std::string& input_path,
                                 uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  FunctionalData data;
  data.input = input_path.empty() ? reference::RandomInput(graph, seed)
                                  : reference::LoadNpyInput(graph, input_path);
  data.network = reference::QuantizeNetwork(graph, data.input, seed);
  data.tensors = reference::RunReference(graph, data.network, data.input);
  std::cerr << "reference executor: " << graph.nodes.size() << " nodes in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s (input: " << data.input.source << ")\n";
  return data;
}

isa::Program RunCodegen(const ir::Graph& graph, const arch::HardwareConfig& config,
                        const schedule::MemtilePlan& plan, const codegen::CompileOptions& options) {
  if (plan.layers.size() != graph.nodes.size()) {
    throw InternalError("codegen: the memory plan has " + std::to_string(plan.layers.size()) +
                        " layers, the graph " + std::to_string(graph.nodes.size()) + " nodes");
  }
  for (const schedule::LayerPlan& layer : plan.layers) {
    const ir::Node& node = graph.nodes.at(layer.node);
    if (tiling::IsWindowLayer(node.op) && !layer.tiling) {
      throw InternalError("codegen: window layer " + node.name + " has no tiling in the plan");
    }
  }
  return codegen::EmitProgram(graph, config, plan, options);
}

std::string DumpProgram(const isa::Program& program) { return isa::ListProgram(program); }

}  // namespace aie2sim::driver
