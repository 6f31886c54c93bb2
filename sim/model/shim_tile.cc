#include "sim/model/shim_tile.h"

#include "sim/isa/program_io.h"

namespace aie2sim::model {
namespace {

isa::Tile ShimTileId(uint32_t column) {
  isa::Tile tile;
  tile.set_kind(isa::SHIM);
  tile.set_column(column);
  return tile;
}

}  // namespace

ShimTile::ShimTile(sc_core::sc_module_name name, uint32_t column, LiveAccesses& ddr,
                   const ModelContext& context)
    : sc_core::sc_module(name),
      locks_("locks", isa::TileName(ShimTileId(column)), context.config.shim.locks),
      dma_("dma", ShimTileId(column), context.config.shim.dma, locks_, ddr, context,
           stats::MemoryLevel::kDdr, /*banks=*/nullptr) {
  dma_.AppendEngines(&engines_);
}

}  // namespace aie2sim::model
