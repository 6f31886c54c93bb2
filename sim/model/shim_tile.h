// A shim (array interface) tile: DMA channels between DDR and the stream network, and locks.
// MM2S channels read DDR, S2MM channels write it; their bandwidth is limited by the DdrModel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/model/lock_unit.h"
#include "sim/model/model_context.h"
#include "sim/model/tile_dma.h"

namespace aie2sim::model {

class ShimTile : public sc_core::sc_module {
 public:
  // `ddr` holds the accesses in flight in the DDR, which every shim's channels address.
  ShimTile(sc_core::sc_module_name name, uint32_t column, LiveAccesses& ddr,
           const ModelContext& context);

  const std::string& tile_name() const { return locks_.tile_name(); }
  LockUnit& locks() { return locks_; }
  EngineModule* FindEngine(isa::EngineKind kind, uint32_t channel) {
    return dma_.Channel(kind, channel);
  }
  const std::vector<EngineModule*>& engines() const { return engines_; }

 private:
  LockUnit locks_;
  TileDma dma_;
  std::vector<EngineModule*> engines_;
};

}  // namespace aie2sim::model
