// The work of a compiled program's layer, as the hardware bound (bound.h) needs it, read from the
// program alone (so that `estimate` and `simulate` of a program file report it too).
//
// A compiler layer (one with tensor shapes):
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
//
// A layer without tensor shapes (a design, program.proto v2) has no tensors to reason about: its
// work is what its engines do, every instruction counted as often as it runs (layer_tally.h),
// summed over the array, so that the bound is what any placement of that work could achieve
// (design_bound.h gives the bound of the placement the design chose; this one is never above it):
//  - MACs and vector ops: its computes' work at peak (layer_tally.h: in int8 MACs and vector ops,
//    so a kernel class is priced at its own peak);
//  - cores: the array's;
//  - DDR bytes: the bytes its shim channels move, reads and writes, as often as they move them;
//  - bytes into the cores: the bytes the memtiles' sending channels move (the column_links
//    term's resource; a broadcast sends its bytes once however many cores receive them, and a
//    core fed straight from a shim or another core is bounded by the ddr or core_links term);
//    bytes out of the cores: the bytes the cores' sending channels move;
//  - memtile bytes: memtile_peak_bytes as the program records it.
#pragma once

#include "sim/analytic/bound.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

BoundWork LayerWork(const isa::Layer& layer, const arch::HardwareConfig& config);

}  // namespace aie2sim::analytic
