// One instruction of a Program as an engine executes it: resolved, when its layer's group
// starts, to the LockUnit, StreamRoute and durations it needs, so that the hot path does no
// lookups, no allocation and no protobuf access.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/units.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::model {

class LockUnit;
class StreamRoute;

enum class OpKind : uint8_t { kAcquire, kRelease, kTransfer, kCompute };

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
  // Transfer: the address span its region touches in iteration 0, [span_begin, span_end) in the
  // engine's memory, and how it moves per iteration (isa::Buffer step and ping/pong toggle);
  // for the bank-conflict effect. SpanOf gives the span of any iteration.
  int64_t span_begin = 0;
  int64_t span_end = 0;
  int64_t step = 0;
  int64_t pingpong_offset = 0;
  // Compute: its duration, macs * density / (MACs per cycle * kernel efficiency).
  Cycles cycles;
  // Functional mode: the transfer's buffer, or the compute and its layer's data (the program
  // outlives every op).
  const isa::Buffer* buffer = nullptr;
  const isa::Compute* compute = nullptr;
  const isa::LayerData* data = nullptr;
  // Trace name (LOADFM, RECV, COMP CONV, acq L2); set only when the group is traced.
  const std::string* mnemonic = nullptr;
};

// The [begin, end) address span of a transfer op in `iteration`, clamped at address 0.
inline void SpanOf(const Op& op, uint32_t iteration, uint64_t* begin, uint64_t* end) {
  const int64_t shift =
      static_cast<int64_t>(iteration) * op.step + (iteration % 2 == 1 ? op.pingpong_offset : 0);
  const int64_t first = op.span_begin + shift;
  const int64_t last = op.span_end + shift;
  *begin = static_cast<uint64_t>(first < 0 ? 0 : first);
  *end = static_cast<uint64_t>(last < 0 ? 0 : last);
}

}  // namespace aie2sim::model
