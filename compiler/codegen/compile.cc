#include "compiler/codegen/compile.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "compiler/codegen/concat_codegen.h"
#include "compiler/codegen/ddr_layout.h"
#include "compiler/codegen/window_codegen.h"
#include "sim/arch/config_hash.h"
#include "sim/isa/program_io.h"

namespace aie2sim::codegen {
namespace {

void SetShape(const ir::Shape& shape, google::protobuf::RepeatedField<uint64_t>* out) {
  for (int64_t extent : {shape.n, shape.h, shape.w, shape.c})
    out->Add(static_cast<uint64_t>(extent));
}

// Bytes of a tiled layer's weights as stored in DDR: its pieces, one after another.
int64_t StoredWeightBytes(const tiling::WindowTiling& tiling) {
  int64_t bytes = 0;
  for (const auto& slice : tiling.pieces) {
    for (const tiling::WeightPiece& piece : slice) bytes += piece.weight_bytes;
  }
  return tiling.weighted ? bytes : 0;
}

// Records in the layer what the memtiles hold for it and which of its tensors live in DDR.
void AnnotateMemtile(const ir::Graph& graph, const ir::Node& node,
                     const schedule::MemtilePlan& plan, const schedule::LayerPlan& layer_plan,
                     isa::Layer* layer) {
  int64_t own = 0;
  if (layer_plan.tiling) {
    own = layer_plan.tiling->memtile_bytes;
  } else if (!plan.tensors[node.output].resident) {
    own = layer_plan.budget.capacity;  // a Concat stages as many rows as fit
  }
  layer->set_memtile_peak_bytes(static_cast<uint64_t>(layer_plan.memtile_base + own));
  auto note = [&](const std::string& role, int tensor) {
    const schedule::TensorPlacement& placement = plan.tensors[tensor];
    if (placement.resident) return;
    layer->add_spills(role + " " + graph.tensor(tensor).name + " in DDR: " + placement.reason);
  };
  for (size_t i = 0; i < node.inputs.size(); ++i) note("input", node.inputs[i]);
  note("output", node.output);
}

}  // namespace

DdrLayout PlaceProgramInDdr(const ir::Graph& graph, const schedule::MemtilePlan& plan,
                            const arch::HardwareConfig& config) {
  std::vector<int64_t> weight_bytes(graph.nodes.size(), 0);
  for (const schedule::LayerPlan& layer : plan.layers) {
    if (layer.tiling) weight_bytes[layer.node] = StoredWeightBytes(*layer.tiling);
  }
  return PlaceInDdr(graph, weight_bytes, config);
}

isa::Program EmitProgram(const ir::Graph& graph, const arch::HardwareConfig& config,
                         const schedule::MemtilePlan& plan, const CompileOptions& options) {
  isa::Program program;
  program.set_version(isa::kProgramVersion);
  program.set_config_hash(arch::ConfigHash(config));
  program.set_config_name(config.name);
  program.set_workload(graph.name);
  program.set_batch(static_cast<uint32_t>(graph.tensor(graph.inputs.front()).shape.n));
  *program.mutable_sparsity() = options.sparsity;

  const DdrLayout ddr = PlaceProgramInDdr(graph, plan, config);
  isa::FunctionalData* ddr_image = nullptr;
  if (options.functional != nullptr) {
    ddr_image = program.mutable_functional();
    AttachProgramData(graph, ddr, *options.functional, ddr_image);
  }

  // Code generation in schedule order; Flatten is a view and emits nothing.
  for (const schedule::LayerPlan& layer_plan : plan.layers) {
    const ir::Node& node = graph.nodes[layer_plan.node];
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
    AnnotateMemtile(graph, node, plan, layer_plan, layer);
    const LayerContext context{
        graph, node, config, ddr, plan, layer_plan, layer_plan.node, options.functional, ddr_image};
    if (options.functional != nullptr) {
      AttachLayerData(graph, node, layer_plan.node,
                      layer_plan.tiling ? &*layer_plan.tiling : nullptr, plan, ddr,
                      *options.functional, layer);
    }
    if (layer_plan.tiling) {
      EmitWindowLayer(*layer_plan.tiling, context, layer);
    } else {
      EmitConcatLayer(context, layer);
    }
  }
  return program;
}

}  // namespace aie2sim::codegen
