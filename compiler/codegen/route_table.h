// Route ids of one layer: one id per distinct (source, destinations) connection, created on
// first use and declared in the layer.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"

namespace aie2sim::codegen {

// A packed identity of an engine, for indexes (tile kind, column, row, kind, channel).
inline uint64_t EngineKey(const isa::Engine& engine) {
  return (static_cast<uint64_t>(engine.tile()) << 56) | (static_cast<uint64_t>(engine.column()) << 40) |
         (static_cast<uint64_t>(engine.row()) << 24) | (static_cast<uint64_t>(engine.kind()) << 16) |
         static_cast<uint64_t>(engine.channel());
}

class RouteTable {
 public:
  explicit RouteTable(isa::Layer* layer) : layer_(layer) {}

  uint32_t Get(const isa::Engine& source, const std::vector<isa::Engine>& destinations) {
    std::vector<uint64_t> key = {EngineKey(source)};
    for (const isa::Engine& destination : destinations) key.push_back(EngineKey(destination));
    const auto found = ids_.find(key);
    if (found != ids_.end()) return found->second;
    const uint32_t id = static_cast<uint32_t>(ids_.size()) + 1;
    isa::AddRoute(layer_, id, source, destinations);
    ids_.emplace(key, id);
    return id;
  }

 private:
  isa::Layer* layer_;
  std::map<std::vector<uint64_t>, uint32_t> ids_;
};

}  // namespace aie2sim::codegen
