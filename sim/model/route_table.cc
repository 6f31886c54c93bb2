#include "sim/model/route_table.h"

#include <algorithm>
#include <cstdlib>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::model {
namespace {

// The stream-switch level of a tile in its column: shim 0, memtile 1, core row r at 2 + r.
int64_t SwitchLevel(const isa::Engine& engine) {
  switch (engine.tile()) {
    case isa::SHIM:
      return 0;
    case isa::MEMTILE:
      return 1;
    default:
      return 2 + static_cast<int64_t>(engine.row());
  }
}

// Stream switches traversed from `a` to `b` (both ends' switches included).
uint32_t Hops(const isa::Engine& a, const isa::Engine& b) {
  const int64_t columns = std::llabs(static_cast<int64_t>(a.column()) - b.column());
  const int64_t levels = std::llabs(SwitchLevel(a) - SwitchLevel(b));
  return static_cast<uint32_t>(columns + levels + 1);
}

}  // namespace

RouteTable::RouteTable(const ModelContext& context, Array& array, size_t capacity)
    : array_(array), link_contention_(context.timing.link_contention) {
  pool_.reserve(capacity);
  for (size_t i = 0; i < capacity; ++i) pool_.push_back(std::make_unique<StreamRoute>(context));
}

EngineModule& RouteTable::Resolve(const isa::Layer& layer, const isa::Route& route,
                                  const isa::Engine& engine) const {
  EngineModule* found = array_.FindEngine(engine);
  if (found == nullptr) {
    throw InternalError("layer " + layer.name() + ": route " + std::to_string(route.id()) + ": " +
                        isa::EngineName(engine) + " is not in the array");
  }
  return *found;
}

void RouteTable::Configure(const isa::Layer& layer) {
  AIE2SIM_CHECK(static_cast<size_t>(layer.routes_size()) <= pool_.size(),
                "route pool smaller than layer " + layer.name());
  by_id_.clear();
  size_t next = 0;
  for (const isa::Route& route : layer.routes()) {
    EngineModule& source = Resolve(layer, route, route.source());
    uint32_t shim_endpoints = route.source().tile() == isa::SHIM ? 1 : 0;
    uint32_t hops = 0;
    destinations_.clear();
    destination_ids_.assign(route.destinations().begin(), route.destinations().end());
    for (const isa::Engine& destination : route.destinations()) {
      destinations_.push_back(&Resolve(layer, route, destination));
      if (destination.tile() == isa::SHIM) ++shim_endpoints;
      hops = std::max(hops, Hops(route.source(), destination));
    }
    StreamRoute* stream_route = pool_[next++].get();
    std::vector<uint32_t> path;
    if (link_contention_) path = array_.links().PathOf(route.source(), destination_ids_);
    stream_route->Configure(route.id(), &source, destinations_, shim_endpoints, hops,
                            &array_.ddr(), &array_.links(), std::move(path));
    if (!by_id_.emplace(route.id(), stream_route).second) {
      throw InternalError("layer " + layer.name() + ": route id " + std::to_string(route.id()) +
                          " appears twice");
    }
  }
}

}  // namespace aie2sim::model
