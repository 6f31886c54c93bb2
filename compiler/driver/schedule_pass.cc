#include "compiler/driver/schedule_pass.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim::driver {

schedule::Schedule RunSchedule(const ir::Graph& graph) {
  std::vector<bool> produced(graph.tensors.size(), false);
  for (int input : graph.inputs) produced.at(input) = true;
  for (const ir::Node& node : graph.nodes) produced.at(node.output) = true;
  for (const ir::Node& node : graph.nodes) {
    for (int input : node.inputs) {
      if (input < 0 || input >= static_cast<int>(graph.tensors.size()) || !produced[input]) {
        throw InternalError("schedule: node " + node.name + " reads tensor " +
                            std::to_string(input) + ", which no node produces");
      }
    }
  }
  return schedule::MakeSchedule(graph);
}

std::string DumpSchedule(const ir::Graph& graph, const schedule::Schedule& schedule) {
  std::ostringstream out;
  out << "schedule of " << schedule.order.size() << " nodes\n";
  for (size_t position = 0; position < schedule.order.size(); ++position) {
    const ir::Node& node = graph.nodes[schedule.order[position]];
    out << position << " " << node.name << " " << ir::OpName(node.op) << "\n";
  }
  for (size_t t = 0; t < graph.tensors.size(); ++t) {
    out << "tensor " << graph.tensors[t].name << " " << ir::ToString(graph.tensors[t].shape)
        << " live [" << schedule.live[t].first << ", " << schedule.live[t].last << "]\n";
  }
  return out.str();
}

}  // namespace aie2sim::driver
