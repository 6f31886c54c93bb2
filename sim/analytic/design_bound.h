// The placement bound of a design (v2 programs: loops, rings, byte-stream routes, a controller;
// program.proto): a per-resource lower bound on a layer's time *as placed*, i.e. on the engines
// the program uses. Its sibling, the hardware bound (bound.h, work from program_bound.h), spreads
// the same work over the whole array (what any placement could achieve at best), so it is never
// above this one (unless a config pins a kernel class's cycles_per_call below its peak's time);
// a design's report carries both (layers[].bound_s and design.bound_s).
//
// Every instruction is counted as often as it runs (layer_tally.h: loops, task repeats, group
// iterations), and each resource's busy time is a lower bound on the layer's time:
//   compute  per core processor: its computes' cycles, priced as the SystemC model prices them
//            (layer_tally.h);
//   ddr      per shim DMA channel: its bytes / min(stream, DDR channel) rate; and, when DDR
//            contention applies, all shim bytes / ddr.total_gb_per_s (in bytes per cycle);
//   links    per memtile or core DMA channel (one stream port each): its bytes / stream rate.
// The bound is the largest (the busiest placed engine); it ignores latencies, setup costs and
// dependencies, so a simulation can only be slower.
#pragma once

#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

struct ResourceBound {
  std::string resource;  // "compute", "ddr", "links"
  std::string what;      // the engine (or "all shim channels") that binds it; "" when unused
  double cycles = 0;
};

struct DesignBound {
  std::string layer;
  std::vector<ResourceBound> resources;  // compute, ddr, links, in that order
  double cycles = 0;                     // the largest
  std::string bound_by;                  // its resource
  double seconds = 0;
};

// One bound per layer of `program`.
std::vector<DesignBound> BoundDesign(const isa::Program& program,
                                     const arch::HardwareConfig& config);

// Whether `program` is a design (has a controller stream).
bool IsDesign(const isa::Program& program);

}  // namespace aie2sim::analytic
