// The target model's per-tile-kind facts (sim/arch/target_model.h) for a Program's tile kinds.
#pragma once

#include "sim/arch/target_model.h"
#include "sim/base/error.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// SHIM, MEMTILE or CORE; any other kind is our bug (callers check a program's kinds first).
inline arch::TileKind ArchTileKind(TileKind kind) {
  switch (kind) {
    case SHIM:
      return arch::TileKind::kShim;
    case MEMTILE:
      return arch::TileKind::kMemtile;
    case CORE:
      return arch::TileKind::kCore;
    default:
      throw InternalError("a tile kind the target model does not know");
  }
}

inline arch::TileFacts FactsOf(const arch::HardwareConfig& config, TileKind kind) {
  return arch::FactsOf(config, ArchTileKind(kind));
}

}  // namespace aie2sim::isa
