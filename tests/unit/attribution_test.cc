// The attribution bookkeeping (sim/report/attribution.h): causes telescope to simulated minus
// analytic on every layer, in order, and the dominant cause is the largest in magnitude.
#include "sim/report/attribution.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/base/error.h"

namespace aie2sim::report {
namespace {

TEST(Attribution, CausesTelescopeToTheDifference) {
  AttributionInput input;
  input.analytic_s = {10, 5};
  input.fill_drain_s = {11, 5};
  input.effects = {"lock_handshake", "kernel_efficiency"};
  input.simulated_s = {{11.5, 4.5}, {12, 4.5}, {16, 7.5}};
  const std::vector<LayerAttribution> layers = Attribute(input);
  ASSERT_EQ(layers.size(), 2u);
  const LayerAttribution& first = layers[0];
  ASSERT_EQ(first.causes.size(), 4u);
  EXPECT_EQ(first.causes[0].first, "fill_drain");
  EXPECT_DOUBLE_EQ(first.causes[0].second, 1);
  EXPECT_EQ(first.causes[1].first, "channels");
  EXPECT_DOUBLE_EQ(first.causes[1].second, 0.5);
  EXPECT_EQ(first.causes[2].first, "lock_handshake");
  EXPECT_DOUBLE_EQ(first.causes[2].second, 0.5);
  EXPECT_EQ(first.causes[3].first, "kernel_efficiency");
  EXPECT_DOUBLE_EQ(first.causes[3].second, 4);
  EXPECT_DOUBLE_EQ(first.difference_s, 6);
  EXPECT_DOUBLE_EQ(first.residual_s, 0);
  EXPECT_EQ(first.dominant, "kernel_efficiency");
  // A negative cause (the estimate overcharges shared channels) can dominate by magnitude.
  const LayerAttribution& second = layers[1];
  EXPECT_DOUBLE_EQ(second.causes[1].second, -0.5);
  EXPECT_DOUBLE_EQ(second.difference_s, 2.5);
  EXPECT_EQ(second.dominant, "kernel_efficiency");
}

TEST(Attribution, SumsHoldOnArbitraryFigures) {
  AttributionInput input;
  input.effects = {"a", "b", "c"};
  input.simulated_s.resize(4);
  for (int i = 0; i < 50; ++i) {
    const double analytic = 1e-6 * (1 + i);
    input.analytic_s.push_back(analytic);
    input.fill_drain_s.push_back(analytic * (1 + 0.01 * (i % 7)));
    for (int k = 0; k < 4; ++k) {
      input.simulated_s[k].push_back(analytic * (1.02 + 0.1 * k + 0.003 * ((i * (k + 3)) % 11)));
    }
  }
  for (const LayerAttribution& layer : Attribute(input)) {
    double sum = 0;
    for (const auto& cause : layer.causes) sum += cause.second;
    EXPECT_NEAR(sum, layer.difference_s, 1e-12 * std::fabs(layer.difference_s));
    EXPECT_LE(std::fabs(layer.residual_s), 1e-20);
  }
}

TEST(Attribution, NoCauseWhenEverythingAgrees) {
  AttributionInput input;
  input.analytic_s = {2e-6};
  input.fill_drain_s = {2e-6};
  input.simulated_s = {{2e-6 + 2e-13}};  // sub-picosecond rounding of the simulation
  const std::vector<LayerAttribution> layers = Attribute(input);
  EXPECT_EQ(layers[0].dominant, "none");
  ASSERT_EQ(layers[0].causes.size(), 2u);
}

TEST(Attribution, UnattributedResidual) {
  AttributionInput input;
  input.analytic_s = {1};
  input.fill_drain_s = {1.5};
  input.simulated_s = {{3}};
  input.residual = "unattributed";
  const std::vector<LayerAttribution> layers = Attribute(input);
  EXPECT_EQ(layers[0].causes[1].first, "unattributed");
  EXPECT_EQ(layers[0].dominant, "unattributed");
}

TEST(Attribution, MismatchedInputIsAnInternalError) {
  AttributionInput input;
  input.analytic_s = {1, 2};
  input.fill_drain_s = {1};
  input.simulated_s = {{1, 2}};
  EXPECT_THROW(Attribute(input), InternalError);
  input.fill_drain_s = {1, 2};
  input.effects = {"a"};
  EXPECT_THROW(Attribute(input), InternalError);
}

}  // namespace
}  // namespace aie2sim::report
