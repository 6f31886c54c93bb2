#include "sim/model/layer_sequencer.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/isa/tile_facts.h"
#include "sim/model/invariants.h"
#include "sim/model/lock_unit.h"
#include "sim/model/simulator.h"

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
  return isa::FactsOf(context_.config, engine.tile()).dma->bds;
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
    if (design_) {
      // The host saw the run end; let what is in flight settle, but not forever.
      wait(end_time_);
      sc_core::sc_stop();
    }
  } catch (const sc_core::sc_unwind_exception&) {
    throw;
  } catch (...) {
    context_.failure.Capture(std::current_exception());
  }
}

void LayerSequencer::RunLayer(const isa::Layer& layer) {
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  // The host dispatches the invocation before anything runs; the first layer's time includes it
  // (host_dispatch, sim/arch/effects.h).
  if (layer_index_ == 0 && context_.host_dispatch != sc_core::SC_ZERO_TIME) {
    wait(context_.host_dispatch);
  }
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
                            " = " + std::to_string(init.value()) + ": values are 6-bit (at most " +
                            std::to_string(LockUnit::kMaxValue) + ")");
      }
    }
    locks->Set(init.lock(), init.value());
  }
  routes_.Configure(layer);
  compiler_.BeginLayer(layer);
  if (context_.reconfiguration != sc_core::SC_ZERO_TIME) wait(context_.reconfiguration);
  const bool traced =
      trace_.sink != nullptr &&
      (trace_.layer_filter.empty() || layer.name().find(trace_.layer_filter) != std::string::npos);
  for (int group = 0; group < layer.groups_size(); ++group) {
    group_index_ = group;
    group_label_ = Label(layer.groups(group).name(), group);
    RunGroup(layer, layer.groups(group), group, traced);
  }
  end_time_ = sc_core::sc_time_stamp();
  context_.stats.RecordLayer(layer.name(), sc_core::sc_time_stamp() - start);
  if (context_.functional != nullptr) {
    checks_.push_back(CheckLayerOutput(layer, *context_.functional));
  }
}

// The controller's stream of a group, or null (program.proto, v2: then the group is a design).
const isa::Stream* ControllerStream(const isa::Group& group) {
  for (const isa::Stream& stream : group.streams()) {
    if (stream.engine().kind() == isa::CONTROLLER) return &stream;
  }
  return nullptr;
}

// Appends the shim channels `instructions` push tasks to, each once.
void CollectTaskChannels(const google::protobuf::RepeatedPtrField<isa::Instruction>& instructions,
                         std::vector<isa::Engine>* channels) {
  for (const isa::Instruction& instruction : instructions) {
    if (instruction.has_loop()) CollectTaskChannels(instruction.loop().body(), channels);
    if (!instruction.has_push_task()) continue;
    const isa::Engine& channel = instruction.push_task().channel();
    bool seen = false;
    for (const isa::Engine& other : *channels) seen = seen || isa::SameEngine(other, channel);
    if (!seen) channels->push_back(channel);
  }
}

