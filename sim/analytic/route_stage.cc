#include "sim/analytic/route_stage.h"

#include <algorithm>

namespace aie2sim::analytic {

RouteInfo ClassifyRoute(const isa::Route& route, const arch::HardwareConfig& config) {
  const isa::TileKind source = route.source().tile();
  bool shim = source == isa::SHIM;
  bool to_memtile = false;
  for (const isa::Engine& destination : route.destinations()) {
    shim = shim || destination.tile() == isa::SHIM;
    to_memtile = to_memtile || destination.tile() == isa::MEMTILE;
  }
  RouteInfo info;
  info.bytes_per_cycle = config.stream.bytes_per_cycle;
  if (shim) {
    info.stage = Stage::kDdr;
    info.bytes_per_cycle = std::min(info.bytes_per_cycle, config.ddr.channel_bytes_per_cycle);
  } else if (source == isa::CORE && to_memtile) {
    info.stage = Stage::kStore;
  } else {
    info.stage = Stage::kLoad;
  }
  return info;
}

}  // namespace aie2sim::analytic
