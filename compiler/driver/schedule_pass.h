// Pass 3, schedule: the layer order and every tensor's live range (compiler/schedule/schedule.h).
//
// Precondition: every node's inputs are graph inputs or outputs of nodes (InternalError naming
//   the node and the tensor otherwise).
// Postcondition: every node appears once, after the producers of its inputs; each tensor's live
//   range runs from its producer's position (-1 for graph inputs) to its last reader's (the end
//   of the schedule for graph outputs).
#pragma once

#include <string>

#include "compiler/ir/graph.h"
#include "compiler/schedule/schedule.h"

namespace aie2sim::driver {

schedule::Schedule RunSchedule(const ir::Graph& graph);

// Each position with its node, then each tensor's live range.
std::string DumpSchedule(const ir::Graph& graph, const schedule::Schedule& schedule);

}  // namespace aie2sim::driver
