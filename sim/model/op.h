// One instruction of a Program as an engine executes it: resolved, when its layer's group
// starts, to the LockUnit, StreamRoute and durations it needs, so that the hot path does no
// lookups, no allocation and no protobuf access.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/units.h"

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
  // Compute: its duration, macs * density / (MACs per cycle * kernel efficiency).
  Cycles cycles;
  // Trace name (LOADFM, RECV, COMP CONV, acq L2); set only when the group is traced.
  const std::string* mnemonic = nullptr;
};

}  // namespace aie2sim::model
