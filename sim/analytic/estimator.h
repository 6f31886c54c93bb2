// The paper's closed-form time model (PAPER.md §5) over a Program, as stated there so that any
// figure can be checked by hand.
//
// Per group and per iteration, each engine's time is the sum of its instructions' times:
//  - a transfer takes bytes / rate, rate = stream.bytes_per_cycle, or the shim channel's DDR
//    bandwidth (ddr.channel_bytes_per_cycle) when it is lower and a shim is an endpoint;
//  - a compute takes macs * density / core.macs_per_cycle.int8 (peak: the paper's optimism),
//    plus ops / core.vector_ops_per_cycle for kernels without MACs (pools, adds);
//  - locks cost nothing.
// Each transfer belongs to a stage by its route: DDR (shim <-> memtile), LOAD (memtile -> core,
// LOADFM / LOADWM), STORE (core -> memtile, WRITEFM); computes to COMPUTE. A stage's time is the
// maximum over the engines in it (engines run in parallel). A group of n iterations then costs
//     n * ddr + (n == 1 ? load + compute + store : n * max(load, compute, store))
// (DDR traffic is summed, never overlapped), or with the fill/drain option
//     n * ddr + max over core chains c of (load_c + compute_c + store_c
//                                          + (n - 1) * max(load_c, compute_c, store_c)),
// the time of n iterations through ping/pong buffers with constant stage times. A core's chain
// is its own streams and those sharing a route with them (what feeds it, what it stores to):
// a core starts once its own inputs are in and runs at its own pace, so the columns of a layer,
// and the cores of one, are timed each on its own (the paper's plain formula takes the slowest
// load of one core plus the slowest compute of another; with the cost tiler's uneven tiles the
// core with the slowest load need not be the one with the slowest compute). A stream on no core
// (DDR, memtile to memtile) is a chain of its own. Approximate where a broadcast couples cores
// whose periods differ: its slowest receiver holds back the others' later inputs, which a
// chain sees only through the broadcast's own time. A layer is the sum of its groups (a
// barrier separates groups); the program the sum of its layers. No contention, no overheads.
#pragma once

#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/base/units.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

struct EstimateOptions {
  bool fill_drain = false;  // add the pipeline fill and drain of repeated groups
};

// One chain's stage times per iteration (a core's slowest load, its compute, its slowest store).
struct PipelineStages {
  Cycles load;
  Cycles compute;
  Cycles store;
};

// Stage times of one iteration, and the group's total.
struct GroupEstimate {
  std::string name;
  isa::GroupKind kind = isa::GROUP_KIND_UNSPECIFIED;
  uint32_t iterations = 0;
  Cycles ddr;      // per iteration
  Cycles load;     // per iteration
  Cycles compute;  // per iteration
  Cycles store;    // per iteration
  Cycles total;    // the group, all iterations
  // Every chain of the group, in order of its first stream (both variants fill it; only the
  // fill/drain one times them separately): what schedule.h draws.
  std::vector<PipelineStages> pipelines;
};

struct LayerEstimate {
  std::string name;
  std::vector<GroupEstimate> groups;
  // Contributions summed over groups and iterations (what each stage costs in the layer if it
  // ran alone), and the layer's modelled time.
  Cycles ddr;
  Cycles load;
  Cycles compute;
  Cycles store;
  Cycles total;
};

struct ProgramEstimate {
  std::vector<LayerEstimate> layers;
  Cycles total;
};

// One layer (what Estimate sums; the cost tiler prices its candidates with it).
LayerEstimate EstimateLayer(const isa::Layer& layer, const arch::HardwareConfig& config,
                            const EstimateOptions& options);

ProgramEstimate Estimate(const isa::Program& program, const arch::HardwareConfig& config,
                         const EstimateOptions& options);

}  // namespace aie2sim::analytic
