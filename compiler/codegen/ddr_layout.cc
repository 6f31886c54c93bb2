#include "compiler/codegen/ddr_layout.h"

#include <string>

#include "sim/arch/target_model.h"
#include "sim/base/error.h"

namespace aie2sim::codegen {

DdrLayout PlaceInDdr(const ir::Graph& graph, const std::vector<int64_t>& weight_bytes,
                     const arch::HardwareConfig& config) {
  DdrLayout layout;
  layout.tensor_address.assign(graph.tensors.size(), 0);
  layout.weight_address.assign(graph.nodes.size(), 0);
  std::vector<bool> placed(graph.tensors.size(), false);
  const uint64_t alignment = arch::FactsOf(config, arch::TileKind::kShim).region_alignment_bytes;
  uint64_t next = 0;
  auto place = [&](uint64_t bytes) {
    const uint64_t address = next;
    next = arch::AlignUp(next + bytes, alignment);
    return address;
  };
  for (int input : graph.inputs) {
    layout.tensor_address[input] = place(graph.tensor(input).shape.elements());
    placed[input] = true;
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (node.op == ir::OpKind::kFlatten) {
      layout.tensor_address[node.output] = layout.tensor_address[node.inputs.front()];
    } else {
      layout.tensor_address[node.output] = place(graph.tensor(node.output).shape.elements());
    }
    placed[node.output] = true;
    if (weight_bytes.at(i) > 0) layout.weight_address[i] = place(weight_bytes[i]);
  }
  layout.bytes_used = next;
  if (next > config.ddr.size_bytes) {
    throw UserError("workload " + graph.name + ": needs " + std::to_string(next) +
                    " B of DDR, more than ddr.size_bytes (" + std::to_string(config.ddr.size_bytes) +
                    " B)");
  }
  return layout;
}

}  // namespace aie2sim::codegen
