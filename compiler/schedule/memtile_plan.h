// Memtile residency: which tensors stay on chip between layers, where, and what each layer has
// left for its own regions (PAPER.md §4.3); with it, the tiling of each window layer, chosen
// among the tiling pass's candidates (compiler/tiling/tiling_candidates.h): the one under the
// budget the residency leaves the layer.
//
// Every memtile's address space is shared, in the same way in every column, by the tensors kept
// resident and, above them, the running layer's own regions (weights and staging). Tensors are
// considered in the order they are produced; a tensor is kept resident when
//  - it is produced by a window layer or a Concat and read only by window layers (Conv, pools,
//    Add; not Gemm, which reads Flatten views, nor Concat), and is not a graph output;
//  - a free address range (first fit) holds it for its whole live range, with no overlap in
//    address with any other resident tensor alive at the same time (interval colouring); and
//  - every layer in its live range still tiles in what is left above the resident tensors, and
//    the weight traffic those layers gain (weights streamed in pieces, over more passes) is less
//    than the activation traffic the tensor saves (its write and one read per reader), each
//    layer's candidate alone in the memtile being the reference.
// Otherwise it lives in DDR, and `reason` says why. Each memtile holds, for every image and row,
// the columns its own cores produce and those the readers of that column need: the border
// columns (halos) come from the two neighbouring memtiles, copied after the producer ran (a
// tensor whose readers need columns from further away, or whose producer splits channels over
// column groups, stays in DDR).
// Postconditions: resident tensors alive at the same time never overlap in address; at every
// layer, resident bytes plus the layer's own regions fit the memtile; every reader of a resident
// tensor finds all the columns it reads in its own memtile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/schedule/schedule.h"
#include "compiler/tiling/range.h"
#include "compiler/tiling/tiling_candidates.h"
#include "compiler/tiling/window_tiling.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::schedule {

struct TensorPlacement {
  bool resident = false;
  uint64_t address = 0;              // the same in every memtile
  int64_t bytes = 0;                 // per memtile: the largest column's share
  std::vector<tiling::Range> columns;  // per mesh column: the tensor's columns that memtile holds
  LiveRange live;
  std::string reason;  // why it lives in DDR
};

struct LayerPlan {
  int node = -1;
  int64_t memtile_base = 0;  // where the layer's own regions start in every memtile
  tiling::MemtileBudget budget;
  std::optional<tiling::WindowTiling> tiling;  // window layers
};

struct MemtilePlan {
  std::vector<int> order;                // node indices in schedule order
  std::vector<TensorPlacement> tensors;  // by tensor index
  std::vector<LayerPlan> layers;         // in schedule order
};

// `keep_resident` false gives the DDR round trip of every tensor (Compiler I's behaviour).
// Preconditions: `schedule` orders every node of `graph`; `candidates` were made for the graph
// and config in that order.
MemtilePlan PlanMemtiles(const ir::Graph& graph, const arch::HardwareConfig& config,
                         bool keep_resident, const Schedule& schedule,
                         const tiling::TilingCandidates& candidates);

// Bytes one memtile holds of a tensor with columns `columns`: images x rows x columns x channels.
int64_t ResidentBytes(const ir::Shape& shape, const tiling::Range& columns);

}  // namespace aie2sim::schedule
