// The DMA of one tile: its MM2S and S2MM channels, as many as the config gives the tile kind.
// Owned by ShimTile, MemTile and CoreTile alike; the channels use the tile's LockUnit.
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/model/dma_channel.h"
#include "sim/model/live_accesses.h"

namespace aie2sim::model {

class TileDma : public sc_core::sc_module {
 public:
  // `level` is the memory the tile's channels read (MM2S) and write (S2MM); `memory` its
  // accesses in flight; `banks` its banks, or null (DDR).
  TileDma(sc_core::sc_module_name name, const isa::Tile& tile, const arch::DmaParams& params,
          LockUnit& locks, LiveAccesses& memory, const ModelContext& context,
          stats::MemoryLevel level, MemoryBanks* banks);

  // The channel, or null when the tile has no such channel.
  DmaChannel* Channel(isa::EngineKind kind, uint32_t channel);
  // MM2S channels first, then S2MM, each by channel number.
  void AppendEngines(std::vector<EngineModule*>* engines);

 private:
  sc_core::sc_vector<DmaChannel> mm2s_;
  sc_core::sc_vector<DmaChannel> s2mm_;
};

}  // namespace aie2sim::model
