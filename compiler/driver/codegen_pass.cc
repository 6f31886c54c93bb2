#include "compiler/driver/codegen_pass.h"

#include <chrono>
#include <iostream>

#include "compiler/reference/npy_input.h"
#include "compiler/reference/reference_executor.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/base/error.h"
#include "sim/isa/listing.h"

namespace aie2sim::driver {

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
