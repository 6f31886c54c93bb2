// Code generation for window layers (PAPER.md §4.5): a WindowTiling becomes one Program layer.
//
// Per image and pass: LOAD (shim -> memtile: the pass's input rows; the weights too, once, when
// they stay resident); per weight piece k: LOADW of the piece when weights are not resident, and
// WEIGHTS (LOADWM: the piece broadcast along each core row); per width sub-slice the block
// groups — head / body / tail runs of LOADFM (down each column, broadcast when the cores read
// the same channels), COMP, WRITEFM with ping/pong lock pairs — or, when input channels are split,
// per block a first / body / last run over the input-channel pieces that streams input and weight
// pieces through ping/pong pairs and accumulates in int32; then STORE (memtile -> DDR over two
// shim channels). Postconditions: the layer passes isa::ValidateProgram for this config; the
// computes' MACs add up to the layer's MACs; the STORE writes cover every output byte once.
#pragma once

#include "compiler/codegen/emit_context.h"
#include "compiler/tiling/window_tiling.h"

namespace aie2sim::codegen {

void EmitWindowLayer(const tiling::WindowTiling& tiling, const LayerContext& context,
                     isa::Layer* layer);

}  // namespace aie2sim::codegen
