#include "sim/model/tile_dma.h"

#include "sim/isa/program_builder.h"

namespace aie2sim::model {

TileDma::TileDma(sc_core::sc_module_name name, const isa::Tile& tile, const arch::DmaParams& params,
                 LockUnit& locks, LiveAccesses& memory, const ModelContext& context,
                 stats::MemoryLevel level, MemoryBanks* banks)
    : sc_core::sc_module(name), mm2s_("mm2s"), s2mm_("s2mm") {
  auto channels = [&](isa::EngineKind kind) {
    return [&, kind](const char* channel_name, size_t channel) {
      const isa::Engine engine = isa::MakeEngine(tile.kind(), tile.column(), tile.row(), kind,
                                                 static_cast<uint32_t>(channel));
      return new DmaChannel(channel_name, engine, locks, memory, context, level, banks);
    };
  };
  mm2s_.init(params.mm2s_channels, channels(isa::MM2S));
  s2mm_.init(params.s2mm_channels, channels(isa::S2MM));
}

DmaChannel* TileDma::Channel(isa::EngineKind kind, uint32_t channel) {
  if (kind != isa::MM2S && kind != isa::S2MM) return nullptr;
  sc_core::sc_vector<DmaChannel>& channels = kind == isa::MM2S ? mm2s_ : s2mm_;
  return channel < channels.size() ? &channels[channel] : nullptr;
}

void TileDma::AppendEngines(std::vector<EngineModule*>* engines) {
  for (DmaChannel& channel : mm2s_) engines->push_back(&channel);
  for (DmaChannel& channel : s2mm_) engines->push_back(&channel);
}

}  // namespace aie2sim::model
