#include "sim/report/attribution.h"

#include <algorithm>
#include <cmath>

#include "sim/base/error.h"

namespace aie2sim::report {

std::vector<LayerAttribution> Attribute(const AttributionInput& input) {
  const size_t layers = input.analytic_s.size();
  AIE2SIM_CHECK(input.fill_drain_s.size() == layers, "attribution: fill/drain per layer");
  AIE2SIM_CHECK(input.simulated_s.size() == input.effects.size() + 1,
                "attribution: one simulation per effect prefix");
  for (const std::vector<double>& simulated : input.simulated_s) {
    AIE2SIM_CHECK(simulated.size() == layers, "attribution: simulated time per layer");
  }
  std::vector<LayerAttribution> result(layers);
  for (size_t i = 0; i < layers; ++i) {
    LayerAttribution& layer = result[i];
    const double analytic = input.analytic_s[i];
    const double fill_drain = input.fill_drain_s[i];
    layer.causes.emplace_back("fill_drain", fill_drain - analytic);
    layer.causes.emplace_back(input.residual, input.simulated_s[0][i] - fill_drain);
    for (size_t k = 0; k < input.effects.size(); ++k) {
      layer.causes.emplace_back(input.effects[k],
                                input.simulated_s[k + 1][i] - input.simulated_s[k][i]);
    }
    const double simulated = input.simulated_s.back()[i];
    layer.difference_s = simulated - analytic;
    double sum = 0;
    const std::pair<std::string, double>* largest = nullptr;
    for (const auto& cause : layer.causes) {
      sum += cause.second;
      if (largest == nullptr || std::fabs(cause.second) > std::fabs(largest->second)) {
        largest = &cause;
      }
    }
    layer.residual_s = layer.difference_s - sum;
    const double negligible = std::max(1e-12, 1e-9 * std::max(std::fabs(analytic), simulated));
    layer.dominant =
        largest != nullptr && std::fabs(largest->second) > negligible ? largest->first : "none";
  }
  return result;
}

}  // namespace aie2sim::report
