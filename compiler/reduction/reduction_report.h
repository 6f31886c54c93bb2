// Issue 23's outputs from a NetworkReduction: the report's `reduction` section
// (sim/report/report.schema.json), the CSV table and the console table. Counts are means per
// input image (the batch's sums over `images`).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/reduction/comp_whatif.h"
#include "compiler/reduction/network_reduction.h"

namespace aie2sim::reduction {

// What the counts were measured on, stated beside them.
struct ReductionContext {
  int64_t images = 1;
  std::string weights;     // where the weights came from
  bool untrained = false;  // synthetic (random) weights: counts of an untrained network
  std::string input;       // the input's source
};

// The seed paper's totals (LeNet and AlexNet, over all layers): Proposal 2 needed 5.26x fewer
// multiplications than plain convolution, 1.23x fewer than compressed and 2.52x fewer than SnaPEA.
inline constexpr double kSeedDenseOverProposal2 = 5.26;
inline constexpr double kSeedCompressedOverProposal2 = 1.23;
inline constexpr double kSeedSnapeaOverProposal2 = 2.52;

nlohmann::ordered_json ReductionJson(const NetworkReduction& network,
                                     const ReductionContext& context, const CompWhatIf& what_if);

// One row per layer, then a row named "total"; the JSON's per-layer names as columns.
std::string ReductionCsv(const NetworkReduction& network, const ReductionContext& context);

// The per-layer table, the totals, Proposal 2's ratios beside the seed's and the what-if.
std::string ReductionTable(const NetworkReduction& network, const ReductionContext& context,
                           const CompWhatIf& what_if);

}  // namespace aie2sim::reduction
