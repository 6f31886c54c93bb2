// A per-resource lower bound on a layer's time, for programs the paper's model does not describe
// (v2 designs: loops, rings, byte-stream routes, a controller; program.proto). Self-contained;
// the per-layer "bound" of the compiler reports (issue 19) is meant to be unified with it.
//
// Every instruction is counted as often as it runs (loops, task repeats, group iterations), and
// each resource's busy time is a lower bound on the layer's time:
//   compute  per core processor: its computes' cycles, priced as the SystemC model prices them
//            (kernel classes by the config, sim/isa/kernel_classes.h; others as the paper's
//            macs * density / (int8 peak x efficiency) + ops / vector rate);
//   ddr      per shim DMA channel: its bytes / min(stream, DDR channel) rate; and, when DDR
//            contention applies, all shim bytes / ddr.total_gb_per_s (in bytes per cycle);
//   links    per memtile or core DMA channel (one stream port each): its bytes / stream rate.
// The bound is the largest; it ignores latencies, setup costs and dependencies, so a simulation
// can only be slower. A loop counts its full count: a Worker's loop must carry its per-run trip
// count, not "forever".
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
