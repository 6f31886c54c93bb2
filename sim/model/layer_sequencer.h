// Runs a Program's layers and groups on the Array (one SC_THREAD).
//
// Per layer: apply its lock inits, configure its routes, wait the reconfiguration overhead
// (realistic mode only), then per group: compile each stream for its engine, start every
// engine with the group's iteration count (a tile's DMA channels after its BD reload, when the
// bd_reload effect charges one: sim/arch/effects.h), and wait until all have finished (the group
// barrier). Each layer's time (from its start to its last group's end) goes to the stats.
// If some engine never finishes, the thread stays blocked and sc_start returns with finished()
// false: a deadlock, reported by Simulate from current_layer()/current_group() and the engines.
// A design's group (one with a controller stream, program.proto v2) ends when the controller
// has finished; its other engines may still be waiting then: "idle at end" (IdleAtEnd) when on
// an acquire or for a task; unmatched route bytes (CheckRoutesDrained) when inside a transfer.
// In functional mode each layer's output is checked against the reference when it ends
// (functional_check.h); a mismatch stops the simulation.
// Errors thrown here (program bugs the validator cannot see) go to the FailureSlot.
// With kCheckInvariants it checks 'lock range' for lock inits and 'group end' after every group
// (invariants.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/array.h"
#include "sim/model/engine_if.h"
#include "sim/model/functional_check.h"
#include "sim/model/group_barrier.h"
#include "sim/model/model_context.h"
#include "sim/model/op_compiler.h"
#include "sim/model/route_table.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

// Which layers are traced, and how finely.
struct TraceSetup {
  trace::TraceSink* sink = nullptr;  // null: no trace
  std::string layer_filter;          // only layers whose name contains it; empty = all
  bool per_instruction = true;
};

class LayerSequencer : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(LayerSequencer);
  // `program` and `array` must outlive the simulation.
  LayerSequencer(sc_core::sc_module_name name, const isa::Program& program, Array& array,
                 const ModelContext& context, TraceSetup trace);

  bool finished() const { return finished_; }
  // When the last layer ended (a design's: when its controller finished).
  sc_core::sc_time end_time() const { return end_time_; }
  // A design (program.proto, v2), after the simulation has stopped: the engines left waiting on
  // an acquire ("idle at end"), described as DescribeWait does; empty for other programs.
  std::vector<std::string> IdleAtEnd() const;
  // A design: throws DesignEndError "route R: unmatched bytes at the end: ..." when a route's
  // source sent other than a destination received, or when an engine still runs.
  void CheckDesignEnd() const;
  // Functional mode: the check of every layer run so far, in order.
  const std::vector<LayerCheck>& checks() const { return checks_; }
  // Where the sequencer stands; -1 before the first layer or group starts.
  int current_layer() const { return layer_index_; }
  int current_group() const { return group_index_; }

 private:
  void Run();
  void RunLayer(const isa::Layer& layer);
  void RunGroup(const isa::Layer& layer, const isa::Group& group, int index, bool traced);
  // The index of the tile of a DMA engine in bds_ / previous_bds_, and its BD count.
  size_t TileIndex(const isa::Engine& engine) const;
  uint32_t TileBds(const isa::Engine& engine) const;
  // Invariant 'group end': no access live in any memory, no route waiting for a partner.
  void CheckGroupEnd(const isa::Layer& layer) const;

  const isa::Program& program_;
  Array& array_;
  const ModelContext& context_;
  const TraceSetup trace_;
  RouteTable routes_;
  OpCompiler compiler_;
  GroupBarrier barrier_;
  GroupBarrier others_;  // a design's engines other than the controller (never awaited)
  bool design_ = false;
  sc_core::sc_time end_time_ = sc_core::SC_ZERO_TIME;
  TraceScope scope_;
  // BDs each tile uses in the current and the previous group (by TileIndex).
  std::vector<uint32_t> bds_;
  std::vector<uint32_t> previous_bds_;
  // The current layer's and group's names (or "#index"), which every GroupRun refers to.
  std::string layer_label_;
  std::string group_label_;
  int layer_index_ = -1;
  int group_index_ = -1;
  bool finished_ = false;
  std::vector<LayerCheck> checks_;
  const std::vector<const LiveAccesses*> memories_;  // every memory's (invariant checks)
};

}  // namespace aie2sim::model
