#include "sim/model/core_tile.h"

#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"

namespace aie2sim::model {
namespace {

isa::Tile CoreTileId(uint32_t row, uint32_t column) {
  isa::Tile tile;
  tile.set_kind(isa::CORE);
  tile.set_column(column);
  tile.set_row(row);
  return tile;
}

}  // namespace

CoreTile::CoreTile(sc_core::sc_module_name name, uint32_t row, uint32_t column,
                   const ModelContext& context)
    : sc_core::sc_module(name),
      locks_("locks", isa::TileName(CoreTileId(row, column)), context.config.core.locks),
      banks_(context.config.core.memory_bytes, context.config.core.memory_banks,
             context.config.core.bank_bytes_per_cycle),
      memory_(isa::TileName(CoreTileId(row, column))),
      dma_("dma", CoreTileId(row, column), context.config.core.dma, locks_, memory_, context,
           stats::MemoryLevel::kCore, &banks_),
      processor_("proc", isa::CoreProcessor(row, column), locks_, memory_, context) {
  dma_.AppendEngines(&engines_);
  engines_.push_back(&processor_);
}

EngineModule* CoreTile::FindEngine(isa::EngineKind kind, uint32_t channel) {
  if (kind == isa::PROCESSOR) return channel == 0 ? &processor_ : nullptr;
  return dma_.Channel(kind, channel);
}

}  // namespace aie2sim::model
