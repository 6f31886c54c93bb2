// A memtile: 512 KiB shared by its column, DMA channels to and from the stream network, and
// locks. Its channels 0..3 may also use the neighbouring memtiles' locks (resolved by the
// OpCompiler through the Array).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/model/live_accesses.h"
#include "sim/model/lock_unit.h"
#include "sim/model/memory_banks.h"
#include "sim/model/model_context.h"
#include "sim/model/tile_dma.h"

namespace aie2sim::model {

class MemTile : public sc_core::sc_module {
 public:
  MemTile(sc_core::sc_module_name name, uint32_t column, const ModelContext& context);

  const std::string& tile_name() const { return locks_.tile_name(); }
  LockUnit& locks() { return locks_; }
  EngineModule* FindEngine(isa::EngineKind kind, uint32_t channel) {
    return dma_.Channel(kind, channel);
  }
  const std::vector<EngineModule*>& engines() const { return engines_; }
  // The accesses in flight in its memory (invariant checks).
  const LiveAccesses& memory() const { return memory_; }
  LiveAccesses& memory() { return memory_; }

 private:
  LockUnit locks_;
  MemoryBanks banks_;    // before dma_: its channels point at it
  LiveAccesses memory_;  // likewise
  TileDma dma_;
  std::vector<EngineModule*> engines_;
};

}  // namespace aie2sim::model
