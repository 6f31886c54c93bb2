#include "sim/model/layer_sequencer.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/model/lock_unit.h"

namespace aie2sim::model {
namespace {

size_t MaxRoutesPerLayer(const isa::Program& program) {
  size_t routes = 0;
  for (const isa::Layer& layer : program.layers()) {
    routes = std::max(routes, static_cast<size_t>(layer.routes_size()));
  }
  return routes;
}

}  // namespace

LayerSequencer::LayerSequencer(sc_core::sc_module_name name, const isa::Program& program,
                               Array& array, const ModelContext& context, TraceSetup trace)
    : sc_core::sc_module(name),
      program_(program),
      array_(array),
      context_(context),
      trace_(std::move(trace)),
      routes_(context, array, MaxRoutesPerLayer(program)),
      compiler_(context, array, routes_) {
  SC_THREAD(Run);
}

void LayerSequencer::Run() {
  try {
    for (int layer = 0; layer < program_.layers_size(); ++layer) {
      layer_index_ = layer;
      group_index_ = -1;
      RunLayer(program_.layers(layer));
    }
    finished_ = true;
  } catch (const sc_core::sc_unwind_exception&) {
    throw;
  } catch (...) {
    context_.failure.Capture(std::current_exception());
  }
}

void LayerSequencer::RunLayer(const isa::Layer& layer) {
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  for (const isa::LockInit& init : layer.lock_inits()) {
    LockUnit* locks = array_.FindLocks(init.tile().kind(), init.tile().column(), init.tile().row());
    if (locks == nullptr) {
      throw InternalError("layer " + layer.name() + ": lock init on " + isa::TileName(init.tile()) +
                          ", which is not in the array");
    }
    AIE2SIM_CHECK(init.lock() < locks->count(),
                  "layer " + layer.name() + ": lock init of a missing lock");
    locks->Set(init.lock(), init.value());
  }
  routes_.Configure(layer);
  if (context_.reconfiguration != sc_core::SC_ZERO_TIME) wait(context_.reconfiguration);
  const bool traced =
      trace_.sink != nullptr &&
      (trace_.layer_filter.empty() || layer.name().find(trace_.layer_filter) != std::string::npos);
  for (int group = 0; group < layer.groups_size(); ++group) {
    group_index_ = group;
    RunGroup(layer, layer.groups(group), traced);
  }
  context_.stats.RecordLayer(layer.name(), sc_core::sc_time_stamp() - start);
}

void LayerSequencer::RunGroup(const isa::Layer& layer, const isa::Group& group, bool traced) {
  scope_ = TraceScope{trace_.sink, layer.name(), group.name(), trace_.per_instruction};
  barrier_.Expect(static_cast<uint32_t>(group.streams_size()));
  for (const isa::Stream& stream : group.streams()) {
    EngineModule* engine = array_.FindEngine(stream.engine());
    if (engine == nullptr) {
      throw InternalError("layer " + layer.name() + " group " + group.name() + ": " +
                          isa::EngineName(stream.engine()) + " is not in the array");
    }
    EngineIf& runner = *engine;
    compiler_.Compile(layer, group, stream, *engine, traced, &runner.ops());
    // Engines start running only when this thread waits below, after every one is set up.
    runner.Start(GroupRun{group.iterations(), &barrier_, traced ? &scope_ : nullptr});
  }
  while (!barrier_.open()) wait(barrier_.done_event());
}

}  // namespace aie2sim::model
