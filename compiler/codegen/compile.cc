#include "compiler/codegen/compile.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "compiler/codegen/ddr_layout.h"
#include "compiler/codegen/concat_codegen.h"
#include "compiler/codegen/window_codegen.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/arch/config_hash.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::codegen {
namespace {

void SetShape(const ir::Shape& shape, google::protobuf::RepeatedField<uint64_t>* out) {
  for (int64_t extent : {shape.n, shape.h, shape.w, shape.c}) out->Add(static_cast<uint64_t>(extent));
}

// Bytes of a tiled layer's weights as stored in DDR: its pieces, one after another.
int64_t StoredWeightBytes(const tiling::WindowTiling& tiling) {
  int64_t bytes = 0;
  for (const auto& slice : tiling.pieces) {
    for (const tiling::WeightPiece& piece : slice) bytes += piece.weight_bytes;
  }
  return tiling.weighted ? bytes : 0;
}

}  // namespace

isa::Program CompileGraph(const ir::Graph& graph, const arch::HardwareConfig& config,
                          const CompileOptions& options) {
  isa::Program program;
  program.set_version(isa::kProgramVersion);
  program.set_config_hash(arch::ConfigHash(config));
  program.set_config_name(config.name);
  program.set_workload(graph.name);
  program.set_batch(static_cast<uint32_t>(graph.tensor(graph.inputs.front()).shape.n));
  *program.mutable_sparsity() = options.sparsity;

  // Pass 1: tiling of every window layer (Concat, pure data movement, tiles itself).
  std::vector<std::optional<tiling::WindowTiling>> tilings(graph.nodes.size());
  std::vector<int64_t> weight_bytes(graph.nodes.size(), 0);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (tiling::IsWindowLayer(node.op)) {
      tilings[i] = tiling::PlanWindowLayer(graph, node, config);
      weight_bytes[i] = StoredWeightBytes(*tilings[i]);
    } else if (node.op != ir::OpKind::kFlatten && node.op != ir::OpKind::kConcat) {
      throw UserError("layer " + node.name + ": op " + ir::OpName(node.op) +
                      " is not supported by the compiler");
    }
  }
  // Pass 2: DDR placement of every tensor and of the weights as the tiling stores them.
  const DdrLayout ddr = PlaceInDdr(graph, weight_bytes, config);

  // Pass 3: code generation, layer by layer; Flatten is a view and emits nothing.
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (node.op == ir::OpKind::kFlatten) continue;
    isa::Layer* layer = program.add_layers();
    layer->set_name(node.name);
    layer->set_op(ir::OpName(node.op));
    SetShape(graph.InputShape(node), layer->mutable_in_shape());
    SetShape(graph.OutputShape(node), layer->mutable_out_shape());
    const int64_t macs = ir::Macs(graph, node);
    const double density = node.sparsity.density;
    layer->set_macs(static_cast<uint64_t>(macs));
    layer->set_effective_macs(static_cast<uint64_t>(std::llround(macs * density)));
    layer->set_density(density);
    const LayerContext context{graph, node, config, ddr, static_cast<int>(i)};
    if (tilings[i]) {
      EmitWindowLayer(*tilings[i], context, layer);
    } else {
      EmitConcatLayer(context, layer);
    }
  }
  return program;
}

}  // namespace aie2sim::codegen
