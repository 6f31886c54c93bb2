// The StreamRoutes of the current layer, by route id.
//
// Contract: Configure(layer) replaces the previous layer's routes (no transfer may be pending);
// Find(id) then returns the route or null. Routes are pooled: the pool is sized at elaboration
// for the program's largest layer, so no route (and no sc_event) is created while simulating.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sim/isa/program.pb.h"
#include "sim/model/array.h"
#include "sim/model/model_context.h"
#include "sim/model/stream_route.h"

namespace aie2sim::model {

class RouteTable {
 public:
  RouteTable(const ModelContext& context, Array& array, size_t capacity);

  // Throws InternalError when a route names an engine the array lacks or repeats an id.
  void Configure(const isa::Layer& layer);
  StreamRoute* Find(uint32_t id) const {
    const auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : found->second;
  }

 private:
  EngineModule& Resolve(const isa::Layer& layer, const isa::Route& route,
                        const isa::Engine& engine) const;

  Array& array_;
  const bool link_contention_;
  std::vector<std::unique_ptr<StreamRoute>> pool_;
  std::unordered_map<uint32_t, StreamRoute*> by_id_;
  std::vector<EngineModule*> destinations_;  // scratch, reused
  std::vector<isa::Engine> destination_ids_;  // scratch, reused
};

}  // namespace aie2sim::model
