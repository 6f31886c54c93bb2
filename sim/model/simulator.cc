#include "sim/model/simulator.h"

#include <chrono>
#include <memory>

#include <systemc>

#include "sim/base/error.h"
#include "sim/model/array.h"
#include "sim/model/deadlock_report.h"
#include "sim/model/engine_module.h"
#include "sim/model/functional_memory.h"
#include "sim/model/layer_sequencer.h"
#include "sim/model/model_context.h"
#include "sim/stats/stats_collector.h"
#include "sim/trace/chrome_trace_writer.h"
#include "sim/trace/fan_out_sink.h"
#include "sim/trace/observation_sink.h"

namespace aie2sim::model {
namespace {

SimResult CollectResult(const stats::StatsCollector& stats, sc_core::sc_time end) {
  SimResult result;
  for (const stats::LayerRecord& layer : stats.layers()) {
    result.layers.push_back(LayerResult{layer.name, layer.duration.to_seconds()});
  }
  for (const stats::EngineRecord& record : stats.engines()) {
    const stats::EngineCounters& counters = *record.counters;
    if (counters.instructions == 0) continue;
    EngineStats engine;
    engine.engine = record.name;
    engine.busy_s = counters.busy.to_seconds();
    engine.lock_wait_s = counters.lock_wait.to_seconds();
    engine.link_wait_s = counters.link_wait.to_seconds();
    engine.bytes = counters.bytes;
    engine.instructions = counters.instructions;
    result.engines.push_back(std::move(engine));
  }
  using stats::MemoryLevel;
  result.traffic.ddr_read_bytes = stats.read_bytes(MemoryLevel::kDdr);
  result.traffic.ddr_write_bytes = stats.write_bytes(MemoryLevel::kDdr);
  result.traffic.memtile_read_bytes = stats.read_bytes(MemoryLevel::kMemtile);
  result.traffic.memtile_write_bytes = stats.write_bytes(MemoryLevel::kMemtile);
  result.traffic.core_read_bytes = stats.read_bytes(MemoryLevel::kCore);
  result.traffic.core_write_bytes = stats.write_bytes(MemoryLevel::kCore);
  result.total_s = end.to_seconds();
  result.events = stats.events();
  return result;
}

}  // namespace

SimResult Simulate(const arch::HardwareConfig& config, const isa::Program& program,
                   const SimOptions& options) {
  static bool elaborated = false;  // SystemC elaborates one design per process
  if (elaborated) throw InternalError("Simulate may be called only once per process");
  elaborated = true;
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);  // before any sc_time is made

  stats::StatsCollector stats;
  FailureSlot failure;
  std::unique_ptr<FunctionalMemory> memory;
  if (options.functional) memory = std::make_unique<FunctionalMemory>(config, program);
  const ModelContext context(config, stats, failure, memory.get());
  // Every consumer of the timeline gets the same tracks and slices.
  std::unique_ptr<trace::ChromeTraceWriter> trace_writer;
  trace::TraceFanOut sinks;
  if (!options.trace_path.empty()) {
    trace_writer = std::make_unique<trace::ChromeTraceWriter>(options.trace_path);
    sinks.Add(*trace_writer);
  }
  for (trace::TraceSink* sink : options.trace_sinks) sinks.Add(*sink);
  // The observer reads every instruction of every layer: with one, the granularity and the
  // layer filter are refused by the CLI (they would apply to every sink).
  std::unique_ptr<trace::ObservationSink> observation;
  if (options.observer != nullptr) {
    AIE2SIM_CHECK(options.trace_layer_filter.empty() &&
                      options.trace_granularity == TraceGranularity::kInstruction,
                  "an observer needs every instruction's slice");
    observation = std::make_unique<trace::ObservationSink>(*options.observer);
    sinks.Add(*observation);
  }
  trace::TraceSink* sink = sinks.empty() ? nullptr : &sinks;

  Array array("array", context);
  if (sink != nullptr) array.AttachTrace(*sink);
  LayerSequencer sequencer("sequencer", program, array, context,
                           TraceSetup{sink, options.trace_layer_filter,
                                      options.trace_granularity == TraceGranularity::kInstruction});

  // A failing process stops the simulation (FailureSlot); the kernel's "Simulation stopped by
  // user." note would only pollute stdout, which belongs to the CLI.
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                          sc_core::SC_DO_NOTHING);
  const auto wall_start = std::chrono::steady_clock::now();
  sc_core::sc_start();
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;

  failure.RethrowIfFailed();
  if (!sequencer.finished()) {
    // The trace of a deadlocked run is kept, complete up to the deadlock: the timeline shows
    // what ran before everything stopped.
    if (sink != nullptr) sink->Close();
    throw MakeDeadlockError(program, sequencer, array, sc_core::sc_time_stamp());
  }
  sequencer.CheckDesignEnd();
  if (sink != nullptr) sink->Close();
  if (options.observer != nullptr) options.observer->RunEnded(sequencer.end_time().to_seconds());
  SimResult result = CollectResult(stats, sequencer.end_time());
  result.idle_at_end = sequencer.IdleAtEnd();
  if (program.layers_size() > 0) result.host_dispatch_s = context.host_dispatch.to_seconds();
  result.sim_wall_s = wall.count();
  result.functional = options.functional;
  for (const LayerCheck& check : sequencer.checks()) {
    result.checked.push_back(FunctionalLayer{check.name, check.values, check.nondegenerate_share});
  }
  return result;
}

}  // namespace aie2sim::model
