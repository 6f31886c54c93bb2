#include "compiler/sparsity/sparsity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/block_importance.h"
#include "compiler/sparsity/block_selection.h"
#include "compiler/sparsity/global_selection.h"
#include "compiler/sparsity/mask_file.h"
#include "compiler/sparsity/sparsity_spec.h"
#include "sim/base/error.h"

namespace aie2sim::sparsity {

namespace {

enum class Mode {
  kDense,     // nothing asked for: every layer dense
  kRatio,     // global ratio and/or spec, ranked by importance
  kExisting,  // the weights' own zero blocks
  kMaskFile,  // the user's masks
};

// Everything decided once for the whole graph.
struct Plan {
  Mode mode = Mode::kDense;
  Importance importance = Importance::kL2;
  BlockSize block;
  std::optional<SparsitySpec> spec;
  std::optional<MaskFile> masks;
  // --global: per prunable layer (by node name), the kept flag of every weight element.
  std::map<std::string, std::vector<uint8_t>> global_kept;
};

[[noreturn]] void NodeError(const ir::Node& node, const std::string& problem) {
  throw UserError("node " + node.name + " (" + ir::OpName(node.op) + "): " + problem);
}

bool EveryWeightedNodeHasWeights(const ir::Graph& graph) {
  for (const ir::Node& node : graph.nodes) {
    if (ir::HasWeights(node.op) && !node.weights) return false;
  }
  return true;
}

// The user asked for a weight measure: every layer it could apply to must carry weights.
void CheckWeightsPresent(const ir::Graph& graph, Importance importance) {
  for (const ir::Node& node : graph.nodes) {
    if (!ir::HasWeights(node.op) || node.weights) continue;
    if (IsDepthwise(WeightShapeOf(graph, node))) continue;
    NodeError(node, std::string("importance ") + ImportanceName(importance) +
                        " needs weights, and the workload has none for this layer "
                        "(use --importance random)");
  }
}

double LayerRatio(const Plan& plan, const SparsityOptions& options, const std::string& name) {
  if (plan.spec) {
    const auto entry = plan.spec->layers.find(name);
    if (entry != plan.spec->layers.end()) return entry->second;
    if (plan.spec->default_ratio) return *plan.spec->default_ratio;
  }
  return options.ratio;
}

// The importance score of every block of a ratio-mode layer.
std::vector<double> LayerScores(const ir::Node& node, const BlockGrid& grid, const Plan& plan,
                                const SparsityOptions& options) {
  if (plan.importance == Importance::kRandom) {
    return RandomScores(grid, LayerSeed(options.seed, node.name));
  }
  for (float w : node.weights->values) {
    if (!std::isfinite(w)) NodeError(node, "weights contain a NaN or infinite value");
  }
  return WeightScores(grid, plan.importance, node.weights->values);
}

// The kept flags of a ratio-mode layer: the least important llround(ratio x blocks) zeroed.
std::vector<uint8_t> RankedKept(const ir::Node& node, const BlockGrid& grid, const Plan& plan,
                                const SparsityOptions& options, double ratio) {
  const int64_t zero_count = std::llround(ratio * static_cast<double>(grid.blocks()));
  if (zero_count == 0) return std::vector<uint8_t>(grid.blocks(), 1);
  return SelectKept(grid, LayerScores(node, grid, plan, options), zero_count, options.keep_lines);
}

// A layer the ratio applies to: neither depthwise nor kept dense as the first layer.
bool Prunable(const ir::Graph& graph, const ir::Node& node, bool is_first,
              const SparsityOptions& options) {
  return !IsDepthwise(WeightShapeOf(graph, node)) && !(is_first && options.first_dense);
}

// --global: ranks the individual weights of every prunable layer together by magnitude and
// zeroes llround(ratio x all their weights), filling plan.global_kept.
void PlanGlobal(const ir::Graph& graph, const SparsityOptions& options, Plan& plan) {
  std::vector<const ir::Node*> layers;
  std::vector<std::vector<double>> magnitudes;
  int64_t elements = 0;
  bool is_first = true;
  for (const ir::Node& node : graph.nodes) {
    if (!ir::HasWeights(node.op)) continue;
    if (Prunable(graph, node, is_first, options)) {
      std::vector<double> magnitude;
      for (const float w : node.weights->values) {
        if (!std::isfinite(w)) NodeError(node, "weights contain a NaN or infinite value");
        magnitude.push_back(std::fabs(static_cast<double>(w)));
      }
      elements += static_cast<int64_t>(magnitude.size());
      layers.push_back(&node);
      magnitudes.push_back(std::move(magnitude));
    }
    is_first = false;
  }
  const int64_t zero_count = std::llround(options.ratio * static_cast<double>(elements));
  std::vector<std::vector<uint8_t>> kept = SelectKeptGlobally(magnitudes, zero_count);
  for (size_t i = 0; i < layers.size(); ++i) plan.global_kept[layers[i]->name] = std::move(kept[i]);
}

// The weights with the elements `kept` drops set to 0.
std::vector<float> KeptWeights(const std::vector<float>& values, const std::vector<uint8_t>& kept) {
  std::vector<float> result = values;
  for (size_t i = 0; i < result.size(); ++i) {
    if (!kept[i]) result[i] = 0.0f;
  }
  return result;
}

// Chooses one layer's mask without touching the graph; fills `layer`'s ratio and dense_reason.
ir::BlockMask ChooseMask(const ir::Graph& graph, const ir::Node& node, bool is_first,
                         const Plan& plan, const SparsityOptions& options, LayerSparsity& layer) {
  const WeightShape shape = WeightShapeOf(graph, node);
  const BlockGrid grid(shape, plan.block.h, plan.block.w);
  const ir::BlockMask dense = grid.MakeMask(std::vector<uint8_t>(grid.blocks(), 1));
  if (IsDepthwise(shape)) {
    layer.dense_reason = "depthwise";
    return dense;
  }
  if (plan.mode == Mode::kMaskFile) {
    const auto entry = plan.masks->masks.find(node.name);
    if (entry == plan.masks->masks.end()) {
      layer.dense_reason = "not in mask file";
      return dense;
    }
    return entry->second;
  }
  const bool named_in_spec = plan.spec && plan.spec->layers.count(node.name) > 0;
  if (is_first && options.first_dense && !named_in_spec) {
    layer.dense_reason = "first layer";
    return dense;
  }
  switch (plan.mode) {
    case Mode::kDense:
      return dense;
    case Mode::kExisting:
      return grid.MakeMask(NonZeroBlocks(grid, node.weights->values));
    case Mode::kRatio: {
      const auto global = plan.global_kept.find(node.name);
      if (global == plan.global_kept.end()) {
        layer.ratio = LayerRatio(plan, options, node.name);
        return grid.MakeMask(RankedKept(node, grid, plan, options, layer.ratio));
      }
      // The blocks left without a non-zero weight are dropped, as `existing` would.
      const std::vector<uint8_t>& kept = global->second;
      const auto zeroed = std::count(kept.begin(), kept.end(), uint8_t{0});
      layer.ratio = static_cast<double>(zeroed) / static_cast<double>(kept.size());
      return grid.MakeMask(NonZeroBlocks(grid, KeptWeights(node.weights->values, kept)));
    }
    case Mode::kMaskFile:
      break;
  }
  throw InternalError("ChooseMask: unhandled mode");
}

void ZeroMaskedWeights(const WeightShape& shape, const ir::BlockMask& mask,
                       std::vector<float>& values) {
  const BlockGrid grid = BlockGrid::OfMask(shape, mask);
  AIE2SIM_CHECK(static_cast<int64_t>(values.size()) == shape.elements(),
                "weights do not match the node's shape");
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      for (int64_t c = 0; c < grid.cols(); ++c) {
        if (mask.kept[grid.Index(g, r, c)]) continue;
        grid.ForEachElement(g, r, c, [&](int64_t index) { values[index] = 0.0f; });
      }
    }
  }
}

