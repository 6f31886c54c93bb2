// Route ids of one layer: one id per distinct (source, destinations) connection, created on
// first use and declared in the layer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"

namespace aie2sim::codegen {

class RouteTable {
 public:
  explicit RouteTable(isa::Layer* layer) : layer_(layer) {}

  uint32_t Get(const isa::Engine& source, const std::vector<isa::Engine>& destinations) {
    std::string key = isa::EngineName(source);
    for (const isa::Engine& destination : destinations) key += "," + isa::EngineName(destination);
    const auto found = ids_.find(key);
    if (found != ids_.end()) return found->second;
    const uint32_t id = static_cast<uint32_t>(ids_.size()) + 1;
    isa::AddRoute(layer_, id, source, destinations);
    ids_.emplace(key, id);
    return id;
  }

 private:
  isa::Layer* layer_;
  std::map<std::string, uint32_t> ids_;
};

}  // namespace aie2sim::codegen
