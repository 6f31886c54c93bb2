#include "sim/analytic/design_bound.h"

#include <algorithm>

#include "sim/analytic/layer_tally.h"
#include "sim/isa/program_io.h"

namespace aie2sim::analytic {
namespace {

DesignBound BoundOf(const std::string& layer, const LayerTally& tally,
                    const arch::HardwareConfig& config) {
  DesignBound bound;
  bound.layer = layer;
  ResourceBound compute{"compute", "", 0};
  ResourceBound ddr{"ddr", "", 0};
  ResourceBound links{"links", "", 0};
  double shim_bytes = 0;
  const double stream = config.stream.bytes_per_cycle;
  const double channel = std::min(stream, config.ddr.channel_bytes_per_cycle);
  for (const auto& [engine, work] : tally) {
    if (work.cycles > compute.cycles) compute = {"compute", isa::EngineName(engine), work.cycles};
    const bool shim = engine.tile() == isa::SHIM;
    const double cycles = work.bytes / (shim ? channel : stream);
    ResourceBound& resource = shim ? ddr : links;
    if (shim) shim_bytes += work.bytes;
    if (cycles > resource.cycles) resource = {resource.resource, isa::EngineName(engine), cycles};
  }
  if (arch::EffectiveTimingOf(config).ddr_contention &&
      shim_bytes / config.ddr_total_bytes_per_cycle() > ddr.cycles) {
    ddr = {"ddr", "all shim channels", shim_bytes / config.ddr_total_bytes_per_cycle()};
  }
  bound.resources = {compute, ddr, links};
  for (const ResourceBound& resource : bound.resources) {
    if (resource.cycles > bound.cycles) {
      bound.cycles = resource.cycles;
      bound.bound_by = resource.resource;
    }
  }
  bound.seconds = bound.cycles / config.clock_hz();
  return bound;
}

}  // namespace

bool IsDesign(const isa::Program& program) {
  for (const isa::Layer& layer : program.layers()) {
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        if (stream.engine().kind() == isa::CONTROLLER) return true;
      }
    }
  }
  return false;
}

std::vector<DesignBound> BoundDesign(const isa::Program& program,
                                     const arch::HardwareConfig& config) {
  std::vector<DesignBound> bounds;
  for (const isa::Layer& layer : program.layers()) {
    bounds.push_back(BoundOf(layer.name(), TallyLayer(layer, config), config));
  }
  return bounds;
}

}  // namespace aie2sim::analytic
