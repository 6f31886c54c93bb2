// Per-output counting of the element-granularity methods (method_counts.h: dense, compressed,
// two_sided, snapea, proposal1, proposal2) for one Conv/Gemm.
//
// SnaPEA's exact mode, as we define its open details: per output channel the weights are split
// once into the positive ones (any order: their sum is only counted) and the negative ones,
// sorted by decreasing magnitude (equal magnitudes: the lower patch position first). An output
// starts at its bias, adds every positive weight's product, stops if the partial sum is negative
// (< 0: a sum of exactly 0 goes on), then adds the negative products one at a time and stops as
// soon as the partial sum is negative. Plain SnaPEA does not know which weights are zero: it
// multiplies the zero weights with the positive ones (we put them in that phase). A zero
// activation leaves the partial sum unchanged, so all three predicting methods stop at the same
// negative weight; Proposal 2 just does not count the products whose activation is 0.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/reduction/method_counts.h"

namespace aie2sim::reduction {

class ElementCounter {
 public:
  // weights: dense int8, `channels` rows of `row` values in patch order (a node's COUT x KH x
  // KW x CIN/groups weights, row = KH * KW * CIN/groups).
  ElementCounter(const std::vector<int8_t>& weights, int64_t channels, int64_t row);

  struct Outcome {
    int64_t accumulator = 0;  // bias + the whole dot product, exact
    bool stopped = false;     // the early stop fired (only with `predict`)
  };

  // Counts output channel `channel` over `patch` (row values in weight order, 0 for padding)
  // into `counts` and returns its accumulator. With `predict` false (the input may be negative,
  // or no ReLU follows) snapea, proposal1 and proposal2 count as dense, compressed and
  // two_sided: nothing can be predicted.
  Outcome Count(int64_t channel, const int8_t* patch, int64_t bias, bool predict,
                MethodCounts& counts) const;

 private:
  struct Channel {
    std::vector<int32_t> positive_at;  // patch positions of the positive weights
    std::vector<int8_t> positive;
    std::vector<int32_t> negative_at;  // of the negative weights, by decreasing magnitude
    std::vector<int8_t> negative;
  };
  int64_t row_;
  std::vector<Channel> channels_;
};

}  // namespace aie2sim::reduction
