// Cost-driven tiling (`--tiling cost`): for every window layer of a memory plan, the tiling among
// its candidates (core_layouts.h, each planned by tiling::PlanWindowLayer under the budget the
// plan leaves the layer) whose program is cheapest under the analytic model.
//
// A candidate is priced by writing its layer (codegen::EmitWindowLayer, without functional data)
// and timing it with the estimator's own per-layer function (analytic::EstimateLayer, with the
// pipeline fill and drain: what the paper-mode simulator runs); so the price is the estimate of
// exactly the code the winner gets, not a second model of it. Candidates whose tilings differ
// only in buffer addresses (same pieces, sub-slices, blocks, passes, weight residency) are priced
// once; a candidate whose code the config cannot run (more buffer descriptors than a tile has, for
// work the code generator does not split) is dropped. The cheapest wins; equal prices go to the
// earlier candidate (the config's own layout first), so the choice is deterministic. The candidates
// keep the fixed tiler's mesh partition (width parts, cout groups), which the memory plan's
// resident tensors were placed for, and fit the same memtile budget, so the plan stays valid.
// Timing model: the paper's closed form under any config (a realistic config's effects are not
// priced).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/schedule/memtile_plan.h"
#include "sim/arch/hardware_config.h"
#include "sim/base/units.h"

namespace aie2sim::costtile {

// What the cost tiler chose for one window layer.
struct LayerChoice {
  int node = -1;
  size_t candidate = 0;  // index into CoreLayouts(node): 0 is the config's (fixed) layout
  size_t priced = 0;     // candidates that fit and were priced (distinct tilings)
  Cycles price;          // the winner's estimate
  Cycles fixed_price;    // the config layout's estimate
};

// Replaces every window layer's tiling in `plan` by its cheapest candidate; one choice per window
// layer, in schedule order.
std::vector<LayerChoice> ChooseTilings(const ir::Graph& graph, const arch::HardwareConfig& config,
                                       schedule::MemtilePlan* plan);

// The choices as `compile --dump-after cost-tiling` prints them.
std::string DumpChoices(const ir::Graph& graph, const std::vector<LayerChoice>& choices);

}  // namespace aie2sim::costtile