Plan MakePlan(const ir::Graph& graph, const SparsityOptions& options, SparsityRecord& record) {
  Plan plan;
  plan.block = BlockSize{options.block_h, options.block_w};
  if (!options.mask_path.empty()) {
    plan.mode = Mode::kMaskFile;
    plan.masks = LoadMaskFile(options.mask_path, graph);
    plan.block = plan.masks->block;
    record.importance = "mask-file";
    return plan;
  }
  if (!options.spec_path.empty()) plan.spec = LoadSparsitySpec(options.spec_path, graph);
  if (options.importance && NeedsWeights(*options.importance)) {
    CheckWeightsPresent(graph, *options.importance);
  }
  plan.importance = options.importance.value_or(
      EveryWeightedNodeHasWeights(graph) ? Importance::kL2 : Importance::kRandom);
  if (plan.importance == Importance::kExisting) {
    plan.mode = Mode::kExisting;
  } else if (options.ratio > 0 || plan.spec) {
    plan.mode = Mode::kRatio;
  }
  record.importance = plan.mode == Mode::kDense ? "dense" : ImportanceName(plan.importance);
  record.ratio = plan.spec && plan.spec->default_ratio ? *plan.spec->default_ratio : options.ratio;
  if (options.global && plan.mode == Mode::kRatio) {
    CheckWeightsPresent(graph, plan.importance);
    record.importance = "global-magnitude";
    PlanGlobal(graph, options, plan);
  }
  return plan;
}

}  // namespace

