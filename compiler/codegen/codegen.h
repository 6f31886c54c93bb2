// Code generation for window layers: turns a WindowTiling into one Program layer of groups of
// per-engine instruction streams (PAPER.md §4.5).
//
// Per image and pass: a LOAD group (shim -> memtile: the pass's input rows, and on the first
// pass the weights), on the first pass a WEIGHTS group (memtile -> cores, each row's weights
// broadcast along the row), the block groups (head / body / tail: LOADFM broadcast down each
// column, COMP, WRITEFM, with ping/pong lock pairs on every core), and a STORE group (memtile ->
// DDR over two shim channels). Postconditions: the layer passes isa::ValidateProgram for this
// config; the compute instructions' MACs add up to the layer's MACs.
#pragma once

#include <cstdint>

#include "compiler/codegen/ddr_layout.h"
#include "compiler/ir/graph.h"
#include "compiler/tiling/conv_tiling.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

struct LayerContext {
  const ir::Graph& graph;
  const ir::Node& node;
  const arch::HardwareConfig& config;
  const DdrLayout& ddr;
  int node_index = 0;
};

void EmitWindowLayer(const tiling::WindowTiling& tiling, const LayerContext& context,
                     isa::Layer* layer);

}  // namespace aie2sim::codegen
