// The tiling's side of its relation with the memory plan: tiling proposes, the memory plan
// chooses. A window layer's tiling depends on the memtile space left to it, which depends on the
// tensors the plan keeps resident, which in turn depends on how the layers tile; so the tiling
// pass does not pick one tiling per layer. It offers every window layer's candidate with the
// whole memtile to itself (the reference the plan weighs residency against, and the width
// partition the readers of a resident tensor use) and a candidate under any budget the plan
// asks about (a residency option: the bytes left and which of its tensors are resident); the
// memory plan (compiler/schedule/memtile_plan.h) chooses the residency and with it the candidate.
// Precondition: the graph's window layers tile with the whole memtile (else UserError naming the
// first layer, in `order`, that does not). Candidates are pure functions of (layer, budget).
#pragma once

#include <optional>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::tiling {

class TilingCandidates {
 public:
  // Tiles every window layer alone in the memtile, in `order`. `graph` and `config` must outlive
  // the candidates.
  TilingCandidates(const ir::Graph& graph, const arch::HardwareConfig& config,
                   const std::vector<int>& order);

  // The candidate of window layer `node` with the whole memtile; empty for other nodes.
  const std::optional<WindowTiling>& Alone(int node) const { return alone_.at(node); }

  // The candidate of window layer `node` under `budget` (UserError naming the layer when no
  // subvolume fits).
  WindowTiling Under(int node, const MemtileBudget& budget) const;

 private:
  const ir::Graph& graph_;
  const arch::HardwareConfig& config_;
  std::vector<std::optional<WindowTiling>> alone_;  // by node index
};

}  // namespace aie2sim::tiling
