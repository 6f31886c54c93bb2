#include "sim/model/deadlock_report.h"

#include <cstdio>
#include <string>
#include <vector>

#include "sim/model/engine_module.h"

namespace aie2sim::model {
namespace {

// A name, or "#index" when the program left it empty.
std::string NameOr(const std::string& name, int index) {
  return name.empty() ? "#" + std::to_string(index) : name;
}

}  // namespace

DeadlockError MakeDeadlockError(const isa::Program& program, const LayerSequencer& sequencer,
                                const Array& array, sc_core::sc_time now) {
  std::vector<std::string> blocked;
  for (const EngineModule* engine : array.engines()) {
    if (engine->blocked()) blocked.push_back(engine->DescribeWait());
  }
  std::string where = "before the first layer";
  const int layer = sequencer.current_layer();
  if (layer >= 0 && layer < program.layers_size()) {
    const isa::Layer& current = program.layers(layer);
    where = "layer " + NameOr(current.name(), layer);
    const int group = sequencer.current_group();
    if (group >= 0 && group < current.groups_size()) {
      where += " group " + NameOr(current.groups(group).name(), group);
    }
  }
  char time[64];
  std::snprintf(time, sizeof(time), "%.3f us", now.to_seconds() * 1e6);
  const std::string message = "deadlock in " + where + " at " + time + ": " +
                              std::to_string(blocked.size()) + " engines blocked";
  return DeadlockError(message, std::move(blocked));
}

}  // namespace aie2sim::model
