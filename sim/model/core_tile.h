// A core tile: 64 KiB of data memory in banks (its contents are not modelled in timing mode),
// DMA channels to and from the stream network, a LockUnit and the CoreProcessor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/model/core_processor.h"
#include "sim/model/live_accesses.h"
#include "sim/model/lock_unit.h"
#include "sim/model/memory_banks.h"
#include "sim/model/model_context.h"
#include "sim/model/tile_dma.h"

namespace aie2sim::model {

class CoreTile : public sc_core::sc_module {
 public:
  CoreTile(sc_core::sc_module_name name, uint32_t row, uint32_t column,
           const ModelContext& context);

  const std::string& tile_name() const { return locks_.tile_name(); }
  LockUnit& locks() { return locks_; }
  EngineModule* FindEngine(isa::EngineKind kind, uint32_t channel);
  // DMA channels (MM2S, then S2MM), then the processor.
  const std::vector<EngineModule*>& engines() const { return engines_; }
  // The accesses in flight in the data memory (invariant checks).
  const LiveAccesses& memory() const { return memory_; }
  LiveAccesses& memory() { return memory_; }

 private:
  LockUnit locks_;
  MemoryBanks banks_;    // before dma_: its channels point at it
  LiveAccesses memory_;  // before dma_ and processor_, likewise
  TileDma dma_;
  CoreProcessor processor_;
  std::vector<EngineModule*> engines_;
};

}  // namespace aie2sim::model
