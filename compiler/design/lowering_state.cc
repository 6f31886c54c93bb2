#include "compiler/design/lowering_state.h"

#include "sim/isa/program_builder.h"

namespace aie2sim::design {

isa::Tile ToTile(const TilePos& pos) {
  if (pos.IsShim()) return isa::MakeTile(isa::SHIM, pos.column, 0);
  if (pos.IsMemtile()) return isa::MakeTile(isa::MEMTILE, pos.column, 0);
  return isa::MakeTile(isa::CORE, pos.column, pos.row - 2);
}

std::string TileName(const TilePos& pos) {
  const char* kind = pos.IsShim() ? "shim" : pos.IsMemtile() ? "memtile" : "core";
  return kind + pos.ToString();
}

std::string TileWhere(const LoweringState& state, const TilePos& pos) {
  return state.design->file + ": tile " + TileName(pos);
}

std::optional<int> EndpointOf(const Fifo& fifo, const TilePos& tile) {
  if (fifo.producer.tile == tile) return kProducer;
  for (size_t i = 0; i < fifo.consumers.size(); ++i) {
    if (fifo.consumers[i].tile == tile) return static_cast<int>(i);
  }
  return std::nullopt;
}

}  // namespace aie2sim::design
