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

std::string DeadlockMessage(const std::string& where, double now_s,
                            const std::vector<std::string>& blocked) {
  char time[64];
  std::snprintf(time, sizeof(time), "%.3f us", now_s * 1e6);
  std::string message = "deadlock: " + std::to_string(blocked.size()) +
                        (blocked.size() == 1 ? " engine" : " engines") + " blocked" +
                        (where.rfind("before", 0) == 0 ? " " : " in ") + where + " at " + time;
  for (size_t i = 0; i < blocked.size() && i < kDeadlockListed; ++i) {
    message += (i == 0 ? ": " : "; ") + blocked[i];
  }
  if (blocked.size() > kDeadlockListed) {
    message += "; and " + std::to_string(blocked.size() - kDeadlockListed) + " more";
  }
  return message;
}

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
  const std::string message = DeadlockMessage(where, now.to_seconds(), blocked);
  return DeadlockError(message, where, now.to_seconds(), std::move(blocked));
}

}  // namespace aie2sim::model
