// The correlation statistics of `aie2sim validate` (sim/silicon/correlation.h): status against
// the tolerance, held-out MAPE, geometric mean and worst point, and the baseline comparison.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/base/error.h"
#include "sim/silicon/correlation.h"

namespace aie2sim::silicon {
namespace {

PointResult Point(const std::string& id, Role role, double measured,
                  std::optional<double> simulated) {
  PointResult point;
  point.id = id;
  point.role = role;
  point.measured = measured;
  point.simulated = simulated;
  point.unit = "us";
  point.tolerance = {measured * 0.75, measured * 1.25, "host +-25%"};
  point.status = simulated ? StatusOf(point.tolerance, *simulated) : Status::kPendingDesign;
  return point;
}

TEST(Correlation, StatusIsInsideTheBandInclusive) {
  const Tolerance band{75, 125, "host +-25%"};
  EXPECT_EQ(StatusOf(band, 75), Status::kPass);
  EXPECT_EQ(StatusOf(band, 125), Status::kPass);
  EXPECT_EQ(StatusOf(band, 74.9), Status::kFail);
  EXPECT_EQ(StatusOf(band, 125.1), Status::kFail);
}

TEST(Correlation, HeldOutStatisticsCoverHeldOutPointsWithAValueOnly) {
  const std::vector<PointResult> points = {
      Point("cal", Role::kCalibration, 100, 300),    // excluded: a calibration point
      Point("a", Role::kHeldOut, 100, 110),          // +10%
      Point("b", Role::kHeldOut, 200, 100),          // -50%: ratio 0.5
      Point("c", Role::kHeldOut, 50, std::nullopt),  // pending: excluded
  };
  const HeldOutSummary summary = SummarizeHeldOut(points);
  EXPECT_EQ(summary.count, 2u);
  EXPECT_NEAR(summary.mape, 30, 1e-9);
  EXPECT_NEAR(summary.geomean_ratio, std::sqrt(1.1 * 0.5), 1e-12);
  EXPECT_EQ(summary.worst_id, "b");
  EXPECT_NEAR(summary.worst_ratio, 0.5, 1e-12);

  const auto json = ValidateJson("tests/silicon", points, summary, {});
  EXPECT_EQ(json["points"][3]["status"], "pending design");
  EXPECT_TRUE(json["points"][3]["simulated"].is_null());
  EXPECT_TRUE(json["points"][3]["error_pct"].is_null());
  EXPECT_NEAR(json["points"][2]["error_pct"].get<double>(), -50, 1e-9);  // what the tables show
  EXPECT_EQ(json["held_out"]["worst_id"], "b");
  EXPECT_EQ(SummarizeHeldOut({points[0]}).count, 0u);
}

TEST(Correlation, BaselineRegressionsAreGrowthOverFivePointsOrALostPass) {
  const std::vector<PointResult> before = {Point("a", Role::kHeldOut, 100, 110),
                                           Point("b", Role::kHeldOut, 100, 110),
                                           Point("c", Role::kHeldOut, 100, 110)};
  const auto baseline =
      nlohmann::ordered_json{{"validate", ValidateJson("s", before, SummarizeHeldOut(before), {})}};
  const std::vector<PointResult> now = {
      Point("a", Role::kHeldOut, 100, 114.9),  // 10% -> 14.9%: within 5 points
      Point("b", Role::kHeldOut, 100, 90),     // 10% -> 10%, other side: same error
      Point("c", Role::kHeldOut, 100, 130),    // failed now
      Point("d", Role::kHeldOut, 100, 200),    // new: not in the baseline
  };
  const std::vector<std::string> regressions = Regressions(now, baseline, "base.json");
  ASSERT_EQ(regressions.size(), 1u);
  EXPECT_EQ(regressions[0], "c: passed in the baseline, now fail");

  const std::vector<PointResult> grew = {Point("a", Role::kHeldOut, 100, 115.5)};
  EXPECT_EQ(Regressions(grew, baseline, "base.json"),
            std::vector<std::string>{
                "a: |error| grew from 10.0% to 15.5% (more than 5 percentage points)"});
  try {
    Regressions(now, nlohmann::ordered_json::object(), "base.json");
    FAIL();
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(), "base.json: not a validate report (no validate.points)");
  }
}

}  // namespace
}  // namespace aie2sim::silicon
