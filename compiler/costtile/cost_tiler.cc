#include "compiler/costtile/cost_tiler.h"

#include <sstream>
#include <tuple>

#include <google/protobuf/arena.h>

#include "compiler/codegen/compile.h"
#include "compiler/codegen/window_codegen.h"
#include "compiler/costtile/core_layouts.h"
#include "sim/analytic/estimator.h"
#include "sim/base/error.h"

namespace aie2sim::costtile {
namespace {

// What decides a tiling's code apart from buffer addresses.
auto Shape(const tiling::WindowTiling& t) {
  return std::make_tuple(t.piece_count, t.cout_piece, t.cin_pieces.size(), t.sub_cols, t.block_rows,
                         t.passes.size(), t.weights_resident, t.row_batch,
                         t.weighted && t.layout.spread_weights);
}

// The candidate's layer is written on an arena: pricing allocates and drops many small messages.
Cycles Price(const tiling::WindowTiling& tiling, const codegen::LayerContext& context) {
  google::protobuf::Arena arena;
  isa::Layer* layer = google::protobuf::Arena::Create<isa::Layer>(&arena);
  layer->set_name(context.node.name);
  codegen::EmitWindowLayer(tiling, context, layer);
  analytic::EstimateOptions options;
  options.fill_drain = true;
  return analytic::EstimateLayer(*layer, context.config, options).total;
}

}  // namespace

std::vector<LayerChoice> ChooseTilings(const ir::Graph& graph, const arch::HardwareConfig& config,
                                       schedule::MemtilePlan* plan) {
  // Addresses do not enter a price: the fixed tilings' DDR placement serves every candidate.
  const codegen::DdrLayout ddr = codegen::PlaceProgramInDdr(graph, *plan, config);
  std::vector<LayerChoice> choices;
  for (schedule::LayerPlan& layer_plan : plan->layers) {
    if (!layer_plan.tiling) continue;
    const ir::Node& node = graph.nodes[layer_plan.node];
    const codegen::LayerContext context{graph, node,       config,         ddr,
                                        *plan, layer_plan, layer_plan.node};
    const std::vector<tiling::CoreLayout> layouts = CoreLayouts(node, config);
    LayerChoice choice;
    choice.node = layer_plan.node;
    std::vector<std::pair<decltype(Shape(*layer_plan.tiling)), Cycles>> seen;
    tiling::WindowTiling best;
    for (size_t i = 0; i < layouts.size(); ++i) {
      tiling::WindowTiling candidate;
      try {
        candidate = tiling::PlanWindowLayer(graph, node, config, layer_plan.budget, layouts[i]);
      } catch (const UserError&) {
        if (i == 0) throw;  // the fixed layout must fit (the memory plan was made with it)
        continue;           // this split leaves no subvolume that fits
      }
      const auto shape = Shape(candidate);
      bool duplicate = false;
      for (const auto& [other, price] : seen) duplicate = duplicate || other == shape;
      if (duplicate) continue;
      Cycles price;
      try {
        price = Price(candidate, context);
      } catch (const UserError&) {
        if (i == 0) throw;  // the fixed layout's own failure is the user's to see
        continue;           // e.g. more buffer descriptors than the config has
      }
      seen.emplace_back(shape, price);
      if (i == 0) choice.fixed_price = price;
      if (i == 0 || price < choice.price) {
        choice.candidate = i;
        choice.price = price;
        best = std::move(candidate);
      }
    }
    choice.priced = seen.size();
    layer_plan.tiling = std::move(best);
    choices.push_back(choice);
  }
  return choices;
}

std::string DumpChoices(const ir::Graph& graph, const std::vector<LayerChoice>& choices) {
  std::ostringstream out;
  out << "layer: chosen candidate of those priced, its estimate vs the fixed layout's (cycles)\n";
  for (const LayerChoice& choice : choices) {
    out << graph.nodes[choice.node].name << ": candidate " << choice.candidate << " of "
        << choice.priced << ", " << choice.price.count() << " vs " << choice.fixed_price.count()
        << "\n";
  }
  return out.str();
}

}  // namespace aie2sim::costtile
