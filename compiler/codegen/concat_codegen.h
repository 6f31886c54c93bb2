// Code generation for Concat (along channels): pure data movement, no core computes.
//
// The output width is split over the columns; per image and pass of output rows, a LOAD group
// brings every input's rows of the column's width part from DDR straight into its channel range
// of the memtile's output block (the inputs alternate over the shim's read channels), and a
// STORE group writes the block back over two shim channels. Passes split the height until a
// column's block fits its memtile. Postcondition: the STORE writes cover every output byte once.
#pragma once

#include "compiler/codegen/emit_context.h"

namespace aie2sim::codegen {

void EmitConcatLayer(const LayerContext& context, isa::Layer* layer);

}  // namespace aie2sim::codegen