SparsityRecord ApplySparsity(ir::Graph& graph, const SparsityOptions& options) {
  ValidateOptions(options);
  SparsityRecord record;
  record.seed = options.seed;
  const Plan plan = MakePlan(graph, options, record);
  record.block = BlockSizeName(plan.block.h, plan.block.w);

  // Choose every mask first, so that an error leaves the graph untouched.
  std::vector<ir::BlockMask> masks;
  bool is_first = true;
  for (const ir::Node& node : graph.nodes) {
    if (!ir::HasWeights(node.op)) continue;
    LayerSparsity layer;
    layer.name = node.name;
    layer.op = ir::OpName(node.op);
    masks.push_back(ChooseMask(graph, node, is_first, plan, options, layer));
    record.layers.push_back(std::move(layer));
    is_first = false;
  }

  int64_t kept_elements = 0, dense_elements = 0;
  size_t next = 0;
  for (ir::Node& node : graph.nodes) {
    if (!ir::HasWeights(node.op)) continue;
    const WeightShape shape = WeightShapeOf(graph, node);
    LayerSparsity& layer = record.layers[next];
    node.mask = std::move(masks[next++]);
    if (node.mask.dense() && layer.dense_reason.empty()) layer.dense_reason = "no block zeroed";
    if (!node.mask.dense() && node.weights) {
      ZeroMaskedWeights(shape, node.mask, node.weights->values);
    }
    const auto global = plan.global_kept.find(node.name);
    if (global != plan.global_kept.end()) {
      node.weights->values = KeptWeights(node.weights->values, global->second);
    }
    node.sparsity = Summarize(shape, node.mask);
    layer.blocks_total = node.sparsity.blocks_total;
    layer.blocks_kept = node.sparsity.blocks_kept;
    layer.density = node.sparsity.density;
    layer.macs = ir::Macs(graph, node);
    layer.effective_macs = std::llround(static_cast<double>(layer.macs) * layer.density);
    kept_elements += KeptElements(shape, node.mask);
    dense_elements += shape.elements();
  }
  if ((plan.mode == Mode::kExisting || plan.mode == Mode::kMaskFile) && dense_elements > 0) {
    record.ratio =
        static_cast<double>(dense_elements - kept_elements) / static_cast<double>(dense_elements);
  }
  return record;
}

}  // namespace aie2sim::sparsity
