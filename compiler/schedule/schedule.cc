#include "compiler/schedule/schedule.h"

#include <limits>

#include "sim/base/error.h"

namespace aie2sim::schedule {

std::vector<int> ScheduleNodes(const ir::Graph& graph) {
  const int nodes = static_cast<int>(graph.nodes.size());
  std::vector<int> producer(graph.tensors.size(), -1);
  std::vector<int> readers_left(graph.tensors.size(), 0);
  for (int i = 0; i < nodes; ++i) {
    producer[graph.nodes[i].output] = i;
    for (int input : graph.nodes[i].inputs) ++readers_left[input];
  }
  std::vector<bool> done(nodes, false);
  std::vector<int> order;
  while (static_cast<int>(order.size()) < nodes) {
    int best = -1;
    int64_t best_growth = std::numeric_limits<int64_t>::max();
    for (int i = 0; i < nodes; ++i) {
      if (done[i]) continue;
      bool ready = true;
      for (int input : graph.nodes[i].inputs) {
        ready = ready && (producer[input] < 0 || done[producer[input]]);
      }
      if (!ready) continue;
      int64_t growth = graph.tensor(graph.nodes[i].output).shape.elements();
      for (int input : graph.nodes[i].inputs) {
        if (readers_left[input] == 1) growth -= graph.tensor(input).shape.elements();
      }
      if (growth < best_growth) {
        best = i;
        best_growth = growth;
      }
    }
    AIE2SIM_CHECK(best >= 0, "graph " + graph.name + " has a cycle or a dangling input");
    done[best] = true;
    for (int input : graph.nodes[best].inputs) --readers_left[input];
    order.push_back(best);
  }
  return order;
}

std::vector<LiveRange> LiveRanges(const ir::Graph& graph, const std::vector<int>& order) {
  std::vector<LiveRange> ranges(graph.tensors.size());
  for (int position = 0; position < static_cast<int>(order.size()); ++position) {
    const ir::Node& node = graph.nodes[order[position]];
    ranges[node.output].first = position;
    ranges[node.output].last = std::max(ranges[node.output].last, position);
    for (int input : node.inputs) ranges[input].last = std::max(ranges[input].last, position);
  }
  for (int output : graph.outputs) ranges[output].last = static_cast<int>(order.size());
  return ranges;
}

Schedule MakeSchedule(const ir::Graph& graph) {
  Schedule schedule;
  schedule.order = ScheduleNodes(graph);
  schedule.live = LiveRanges(graph, schedule.order);
  return schedule;
}

}  // namespace aie2sim::schedule
