// The work of a compiled program's layer, as the hardware bound (bound.h) needs it, read from the
// program alone (so that `estimate` and `simulate` of a program file report it too):
//  - MACs: the layer's effective MACs; vector ops: its compute instructions' ops, every iteration;
//  - cores: the array's, at most one per output element;
//  - DDR bytes: the distinct DDR bytes the layer's shim channels read and write over all
//    iterations, i.e. its non-resident inputs, its weights as stored (compacted) and its
//    non-resident outputs, each counted once however often the tiling moves it; the input
//    activations read at most the bytes the cores need (below: a strided window skips some);
//  - bytes into the cores: the input activations every output needs at least once (all inputs of
//    an Add; the rows and columns a strided window touches, padding split evenly) plus the
//    stored weights; bytes out of the cores: the output. A Concat is pure data movement between
//    memories: no core work;
//  - memtile bytes: the most the compiler placed in one memtile (memtile_peak_bytes).
#pragma once

#include "sim/analytic/bound.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

BoundWork LayerWork(const isa::Layer& layer, const arch::HardwareConfig& config);

}  // namespace aie2sim::analytic
