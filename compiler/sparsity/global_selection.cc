#include "compiler/sparsity/global_selection.h"

#include <algorithm>
#include <cmath>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

std::vector<std::vector<uint8_t>> SelectKeptGlobally(const std::vector<std::vector<double>>& scores,
                                                     int64_t zero_count) {
  std::vector<double> all;
  for (const std::vector<double>& layer : scores) {
    for (const double score : layer) {
      AIE2SIM_CHECK(!std::isnan(score), "a block score is NaN");
      all.push_back(score);
    }
  }
  AIE2SIM_CHECK(zero_count >= 0 && zero_count <= static_cast<int64_t>(all.size()),
                "zero_count out of range");
  std::vector<std::vector<uint8_t>> kept;
  for (const std::vector<double>& layer : scores) kept.emplace_back(layer.size(), 1);
  if (zero_count == 0) return kept;

  // The zero_count-th smallest score is the threshold: every block below it is zeroed, and the
  // rest of the count comes from the blocks equal to it, in (layer, block) order.
  std::nth_element(all.begin(), all.begin() + (zero_count - 1), all.end());
  const double threshold = all[zero_count - 1];
  int64_t below = 0;
  for (const std::vector<double>& layer : scores) {
    below += std::count_if(layer.begin(), layer.end(), [&](double s) { return s < threshold; });
  }
  int64_t ties_to_zero = zero_count - below;
  for (size_t l = 0; l < scores.size(); ++l) {
    for (size_t b = 0; b < scores[l].size(); ++b) {
      const double score = scores[l][b];
      if (score < threshold) {
        kept[l][b] = 0;
      } else if (score == threshold && ties_to_zero > 0) {
        kept[l][b] = 0;
        --ties_to_zero;
      }
    }
  }
  return kept;
}

}  // namespace aie2sim::sparsity
