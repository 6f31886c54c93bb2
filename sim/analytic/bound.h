// The per-layer hardware bound: the least time the array could take for a layer's work, whatever
// the tiling, so that a report can say how far a program is from what the hardware allows.
//
// A layer's work (its MACs, element ops and the bytes it must move) over the array's rates gives
// one time per resource; the layer cannot run faster than the largest:
//  - compute      = effective MACs / (cores x peak MACs per cycle x clock)
//                   + vector ops / (cores x vector ops per cycle x clock);
//  - ddr          = DDR bytes / (columns x all shim channels (read and write) x channel rate);
//  - column_links = bytes into the cores / (columns x memtile MM2S channels x link rate): every
//                   byte a core receives leaves a memtile through one of its sending channels;
//  - core_links   = bytes out of the cores / (cores x core MM2S channels x link rate).
// `bound_s` is the largest and `resource` its name (ties: the first in the order above; "none"
// for a layer with no work). Memory is a feasibility check, not a time: `fits_memory` says
// whether the bytes the layer holds in one memtile fit it.
// Every term assumes perfect overlap and no overhead, so bound_s never exceeds what a program
// can achieve on the paper's machine; efficiency = bound_s / achieved is at most 1 there.
//
// The inputs are plain numbers so that any model can call it: the compiler's programs
// (program_bound.h) and hand-written designs alike.
#pragma once

#include <string>

#include "sim/arch/hardware_config.h"

namespace aie2sim::analytic {

// What one layer must do, independent of how it is tiled.
struct BoundWork {
  double macs = 0;           // effective MACs (dense MACs x density)
  double vector_ops = 0;     // element ops of kernels without MACs (pools, adds)
  double cores = 0;          // cores the layer can use (at most the array's)
  double ddr_bytes = 0;      // DDR bytes: non-resident inputs, stored weights, non-resident outputs
  double core_in_bytes = 0;  // bytes the cores must receive: input activations and weights
  double core_out_bytes = 0;  // bytes the cores must send: the outputs they compute
  double memtile_bytes = 0;   // bytes the layer holds in one memtile (feasibility only)
};

// The array's rates, in units per second.
struct BoundRates {
  double cores = 0;
  double macs_per_core_s = 0;        // peak int8 MACs per second of one core
  double vector_ops_per_core_s = 0;  // element ops per second of one core
  double ddr_bytes_s = 0;            // all shim channels of all columns
  double column_link_bytes_s = 0;    // all memtile sending channels of all columns
  double core_link_bytes_s = 0;      // one core's sending channels
  double memtile_bytes = 0;          // capacity of one memtile
};

BoundRates RatesOf(const arch::HardwareConfig& config);

struct LayerBound {
  double compute_s = 0;
  double ddr_s = 0;
  double column_links_s = 0;
  double core_links_s = 0;
  double bound_s = 0;
  std::string resource = "none";  // compute | ddr | column_links | core_links | none
  bool fits_memory = true;
};

LayerBound BoundLayer(const BoundWork& work, const BoundRates& rates);

}  // namespace aie2sim::analytic
