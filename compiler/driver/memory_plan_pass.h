// Pass 5, memory plan: which tensors stay resident in the memtiles and where, and with it each
// window layer's tiling, chosen among the tiling pass's candidates: the one under the budget the
// residency leaves the layer (compiler/schedule/memtile_plan.h).
//
// Preconditions: the schedule orders every node and has a live range per tensor; the candidates
//   were made for this graph and config (InternalError otherwise).
// Postconditions: resident tensors alive at the same time never overlap in address; at every
//   layer the resident bytes plus the layer's own regions fit the memtile; every reader of a
//   resident tensor finds the columns it reads in its own memtile; every window layer has its
//   tiling; every tensor in DDR says why.
#pragma once

#include <string>

#include "compiler/ir/graph.h"
#include "compiler/schedule/memtile_plan.h"
#include "compiler/schedule/schedule.h"
#include "compiler/tiling/tiling_candidates.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::driver {

schedule::MemtilePlan RunMemoryPlan(const ir::Graph& graph, const arch::HardwareConfig& config,
                                    bool keep_resident, const schedule::Schedule& schedule,
                                    const tiling::TilingCandidates& candidates);

// Every tensor's placement (resident: address, bytes per memtile, columns; else why it is in
// DDR), then every layer's memtile base, budget and chosen tiling.
std::string DumpMemoryPlan(const ir::Graph& graph, const schedule::MemtilePlan& plan);

}  // namespace aie2sim::driver
