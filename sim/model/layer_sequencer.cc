#include "sim/model/layer_sequencer.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/model/invariants.h"
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

// A name, or "#index" when the program left it empty.
std::string Label(const std::string& name, int index) {
  return name.empty() ? "#" + std::to_string(index) : name;
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
      compiler_(context, array, routes_),
      memories_(array.memories()) {
  const arch::ArrayParams& mesh = context.config.array;
  bds_.assign(static_cast<size_t>(mesh.columns) * (mesh.rows + 2), 0);
  previous_bds_ = bds_;
  SC_THREAD(Run);
}

size_t LayerSequencer::TileIndex(const isa::Engine& engine) const {
  const arch::ArrayParams& mesh = context_.config.array;
  switch (engine.tile()) {
    case isa::SHIM:
      return engine.column();
    case isa::MEMTILE:
      return mesh.columns + engine.column();
    default:
      return 2 * static_cast<size_t>(mesh.columns) +
             static_cast<size_t>(engine.column()) * mesh.rows + engine.row();
  }
}

uint32_t LayerSequencer::TileBds(const isa::Engine& engine) const {
  const arch::HardwareConfig& config = context_.config;
  switch (engine.tile()) {
    case isa::SHIM:
      return config.shim.dma.bds;
    case isa::MEMTILE:
      return config.memtile.dma.bds;
    default:
      return config.core.dma.bds;
  }
}

void LayerSequencer::Run() {
  try {
    for (int layer = 0; layer < program_.layers_size(); ++layer) {
      layer_index_ = layer;
      group_index_ = -1;
      layer_label_ = Label(program_.layers(layer).name(), layer);
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
    if constexpr (kCheckInvariants) {
      if (init.value() > LockUnit::kMaxValue) {
        InvariantBroken("lock range", "layer " + layer_label_,
                        "lock init " + locks->tile_name() + ".L" + std::to_string(init.lock()) +
                            " = " + std::to_string(init.value()) +
                            ": values are 6-bit (at most 63)");
      }
    }
    locks->Set(init.lock(), init.value());
  }
  routes_.Configure(layer);
  if (context_.reconfiguration != sc_core::SC_ZERO_TIME) wait(context_.reconfiguration);
  const bool traced =
      trace_.sink != nullptr &&
      (trace_.layer_filter.empty() || layer.name().find(trace_.layer_filter) != std::string::npos);
  for (int group = 0; group < layer.groups_size(); ++group) {
    group_index_ = group;
    group_label_ = Label(layer.groups(group).name(), group);
    RunGroup(layer, layer.groups(group), group, traced);
  }
  context_.stats.RecordLayer(layer.name(), sc_core::sc_time_stamp() - start);
  if (context_.functional != nullptr) {
    checks_.push_back(CheckLayerOutput(layer, *context_.functional));
  }
}

void LayerSequencer::RunGroup(const isa::Layer& layer, const isa::Group& group, int index,
                              bool traced) {
  scope_ = TraceScope{trace_.sink, layer.name(), group.name(), trace_.per_instruction};
  barrier_.Expect(static_cast<uint32_t>(group.streams_size()));
  // BD reload: count this group's BDs per tile as the validator does (a transfer takes one, two
  // when it toggles ping/pong); a tile whose BDs cannot hold this group's and the previous
  // group's together rewrites this group's at its start.
  const bool reload = context_.bd_reload > sc_core::SC_ZERO_TIME;
  if (reload) {
    bds_.swap(previous_bds_);
    if (index == 0) std::fill(previous_bds_.begin(), previous_bds_.end(), 0);
    std::fill(bds_.begin(), bds_.end(), 0);
    for (const isa::Stream& stream : group.streams()) {
      if (stream.engine().kind() == isa::PROCESSOR) continue;
      const size_t tile = TileIndex(stream.engine());
      if (tile >= bds_.size()) continue;  // not in the array: reported below
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (!instruction.has_transfer()) continue;
        bds_[tile] += instruction.transfer().buffer().pingpong_offset() != 0 ? 2 : 1;
      }
    }
  }
  for (const isa::Stream& stream : group.streams()) {
    EngineModule* engine = array_.FindEngine(stream.engine());
    if (engine == nullptr) {
      throw InternalError("layer " + layer.name() + " group " + group.name() + ": " +
                          isa::EngineName(stream.engine()) + " is not in the array");
    }
    EngineIf& runner = *engine;
    compiler_.Compile(layer, group, stream, *engine, traced, &runner.ops());
    // Engines start running only when this thread waits below, after every one is set up.
    GroupRun run{layer_label_, group_label_, group.iterations(), &barrier_,
                 traced ? &scope_ : nullptr};
    if (reload && stream.engine().kind() != isa::PROCESSOR) {
      const size_t tile = TileIndex(stream.engine());
      if (bds_[tile] + previous_bds_[tile] > TileBds(stream.engine())) {
        run.start_delay = context_.bd_reload * static_cast<double>(bds_[tile]);
      }
    }
    runner.Start(run);
  }
  while (!barrier_.open()) wait(barrier_.done_event());
  if constexpr (kCheckInvariants) CheckGroupEnd(layer);
}

void LayerSequencer::CheckGroupEnd(const isa::Layer& layer) const {
  const std::string where = GroupWhere(layer_label_, group_label_);
  for (const LiveAccesses* memory : memories_) {
    if (memory->live_count() == 0) continue;
    InvariantBroken("group end", where,
                    memory->memory_name() + " still has live accesses: " + memory->DescribeLive());
  }
  for (const isa::Route& route : layer.routes()) {
    const StreamRoute* stream_route = routes_.Find(route.id());
    if (stream_route == nullptr || stream_route->idle()) continue;
    InvariantBroken("group end", where,
                    "route " + std::to_string(route.id()) + " has a side waiting for its partners");
  }
}

}  // namespace aie2sim::model
