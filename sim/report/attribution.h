// Attribution of each layer's simulated-minus-analytic time to named causes, by telescoping.
//
// Inputs per layer: the paper's estimate A, the estimate with pipeline fill and drain F, and the
// simulated time with the realistic effects switched on one more at a time in a fixed order:
// S_0 (every effect off), S_1 (the first effect on), ..., S_K (all on: the simulation itself).
// Causes, in order:
//   fill_drain       F - A        what the paper's formula leaves out of a pipelined group
//   channels         S_0 - F      what remains with every effect off: waits on the DMA channels
//                                 the compiler shares (zero when every connection has its own)
//   effect k         S_k - S_(k-1)
// They add up to S_K - A exactly (up to floating-point rounding). Each effect's share is its
// marginal cost given the effects before it: the order matters when effects interact (e.g. a
// slower kernel hides a transfer overhead), and is stated with the result.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aie2sim::report {

struct AttributionInput {
  std::vector<double> analytic_s;    // A, per layer
  std::vector<double> fill_drain_s;  // F, per layer
  // The names of the effects added by S_1..S_K, in order (K names).
  std::vector<std::string> effects;
  // S_0..S_K, each per layer (K + 1 vectors).
  std::vector<std::vector<double>> simulated_s;
  // The name of S_0 - F: "channels", or "unattributed" when S_0 is the full simulation because
  // the effects were not simulated one by one.
  std::string residual = "channels";
};

struct LayerAttribution {
  std::vector<std::pair<std::string, double>> causes;  // in order, seconds (may be negative)
  double difference_s = 0;                             // S_K - A
  double residual_s = 0;  // difference_s minus the sum of the causes (rounding only)
  // The cause with the largest magnitude, or "none" when every cause is negligible (below
  // 1 ps and below 1e-9 of the layer's time).
  std::string dominant;
};

// Throws InternalError when the vectors disagree in size.
std::vector<LayerAttribution> Attribute(const AttributionInput& input);

}  // namespace aie2sim::report
