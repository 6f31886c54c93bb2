#include "compiler/schedule/memtile_plan.h"

#include <algorithm>
#include <map>

#include "sim/arch/target_model.h"
#include "sim/base/error.h"

namespace aie2sim::schedule {
namespace {

using tiling::Range;


bool Overlap(const LiveRange& a, const LiveRange& b) {
  return a.first <= b.last && b.first <= a.last;
}

Range Union(const Range& a, const Range& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Range{std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

class Planner {
 public:
  Planner(const ir::Graph& graph, const arch::HardwareConfig& config,
          const tiling::TilingCandidates& candidates)
      : graph_(graph),
        config_(config),
        capacity_(static_cast<int64_t>(config.memtile.memory_bytes)),
        alignment_(arch::FactsOf(config, arch::TileKind::kMemtile).region_alignment_bytes),
        candidates_(candidates) {}

  MemtilePlan Plan(bool keep_resident, const Schedule& schedule) {
    plan_.order = schedule.order;
    const std::vector<LiveRange>& ranges = schedule.live;
    plan_.tensors.assign(graph_.tensors.size(), TensorPlacement{});
    readers_.assign(graph_.tensors.size(), {});
    for (size_t t = 0; t < graph_.tensors.size(); ++t) plan_.tensors[t].live = ranges[t];
    for (int node : plan_.order) {
      for (int input : graph_.nodes[node].inputs) readers_[input].push_back(node);
    }
    for (int node : plan_.order) {
      const int tensor = graph_.nodes[node].output;
      TensorPlacement& placement = plan_.tensors[tensor];
      placement.reason = keep_resident ? Candidate(node, tensor) : "residency disabled";
      if (placement.reason.empty()) Place(node, tensor);
    }
    for (int input : graph_.inputs) plan_.tensors[input].reason = "graph input (starts in DDR)";
    for (int position = 0; position < static_cast<int>(plan_.order.size()); ++position) {
      LayerPlan layer = Budget(position);
      if (tiling::IsWindowLayer(graph_.nodes[layer.node].op)) {
        layer.tiling = candidates_.Under(layer.node, layer.budget);
      }
      plan_.layers.push_back(std::move(layer));
    }
    return std::move(plan_);
  }

 private:
  // "" when the tensor may stay resident, else why it lives in DDR.
  std::string Candidate(int producer, int tensor) const {
    const ir::Node& node = graph_.nodes[producer];
    if (std::find(graph_.outputs.begin(), graph_.outputs.end(), tensor) != graph_.outputs.end()) {
      return "graph output (results land in DDR)";
    }
    const bool window = tiling::IsWindowLayer(node.op) && node.op != ir::OpKind::kGemm;
    if (!window && node.op != ir::OpKind::kConcat) {
      return std::string("produced by ") + ir::OpName(node.op);
    }
    if (readers_[tensor].empty()) return "not read";
    for (int reader : readers_[tensor]) {
      const ir::OpKind op = graph_.nodes[reader].op;
      if (!tiling::IsWindowLayer(op) || op == ir::OpKind::kGemm) {
        return std::string("read by ") + ir::OpName(op) + " " + graph_.nodes[reader].name;
      }
    }
    return "";
  }

  // The columns of `tensor` each memtile must hold: what its readers read there (halos
  // included) and, for a window producer, the columns its own cores write. Empty with `why` set
  // when the readers' columns cannot come from the memtile itself and its two neighbours.
  std::vector<Range> ColumnsHeld(int producer, int tensor, std::string* why) const {
    const size_t count = config_.array.columns;
    std::vector<Range> held(count);
    for (int reader : readers_[tensor]) {
      const tiling::WindowTiling& tiling = *candidates_.Alone(reader);
      for (size_t j = 0; j < count; ++j) {
        if (!tiling.columns[j].active()) continue;
        held[j] = Union(held[j], tiling.parts[tiling.columns[j].part].span.in_cols);
      }
    }
    if (!candidates_.Alone(producer)) return held;  // a Concat loads any columns from DDR
    const tiling::WindowTiling& source = *candidates_.Alone(producer);
    if (source.cout_groups > 1) {
      *why = "its producer splits channels over column groups";
      return {};
    }
    std::vector<Range> own(count);
    for (size_t j = 0; j < count; ++j) {
      if (source.columns[j].active()) own[j] = source.parts[source.columns[j].part].span.out_cols;
    }
    for (size_t j = 0; j < count; ++j) {
      if (!held[j].empty()) {
        // Border columns come from the neighbours after the producer (a HALO group).
        const Range& left = j > 0 && !own[j - 1].empty() ? own[j - 1] : own[j];
        const Range& right = j + 1 < count && !own[j + 1].empty() ? own[j + 1] : own[j];
        if (own[j].empty() || held[j].begin < left.begin || held[j].end > right.end) {
          *why = "readers need columns beyond the neighbouring memtiles";
          return {};
        }
      }
      held[j] = Union(held[j], own[j]);  // the producer's cores write their own columns here
    }
    return held;
  }

  // The end of the resident tensors alive at `position` (where the layer's regions start).
  int64_t TopAt(int position) const {
    uint64_t top = 0;
    for (const TensorPlacement& placement : plan_.tensors) {
      if (placement.resident && placement.live.first <= position && position <= placement.live.last) {
        top = std::max(top, placement.address + static_cast<uint64_t>(placement.bytes));
      }
    }
    return static_cast<int64_t>(arch::AlignUp(top, alignment_));
  }

  LayerPlan Budget(int position) const {
    LayerPlan layer;
    layer.node = plan_.order[position];
    const ir::Node& node = graph_.nodes[layer.node];
    layer.memtile_base = TopAt(position);
    layer.budget.capacity = capacity_ - layer.memtile_base;
    for (int input : node.inputs) layer.budget.input_resident.push_back(plan_.tensors[input].resident);
    layer.budget.output_resident = plan_.tensors[node.output].resident;
    return layer;
  }

  // DDR bytes of weights a tiled layer reads: once when they stay resident, else every piece
  // for every image and pass.
  static int64_t WeightTraffic(const tiling::WindowTiling& tiling) {
    if (!tiling.weighted) return 0;
    int64_t bytes = 0;
    for (const auto& slice : tiling.pieces) {
      for (const tiling::WeightPiece& piece : slice) bytes += piece.weight_bytes;
    }
    if (tiling.weights_resident) return bytes;
    return bytes * tiling.in.n * static_cast<int64_t>(tiling.passes.size());
  }

  // True when the layer at `position` still tiles with its budget; adds to `extra_weight_bytes`
  // the weight traffic it gains against tiling alone. `why` names the problem otherwise.
  bool LayerFits(int position, std::string* why, int64_t* extra_weight_bytes) const {
    const LayerPlan layer = Budget(position);
    const ir::Node& node = graph_.nodes[layer.node];
    if (layer.budget.capacity <= 0) {
      *why = "layer " + node.name + " would have no memtile space left";
      return false;
    }
    if (!tiling::IsWindowLayer(node.op)) {
      // A Concat stages one row of a column in what is left unless its output is resident.
      const ir::Shape& out = graph_.OutputShape(node);
      const int64_t row = (out.w + config_.array.columns - 1) / config_.array.columns * out.c;
      if (!layer.budget.output_resident && layer.budget.capacity < row) {
        *why = "layer " + node.name + " could not stage one row";
        return false;
      }
      return true;
    }
    try {
      const tiling::WindowTiling tiling = candidates_.Under(layer.node, layer.budget);
      *extra_weight_bytes += WeightTraffic(tiling) - WeightTraffic(*candidates_.Alone(layer.node));
    } catch (const UserError&) {
      *why = "layer " + node.name + " would not fit what is left";
      return false;
    }
    return true;
  }

  void Place(int producer, int tensor) {
    TensorPlacement& placement = plan_.tensors[tensor];
    placement.columns = ColumnsHeld(producer, tensor, &placement.reason);
    if (placement.columns.empty()) return;
    const ir::Shape& shape = graph_.tensor(tensor).shape;
    for (const Range& columns : placement.columns) {
      placement.bytes = std::max(placement.bytes, ResidentBytes(shape, columns));
    }
    if (placement.bytes == 0) {
      placement.reason = "no reader needs it in a memtile";
      return;
    }
    // Candidate addresses: 0 and the end of every resident tensor alive at the same time.
    std::vector<std::pair<uint64_t, uint64_t>> taken;
    std::vector<uint64_t> candidates = {0};
    for (const TensorPlacement& other : plan_.tensors) {
      if (!other.resident || !Overlap(other.live, placement.live)) continue;
      const uint64_t end = other.address + static_cast<uint64_t>(other.bytes);
      taken.push_back({other.address, end});
      candidates.push_back(arch::AlignUp(end, alignment_));
    }
    std::sort(candidates.begin(), candidates.end());
    std::string why = "does not fit beside the tensors alive with it";
    for (uint64_t address : candidates) {
      const uint64_t end = address + static_cast<uint64_t>(placement.bytes);
      if (end > static_cast<uint64_t>(capacity_)) break;
      bool free = true;
      for (const auto& [begin, finish] : taken) free = free && (end <= begin || finish <= address);
      if (!free) continue;
      placement.resident = true;
      placement.address = address;
      bool fits = true;
      int64_t extra_weight_bytes = 0;
      for (int position = std::max(placement.live.first, 0);
           fits && position <= placement.live.last && position < static_cast<int>(plan_.order.size());
           ++position) {
        fits = LayerFits(position, &why, &extra_weight_bytes);
      }
      // Keeping the tensor saves its DDR write and one read per reader; it must not cost more
      // weight traffic than that.
      const int64_t saved = shape.elements() * (1 + static_cast<int64_t>(readers_[tensor].size()));
      if (fits && extra_weight_bytes >= saved) {
        fits = false;
        why = "its layers would stream " + std::to_string(extra_weight_bytes) +
              " B more weights than the " + std::to_string(saved) + " B it saves";
      }
      if (fits) {
        placement.reason.clear();
        return;
      }
      placement.resident = false;
    }
    placement.reason = why + " (" + std::to_string(placement.bytes) + " B per memtile)";
  }

  const ir::Graph& graph_;
  const arch::HardwareConfig& config_;
  int64_t capacity_;
  uint64_t alignment_;  // of memtile regions
  const tiling::TilingCandidates& candidates_;
  MemtilePlan plan_;
  std::vector<std::vector<int>> readers_;
};

}  // namespace

int64_t ResidentBytes(const ir::Shape& shape, const tiling::Range& columns) {
  return columns.empty() ? 0 : shape.n * shape.h * columns.size() * shape.c;
}

MemtilePlan PlanMemtiles(const ir::Graph& graph, const arch::HardwareConfig& config,
                         bool keep_resident, const Schedule& schedule,
                         const tiling::TilingCandidates& candidates) {
  return Planner(graph, config, candidates).Plan(keep_resident, schedule);
}

}  // namespace aie2sim::schedule
