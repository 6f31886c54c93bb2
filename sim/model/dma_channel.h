// One DMA channel of a tile: an MM2S channel sends its tile's memory into a stream, an S2MM
// channel writes a stream into its tile's memory. Each transfer op is one side of a route
// (StreamRoute), which it joins with the address span it touches in its tile's banks; in
// realistic mode every transfer first pays the DMA (BD) setup.
// The bytes count as a read (MM2S) or a write (S2MM) of the tile's memory level.
// With kCheckInvariants each transfer first checks 'memory bounds' and hands its route the access
// to register with its memory's LiveAccesses while the data moves (invariants.h).
#pragma once

#include <cstdint>

#include "sim/model/engine_module.h"
#include "sim/model/memory_banks.h"
#include "sim/stats/stats_collector.h"

namespace aie2sim::model {

class DmaChannel : public EngineModule {
 public:
  DmaChannel(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
             LiveAccesses& memory, const ModelContext& context, stats::MemoryLevel level,
             MemoryBanks* banks);

 protected:
  void Transfer(const Op& op, uint32_t iteration) override;

 private:
  const bool sends_;  // MM2S
  const stats::MemoryLevel level_;
  MemoryBanks* const banks_;  // the tile's memory banks; null for DDR (shim)
};

}  // namespace aie2sim::model
