// Layer order: a topological order of the graph's nodes chosen to keep the live set small.
//
// Greedy list scheduling: among the nodes whose inputs are ready, run the one that grows the
// live bytes least (its output minus the inputs it is the last reader of), ties broken by the
// graph's own order. Residual Adds wait for both branches; Inception's branches are interleaved
// only when that keeps fewer bytes alive. Postcondition: every node appears once, after the
// producers of its inputs.
#pragma once

#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::schedule {

std::vector<int> ScheduleNodes(const ir::Graph& graph);

// For each tensor, the schedule positions of its producer (-1 for graph inputs) and of its last
// reader (the end of the schedule for graph outputs).
struct LiveRange {
  int first = -1;
  int last = -1;
};
std::vector<LiveRange> LiveRanges(const ir::Graph& graph, const std::vector<int>& order);

// The layer order and every tensor's live range in it.
struct Schedule {
  std::vector<int> order;       // node indices
  std::vector<LiveRange> live;  // by tensor index
};
Schedule MakeSchedule(const ir::Graph& graph);

}  // namespace aie2sim::schedule
