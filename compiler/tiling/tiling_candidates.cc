#include "compiler/tiling/tiling_candidates.h"

namespace aie2sim::tiling {

TilingCandidates::TilingCandidates(const ir::Graph& graph, const arch::HardwareConfig& config,
                                   const std::vector<int>& order)
    : graph_(graph), config_(config), alone_(graph.nodes.size()) {
  for (int node : order) {
    if (IsWindowLayer(graph.nodes[node].op)) alone_[node] = Under(node, WholeMemtile(config));
  }
}

WindowTiling TilingCandidates::Under(int node, const MemtileBudget& budget) const {
  return PlanWindowLayer(graph_, graph_.nodes.at(node), config_, budget, ConfigLayout(config_));
}

}  // namespace aie2sim::tiling
