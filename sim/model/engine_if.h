// What the LayerSequencer sees of an engine (a DMA channel or a core processor).
//
// Contract: between groups an engine is idle. For each group it takes part in, the sequencer
// fills ops() with the engine's compiled stream and then calls Start once; the engine executes
// ops() `iterations` times, in order (loops included), then arrives at the barrier exactly once
// and is idle again. A shim channel started with `serve_tasks` instead serves its task queue
// until the simulation ends, and never arrives (program.proto, v2 controller).
// The sequencer must not touch ops() while the engine runs. blocked() is true while the engine
// waits on a lock or on the other side of a route; DescribeWait says on what, e.g.
// "core(0,1).s2mm0 waits for acquire L2>=1 (value 0)".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <systemc>

#include "sim/model/op.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

class GroupBarrier;

// Where a traced group's slices go.
struct TraceScope {
  trace::TraceSink* sink = nullptr;
  std::string_view layer;
  std::string_view group;
  bool per_instruction = true;  // one slice per instruction, else one per engine per group
};

struct GroupRun {
  // The layer and group, by name (or "#index"), for messages; they outlive the group.
  std::string_view layer;
  std::string_view group;
  uint32_t iterations = 0;
  GroupBarrier* barrier = nullptr;
  const TraceScope* trace = nullptr;  // null: this group is not traced
  // Time before the first instruction: the tile's BDs being rewritten (bd_reload effect).
  sc_core::sc_time start_delay = sc_core::SC_ZERO_TIME;
  // The layer's serial number (0, 1, ...) and ring count: an engine's ring cursors restart at 0
  // in the first group it runs of each layer.
  uint32_t layer_serial = 0;
  uint32_t rings = 0;
  bool serve_tasks = false;
};

class EngineIf {
 public:
  virtual ~EngineIf() = default;

  virtual std::vector<Op>& ops() = 0;
  virtual void Start(const GroupRun& run) = 0;
  virtual bool blocked() const = 0;
  virtual std::string DescribeWait() const = 0;
  virtual const std::string& engine_name() const = 0;
};

}  // namespace aie2sim::model
