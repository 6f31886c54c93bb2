#include "compiler/reduction/element_counter.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::reduction {

ElementCounter::ElementCounter(const std::vector<int8_t>& weights, int64_t channels, int64_t row)
    : row_(row), channels_(static_cast<size_t>(channels)) {
  AIE2SIM_CHECK(static_cast<int64_t>(weights.size()) == channels * row,
                "weights do not match channels x row");
  for (int64_t co = 0; co < channels; ++co) {
    const int8_t* w = &weights[co * row];
    Channel& channel = channels_[co];
    std::vector<int32_t> negative;
    for (int64_t p = 0; p < row; ++p) {
      if (w[p] > 0) {
        channel.positive_at.push_back(static_cast<int32_t>(p));
        channel.positive.push_back(w[p]);
      } else if (w[p] < 0) {
        negative.push_back(static_cast<int32_t>(p));
      }
    }
    std::stable_sort(negative.begin(), negative.end(),
                     [&](int32_t a, int32_t b) { return w[a] < w[b]; });  // most negative first
    for (const int32_t p : negative) {
      channel.negative_at.push_back(p);
      channel.negative.push_back(w[p]);
    }
  }
}

ElementCounter::Outcome ElementCounter::Count(int64_t channel, const int8_t* patch, int64_t bias,
                                              bool predict, MethodCounts& counts) const {
  const Channel& c = channels_[channel];
  const int64_t positives = static_cast<int64_t>(c.positive.size());
  const int64_t negatives = static_cast<int64_t>(c.negative.size());
  Outcome outcome;
  int64_t acc = bias;
  int64_t live_positives = 0;  // positive weights whose activation is non-zero
  for (int64_t i = 0; i < positives; ++i) {
    const int32_t x = patch[c.positive_at[i]];
    acc += x * c.positive[i];
    live_positives += x != 0;
  }
  // Negative weights multiplied before the stop (all when it never fires) and how many of them
  // had a non-zero activation.
  int64_t taken = negatives, live_taken = -1;
  if (predict && acc < 0) {
    outcome.stopped = true;
    taken = 0;
    live_taken = 0;
  }
  int64_t live_negatives = 0;
  for (int64_t j = 0; j < negatives; ++j) {
    const int32_t x = patch[c.negative_at[j]];
    acc += x * c.negative[j];
    live_negatives += x != 0;
    if (predict && !outcome.stopped && acc < 0) {
      outcome.stopped = true;
      taken = j + 1;
      live_taken = live_negatives;
    }
  }
  if (live_taken < 0) live_taken = live_negatives;
  outcome.accumulator = acc;

  const int64_t nonzero = positives + negatives;
  counts.dense += row_;
  counts.compressed += nonzero;
  counts.two_sided += live_positives + live_negatives;
  counts.snapea += (row_ - negatives) + taken;
  counts.proposal1 += positives + taken;
  counts.proposal2 += live_positives + live_taken;
  return outcome;
}

}  // namespace aie2sim::reduction
