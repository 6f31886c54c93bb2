#include "sim/model/mem_tile.h"

#include "sim/isa/program_io.h"

namespace aie2sim::model {
namespace {

isa::Tile MemTileId(uint32_t column) {
  isa::Tile tile;
  tile.set_kind(isa::MEMTILE);
  tile.set_column(column);
  return tile;
}

}  // namespace

MemTile::MemTile(sc_core::sc_module_name name, uint32_t column, const ModelContext& context)
    : sc_core::sc_module(name),
      locks_("locks", isa::TileName(MemTileId(column)), context.config.memtile.locks),
      banks_(context.config.memtile.memory_bytes, context.config.memtile.memory_banks,
             context.config.memtile.bank_bytes_per_cycle),
      memory_(isa::TileName(MemTileId(column))),
      dma_("dma", MemTileId(column), context.config.memtile.dma, locks_, memory_, context,
           stats::MemoryLevel::kMemtile, &banks_) {
  dma_.AppendEngines(&engines_);
}

}  // namespace aie2sim::model
