// Pass 4, tiling: every window layer's candidate tilings (compiler/tiling/tiling_candidates.h).
// Tiling proposes, the memory plan (pass 5) chooses: this pass tiles each window layer with the
// whole memtile to itself and hands the memory plan the means to tile it under any budget a
// residency option leaves.
//
// Preconditions: the schedule orders every node of the graph; every node is a window layer
//   (Conv, Gemm, pools, Add), a Concat or a Flatten (UserError naming the layer otherwise).
// Postcondition: every window layer has its whole-memtile candidate, which satisfies
//   window_tiling.h's postconditions (each output element in exactly one subvolume; subvolumes
//   fit the core buffers; passes fit the memtile).
// Fails: UserError naming the layer when no subvolume of one output element fits.
#pragma once

#include <string>

#include "compiler/ir/graph.h"
#include "compiler/schedule/schedule.h"
#include "compiler/tiling/tiling_candidates.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::driver {

tiling::TilingCandidates RunTiling(const ir::Graph& graph, const arch::HardwareConfig& config,
                                   const schedule::Schedule& schedule);

// One line: how a tiling splits its layer over the mesh and what it holds.
std::string TilingSummary(const tiling::WindowTiling& tiling);

// Each window layer's whole-memtile candidate, in schedule order.
std::string DumpTiling(const ir::Graph& graph, const schedule::Schedule& schedule,
                       const tiling::TilingCandidates& candidates);

}  // namespace aie2sim::driver
