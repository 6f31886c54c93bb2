#include "compiler/driver/memory_plan_pass.h"

#include <sstream>

#include "compiler/driver/tiling_pass.h"
#include "sim/base/error.h"

namespace aie2sim::driver {

schedule::MemtilePlan RunMemoryPlan(const ir::Graph& graph, const arch::HardwareConfig& config,
                                    bool keep_resident, const schedule::Schedule& schedule,
                                    const tiling::TilingCandidates& candidates) {
  if (schedule.order.size() != graph.nodes.size() || schedule.live.size() != graph.tensors.size()) {
    throw InternalError(
        "memory plan: the schedule covers " + std::to_string(schedule.order.size()) +
        " nodes and " + std::to_string(schedule.live.size()) + " tensors, the graph has " +
        std::to_string(graph.nodes.size()) + " and " + std::to_string(graph.tensors.size()));
  }
  for (int node : schedule.order) {
    if (tiling::IsWindowLayer(graph.nodes.at(node).op) && !candidates.Alone(node)) {
      throw InternalError("memory plan: window layer " + graph.nodes[node].name +
                          " has no tiling candidate");
    }
  }
  return schedule::PlanMemtiles(graph, config, keep_resident, schedule, candidates);
}

std::string DumpMemoryPlan(const ir::Graph& graph, const schedule::MemtilePlan& plan) {
  std::ostringstream out;
  out << "tensors\n";
  for (size_t t = 0; t < graph.tensors.size(); ++t) {
    const schedule::TensorPlacement& placement = plan.tensors[t];
    out << graph.tensors[t].name << ": ";
    if (!placement.resident) {
      out << "DDR (" << placement.reason << ")\n";
      continue;
    }
    out << "resident at " << placement.address << ", " << placement.bytes
        << " B per memtile, live [" << placement.live.first << ", " << placement.live.last
        << "], columns";
    for (const tiling::Range& columns : placement.columns) {
      out << " [" << columns.begin << ", " << columns.end << ")";
    }
    out << "\n";
  }
  out << "layers\n";
  for (const schedule::LayerPlan& layer : plan.layers) {
    const ir::Node& node = graph.nodes[layer.node];
    out << node.name << ": base " << layer.memtile_base << ", budget " << layer.budget.capacity
        << " B, inputs resident";
    for (bool resident : layer.budget.input_resident) out << (resident ? " yes" : " no");
    out << ", output resident " << (layer.budget.output_resident ? "yes" : "no");
    if (layer.tiling) out << "; " << TilingSummary(*layer.tiling);
    out << "\n";
  }
  return out.str();
}

}  // namespace aie2sim::driver
