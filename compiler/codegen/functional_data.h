// What a program compiled for functional mode carries besides its instructions
// (program.proto, FunctionalData and LayerData): the initial DDR image (network input and
// every weight piece in the tiler's DDR order, encoded as compaction.h's EncodeWeightPiece), each
// layer's quantisation and geometry, where its output lies once it has run, and the reference's
// output to compare with. The program is then a self-contained test vector for the simulator.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/codegen/ddr_layout.h"
#include "compiler/ir/graph.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/schedule/memtile_plan.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

// The quantised network, its input and the reference's int8 value of every tensor
// (compiler/reference), all for the graph being compiled.
struct FunctionalInputs {
  const reference::NetworkInput* input = nullptr;
  const reference::QuantizedNetwork* network = nullptr;
  const std::vector<std::vector<int8_t>>* tensors = nullptr;  // by tensor index
};

// Program-level data: DDR size and the network input at its tensors' addresses.
void AttachProgramData(const ir::Graph& graph, const DdrLayout& ddr,
                       const FunctionalInputs& functional, isa::FunctionalData* data);

// A layer's LayerData; `tiling` is null for a Concat.
void AttachLayerData(const ir::Graph& graph, const ir::Node& node, int node_index,
                     const tiling::WindowTiling* tiling, const schedule::MemtilePlan& plan,
                     const DdrLayout& ddr, const FunctionalInputs& functional, isa::Layer* layer);

// The bytes of weight piece `piece` of `node` as stored in DDR: its input-channel pieces'
// encodings, one after another; their sizes are the tiler's cin_bytes.
std::vector<int8_t> WeightPieceBytes(const ir::Graph& graph, const ir::Node& node,
                                     const tiling::WindowTiling& tiling,
                                     const tiling::WeightPiece& piece,
                                     const std::vector<int8_t>& dense);

}  // namespace aie2sim::codegen
