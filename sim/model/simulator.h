// The whole public face of the SystemC model: run one Program on one HardwareConfig.
//
// Contract: Simulate elaborates the array described by `config` (one sc_module per tile plus the
// DDR model), executes `program` (which must have passed isa::CheckProgram) and returns what it
// measured. SystemC elaborates once per process, so Simulate may be called at most once per
// process; tools that need many simulations spawn `aie2sim` processes.
// A program that stops with engines still blocked raises DeadlockError listing each blocked
// engine and the lock or route it waits on. A design (program.proto, v2) ends when its
// controller has finished at time T; the model then runs until nothing moves (at most until 2T),
// lists the engines left waiting on an acquire (idle_at_end) and raises DesignEndError if a
// route's bytes differ or an engine still runs. In
// functional mode a layer whose output differs from the reference raises FunctionalMismatchError
// (functional_check.h).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/model/functional_check.h"
#include "sim/trace/observer.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

enum class TraceGranularity {
  kInstruction,  // one slice per transfer / compute / lock wait
  kGroup,        // one slice per engine per group
};

struct SimOptions {
  // Chrome-trace JSON; empty = no trace. Written when the run ends or deadlocks (complete up to
  // the deadlock); any other failure leaves the path as it was.
  std::string trace_path;
  // Further consumers of the same timeline (e.g. the HTML report's trace::TimelineRecord); each
  // must outlive the call and is closed when the trace would be written.
  std::vector<trace::TraceSink*> trace_sinks;
  std::string trace_layer_filter;  // only layers whose name contains this; empty = all
  TraceGranularity trace_granularity = TraceGranularity::kInstruction;
  // Run on real int8 data and check every layer's output against the reference the program
  // carries (the program must have been compiled with functional data).
  bool functional = false;
  // Feeds every slice (per instruction, every layer) and the run's end to this observer (the
  // silicon suite's observables, sim/trace/observer.h), beside the other sinks; it needs every
  // instruction's slice of every layer (no layer filter, instruction granularity).
  trace::Observer* observer = nullptr;
};

struct EngineStats {
  std::string engine;         // isa::EngineName
  double busy_s = 0;          // moving data or computing
  double lock_wait_s = 0;     // blocked in acquire
  double link_wait_s = 0;     // waiting for the other side of a route (back-pressure)
  uint64_t bytes = 0;         // bytes moved by this engine (DMA)
  uint64_t instructions = 0;  // instructions executed (all iterations)
};

struct LayerResult {
  std::string name;
  double simulated_s = 0;  // from the layer's start to the end of its last group
};

// Bytes moved per memory level, counted at the receiving or sending memory.
struct TrafficStats {
  uint64_t ddr_read_bytes = 0;
  uint64_t ddr_write_bytes = 0;
  uint64_t memtile_read_bytes = 0;
  uint64_t memtile_write_bytes = 0;
  uint64_t core_read_bytes = 0;
  uint64_t core_write_bytes = 0;
};

// Functional mode: one layer's output, checked bit for bit.
struct FunctionalLayer {
  std::string name;
  uint64_t values = 0;
  double nondegenerate_share = 0;  // neither 0 nor saturated
};

struct SimResult {
  std::vector<LayerResult> layers;
  std::vector<EngineStats> engines;  // every engine that ran at least one instruction
  TrafficStats traffic;
  double total_s = 0;
  // Host dispatch of the invocation (host_dispatch effect), included in total_s and in the first
  // layer's time; 0 when the effect is off.
  double host_dispatch_s = 0;
  uint64_t events = 0;      // chunk, lock and compute events processed
  double sim_wall_s = 0;    // host wall-clock time spent in sc_start (differs between runs)
  bool functional = false;  // the run moved real data and checked it
  std::vector<FunctionalLayer> checked;  // functional mode: every layer, all bit-exact
  // A design (program.proto, v2): the engines left waiting on an acquire when it ended, e.g.
  // "core(0,0).proc waits for acquire L1>=1 (value 0)" (a Worker's next iteration).
  std::vector<std::string> idle_at_end;
};

// A design ended badly though its controller finished: a route's bytes unmatched ("route 3:
// unmatched bytes at the end: shim(0).mm2s0 sent 8192 B, core(0,0).s2mm0 received 6144 B"), or
// an engine still running when the model stopped, as long after the controller as the run took
// ("core(0,0).proc still runs at 4.000 us, long after the controller finished at 2.000 us").
class DesignEndError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DeadlockError : public std::runtime_error {
 public:
  // `message` is one line (deadlock_report.h's DeadlockMessage).
  DeadlockError(const std::string& message, std::string where, double time_s,
                std::vector<std::string> blocked)
      : std::runtime_error(message),
        where_(std::move(where)),
        time_s_(time_s),
        blocked_(std::move(blocked)) {}
  const std::string& where() const { return where_; }  // "layer L group G"
  double time_s() const { return time_s_; }            // simulated time of the deadlock
  // One entry per blocked engine: "core(0,1).s2mm0 waits for acquire L2>=1 (value 0)".
  const std::vector<std::string>& blocked() const { return blocked_; }

 private:
  std::string where_;
  double time_s_ = 0;
  std::vector<std::string> blocked_;
};

SimResult Simulate(const arch::HardwareConfig& config, const isa::Program& program,
                   const SimOptions& options);

}  // namespace aie2sim::model
