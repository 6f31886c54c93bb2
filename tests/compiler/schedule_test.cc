// The layer schedule: a topological order that keeps the live set small, and live ranges.
#include "compiler/schedule/schedule.h"

#include <gtest/gtest.h>

#include "compiler/frontend/workload_yaml.h"

namespace aie2sim::schedule {
namespace {

// Two branches from one input: a big one (conv to 64 channels, then reduced) and a small one.
// Graph order runs the big branch's first conv, then the small branch, then the reduction; the
// schedule reduces the big tensor first, so that it dies before the small branch runs.
constexpr const char* kBranches = R"(version: 1
name: branches
inputs: [{name: x, shape: [1, 8, 8, 8]}]
layers:
  - {name: big, op: Conv, inputs: [x], out_channels: 64}
  - {name: small, op: Conv, inputs: [x], out_channels: 8}
  - {name: reduce, op: Conv, inputs: [big], out_channels: 8}
  - {name: sum, op: Add, inputs: [reduce, small]}
)";

TEST(Schedule, TopologicalAndSmallLiveSet) {
  const ir::Graph graph = frontend::ParseWorkloadYaml(kBranches, "b.yaml", 0);
  const std::vector<int> order = ScheduleNodes(graph);
  ASSERT_EQ(order.size(), 4u);
  std::vector<std::string> names;
  for (int node : order) names.push_back(graph.nodes[node].name);
  // "small" grows the live set by 512 B, "big" by 4096 B: small runs first; then big, whose
  // reader "reduce" frees it right away.
  EXPECT_EQ(names, (std::vector<std::string>{"small", "big", "reduce", "sum"}));
  const std::vector<LiveRange> ranges = LiveRanges(graph, order);
  EXPECT_EQ(ranges[0].first, -1);  // graph input
  EXPECT_EQ(ranges[0].last, 1);    // read by small (0) and big (1)
  const int big = graph.nodes[0].output;
  EXPECT_EQ(ranges[big].first, 1);
  EXPECT_EQ(ranges[big].last, 2);
  const int sum = graph.nodes[3].output;
  EXPECT_EQ(ranges[sum].last, 4);  // graph output: alive to the end
}

}  // namespace
}  // namespace aie2sim::schedule
