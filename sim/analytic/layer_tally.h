// What one layer's instructions add up to on each engine, every instruction counted as often as
// it runs: a loop its full count (a Worker's loop carries its per-run trip count, not "forever"),
// a pushed task its repeats, a group its iterations. This is the one walk of a program's trip
// counts; both bounds read it: the placement bound of a design (design_bound.h: the busiest
// engine) and the hardware bound's work (program_bound.h: the sums over the array).
//
// Per engine:
//  - a DMA channel: the bytes it moves (its own transfers, and the tasks a controller pushes
//    onto it);
//  - a processor: its computes' cycles, priced as the SystemC model prices them (kernel classes
//    by the config, sim/isa/kernel_classes.h; others as the paper's
//    macs * density / (int8 peak x efficiency) + ops / (vector rate x efficiency)); and their
//    work at peak, in the hardware bound's units (bound.h): `macs` in int8 MACs and
//    `vector_ops` in core.vector_ops_per_cycle ops, so that macs / int8 peak + vector_ops /
//    vector rate is the computes' time at peak, without efficiency or call overhead. A MAC
//    kernel class of another type counts its work x int8 peak / its own peak (an int16 MAC is
//    four int8 MACs on npu1), an element class its work x vector rate / its lanes; a compute
//    without a class counts macs x density and ops as they are.
#pragma once

#include <map>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_io.h"

namespace aie2sim::analytic {

struct EngineTally {
  double bytes = 0;       // DMA channel: bytes moved
  double cycles = 0;      // processor: compute cycles as the model prices them
  double macs = 0;        // processor: MACs at peak, in int8 MACs
  double vector_ops = 0;  // processor: element ops at peak, in core.vector_ops_per_cycle ops
};

using LayerTally = std::map<isa::Engine, EngineTally, isa::EngineLess>;

LayerTally TallyLayer(const isa::Layer& layer, const arch::HardwareConfig& config);

}  // namespace aie2sim::analytic
