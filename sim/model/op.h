// One instruction of a Program as an engine executes it: resolved, when its layer's group
// starts, to the LockUnit, StreamRoute and durations it needs, so that the hot path does no
// lookups, no allocation and no protobuf access.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/units.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/region_walk.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

class LiveAccesses;
class LockUnit;
class StreamRoute;
class TaskQueue;

// A FIFO ring of the current layer (program.proto, v2), resolved: `index` is its slot in every
// engine's cursor table; `memory` the accesses in flight in its tile's memory (invariant checks).
struct RingInfo {
  uint32_t id = 0;
  uint32_t index = 0;
  int64_t address = 0;
  int64_t object_bytes = 0;
  uint32_t depth = 1;
  LiveAccesses* memory = nullptr;
};

// The address span [begin, end) a buffer touches in iteration 0, in its engine's memory, and
// how it moves per iteration (isa::Buffer's step and ping/pong toggle). Empty (begin == end) for
// a region without bytes.
struct BufferSpan {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t step = 0;
  int64_t pingpong_offset = 0;
  // A buffer in a ring: begin/end are offsets in the object at window position `window`, until
  // the engine resolves them with its cursor (EngineModule::Resolve).
  const RingInfo* ring = nullptr;
  uint32_t window = 0;

  bool empty() const { return end <= begin; }
  // The span in `iteration`, unclamped: [*first, *last).
  void In(uint32_t iteration, int64_t* first, int64_t* last) const {
    const int64_t shift = isa::IterationShift(step, pingpong_offset, iteration);
    *first = begin + shift;
    *last = end + shift;
  }
  // The span in `iteration` clamped at address 0 (the bank-conflict model's view).
  void Clamped(uint32_t iteration, uint64_t* first, uint64_t* last) const {
    int64_t low = 0;
    int64_t high = 0;
    In(iteration, &low, &high);
    *first = static_cast<uint64_t>(low < 0 ? 0 : low);
    *last = static_cast<uint64_t>(high < 0 ? 0 : high);
  }
};

// How an op appears on the timeline (sim/trace/trace_sink_if.h).
struct TraceLabel {
  std::string mnemonic;  // LOADFM, RECV, COMP CONV, acq L2
  trace::SliceKind kind = trace::SliceKind::kOther;
  std::string from;  // a transfer's sending engine
  std::string to;    // its receiving engine(s), space-separated
};

enum class OpKind : uint8_t {
  kAcquire,
  kRelease,
  kTransfer,
  kCompute,
  // v2 (program.proto): a loop's bounds, and the controller's instructions.
  kLoopBegin,
  kLoopEnd,
  kPushTask,
  kAwaitToken,
  kWriteWord,
  kSetLock,
};

struct Op {
  OpKind kind = OpKind::kAcquire;
  // Acquire / release: the lock (possibly a neighbour memtile's) and the value.
  LockUnit* locks = nullptr;
  uint32_t lock_id = 0;
  uint32_t lock_value = 0;
  // Transfer: the route and, for an S2MM side, this engine's destination slot in it.
  StreamRoute* route = nullptr;
  uint32_t route_slot = 0;
  // Transfer: bytes. Compute: dense MACs (for stats and traces).
  uint64_t amount = 0;
  // Transfer: the address span of its buffer (bank conflicts, invariant checks).
  BufferSpan span;
  // Compute: the spans of its input, weights and output buffers (invariant checks; empty when
  // the buffer has no dims).
  BufferSpan input_span;
  BufferSpan weights_span;
  BufferSpan output_span;
  // Compute: its duration, macs * density / (MACs per cycle * kernel efficiency).
  Cycles cycles;
  // The transfer's buffer, or the compute and its layer's data (functional mode, invariant
  // checks; the program outlives every op).
  const isa::Buffer* buffer = nullptr;
  const isa::Compute* compute = nullptr;
  const isa::LayerData* data = nullptr;
  // Release: the ring whose cursor (of this engine) advances by lock_value objects, or null.
  const RingInfo* advance = nullptr;
  // Loop begin: the trip count and the index of its end; loop end: the index of its begin.
  uint64_t count = 0;
  uint32_t jump = 0;
  // Controller: the shim channel's task queue (push, await) and, for a push, the channel's
  // compiled transfer, its repeat count and whether it issues a token. Set lock: `locks`,
  // `lock_id`, `lock_value`.
  TaskQueue* tasks = nullptr;
  const Op* task = nullptr;
  uint64_t repeat = 1;
  bool issue_token = false;
  // Its timeline label; set only when the group is traced.
  const TraceLabel* label = nullptr;
};

}  // namespace aie2sim::model