void LayerSequencer::RunGroup(const isa::Layer& layer, const isa::Group& group, int index,
                              bool traced) {
  scope_ = TraceScope{trace_.sink, layer.name(), group.name(), trace_.per_instruction};
  // A design's group ends when its controller has finished; its other engines may stay idle
  // (waiting on an acquire or for a task) and never arrive (program.proto, v2).
  const isa::Stream* controller = ControllerStream(group);
  design_ = design_ || controller != nullptr;
  barrier_.Expect(controller != nullptr ? 1 : static_cast<uint32_t>(group.streams_size()));
  others_.Expect(controller != nullptr ? static_cast<uint32_t>(group.streams_size()) - 1 : 0);
  // BD reload: count this group's BDs per tile as the validator does (a transfer takes one, two
  // when it toggles ping/pong); a tile whose BDs cannot hold this group's and the previous
  // group's together rewrites this group's at its start.
  const bool reload = context_.bd_reload > sc_core::SC_ZERO_TIME;
  if (reload) {
    bds_.swap(previous_bds_);
    if (index == 0) std::fill(previous_bds_.begin(), previous_bds_.end(), 0);
    std::fill(bds_.begin(), bds_.end(), 0);
    for (const isa::Stream& stream : group.streams()) {
      const isa::EngineKind kind = stream.engine().kind();
      if (kind == isa::PROCESSOR || kind == isa::CONTROLLER) continue;
      const size_t tile = TileIndex(stream.engine());
      if (tile >= bds_.size()) continue;  // not in the array: reported below
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (!instruction.has_transfer()) continue;
        bds_[tile] += instruction.transfer().buffer().pingpong_offset() != 0 ? 2 : 1;
      }
    }
  }
  GroupRun base{layer_label_, group_label_, group.iterations(), &barrier_,
                traced ? &scope_ : nullptr};
  base.layer_serial = static_cast<uint32_t>(layer_index_);
  base.rings = compiler_.ring_count();
  for (const isa::Stream& stream : group.streams()) {
    EngineModule* engine = array_.FindEngine(stream.engine());
    if (engine == nullptr) {
      throw InternalError("layer " + layer.name() + " group " + group.name() + ": " +
                          isa::EngineName(stream.engine()) + " is not in the array");
    }
    EngineIf& runner = *engine;
    compiler_.Compile(layer, group, stream, *engine, traced, &runner.ops());
    // Engines start running only when this thread waits below, after every one is set up.
    GroupRun run = base;
    if (controller != nullptr && &stream != controller) run.barrier = &others_;
    if (reload && stream.engine().kind() != isa::PROCESSOR &&
        stream.engine().kind() != isa::CONTROLLER) {
      const size_t tile = TileIndex(stream.engine());
      if (bds_[tile] + previous_bds_[tile] > TileBds(stream.engine())) {
        run.start_delay = context_.bd_reload * static_cast<double>(bds_[tile]);
      }
    }
    runner.Start(run);
  }
  if (controller != nullptr) {
    std::vector<isa::Engine> channels;
    CollectTaskChannels(controller->instructions(), &channels);
    for (const isa::Engine& channel : channels) {
      EngineModule* engine = array_.FindEngine(channel);
      if (engine == nullptr || engine->task_queue() == nullptr) {
        throw InternalError("layer " + layer.name() + ": " + isa::EngineName(channel) +
                            " cannot serve tasks");
      }
      engine->ops().clear();
      GroupRun run = base;
      run.barrier = nullptr;
      run.serve_tasks = true;
      static_cast<EngineIf&>(*engine).Start(run);
    }
  }
  while (!barrier_.open()) wait(barrier_.done_event());
  if constexpr (kCheckInvariants) {
    if (controller == nullptr) CheckGroupEnd(layer);
  }
}

std::vector<std::string> LayerSequencer::IdleAtEnd() const {
  std::vector<std::string> idle;
  if (!design_) return idle;
  for (const EngineModule* engine : array_.engines()) {
    if (engine->idle_at_end()) idle.push_back(engine->DescribeWait());
  }
  return idle;
}

void LayerSequencer::CheckDesignEnd() const {
  if (!design_ || layer_index_ < 0) return;
  const isa::Layer& layer = program_.layers(layer_index_);
  for (const isa::Route& route : layer.routes()) {
    const StreamRoute* stream_route = routes_.Find(route.id());
    if (stream_route == nullptr) continue;
    for (size_t slot = 0; slot < stream_route->destination_count(); ++slot) {
      const uint64_t sent = stream_route->bytes_sent();
      const uint64_t received = stream_route->bytes_received(static_cast<uint32_t>(slot));
      if (sent == received && stream_route->idle()) continue;
      throw DesignEndError(
          "route " + std::to_string(route.id()) + ": unmatched bytes at the end: " +
          stream_route->source()->engine_name() + " sent " + std::to_string(sent) + " B, " +
          stream_route->destination(static_cast<uint32_t>(slot))->engine_name() + " received " +
          std::to_string(received) + " B");
    }
  }
  for (const EngineModule* engine : array_.engines()) {
    if (!engine->running()) continue;
    char text[128];
    std::snprintf(text, sizeof(text),
                  " still runs at %.3f us, long after the controller finished at %.3f us",
                  sc_core::sc_time_stamp().to_seconds() * 1e6, end_time_.to_seconds() * 1e6);
    throw DesignEndError(engine->engine_name() + text);
  }
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
