// The correlation of simulated with measured values over the suite's points: each point's
// status against its tolerance, the held-out statistics, and the comparison with a baseline.
//
// Statistics cover held-out points with a simulated value only: calibration points reproduce
// their own inputs and prove little; not-modelled and pending points have no value.
//   MAPE           mean of |simulated / measured - 1|, in percent
//   geomean_ratio  exp(mean(log(simulated / measured)))
//   worst          the point with the largest |log(simulated / measured)| (2x and 0.5x are equal)
// A baseline (a previous `validate --json`) is regressed by a point whose |error| grew by more
// than 5 percentage points, or that passed there and fails now.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/silicon/suite_entry.h"

namespace aie2sim::silicon {

enum class Status { kPass, kFail, kPendingDesign, kNotModelled, kError };

// "pass", "fail", "pending design", "not modelled", "error".
const char* StatusName(Status status);

// A fitted parameter's effect on a point: simulated at value x 0.9 and x 1.1, over simulated.
struct Sensitivity {
  std::string key;
  double minus_ratio = 1;
  double plus_ratio = 1;
};

struct PointResult {
  std::string id;
  Role role = Role::kCalibration;
  std::string observable;  // DescribeObservable, or "" when not modelled
  double measured = 0;
  std::string unit;                 // the measurement's
  std::optional<double> simulated;  // in `unit`
  Tolerance tolerance;
  Status status = Status::kError;
  std::string problem;  // kError: the child's last line; kPendingDesign: why
  std::string cause;    // the largest cause of the attribution, when the run gave one
  std::vector<Sensitivity> sensitivity;
  bool clock_inferred = false;

  // simulated / measured; only with a simulated value.
  double ratio() const { return *simulated / measured; }
};

// kPass when tolerance.low <= simulated <= tolerance.high, else kFail.
Status StatusOf(const Tolerance& tolerance, double simulated);

struct HeldOutSummary {
  size_t count = 0;  // held-out points with a simulated value
  double mape = 0;   // percent
  double geomean_ratio = 1;
  std::string worst_id;
  double worst_ratio = 1;
};

HeldOutSummary SummarizeHeldOut(const std::vector<PointResult>& points);

// The JSON section `validate`: {suite, points[], held_out, regressions}.
nlohmann::ordered_json ValidateJson(const std::string& suite,
                                    const std::vector<PointResult>& points,
                                    const HeldOutSummary& summary,
                                    const std::vector<std::string>& regressions);

// The regressions of `points` against a baseline report (the JSON of a previous validate, its
// `validate` section read from `baseline_path`): one line per regressed point. Points the
// baseline does not have are new, not regressions. UserError naming the file when it is not a
// validate report.
std::vector<std::string> Regressions(const std::vector<PointResult>& points,
                                     const nlohmann::ordered_json& baseline,
                                     const std::string& baseline_path);

// The console tables: calibration points, then held-out points (with cause and sensitivity),
// then the other points and the held-out statistics.
std::string FormatTables(const std::vector<PointResult>& points, const HeldOutSummary& summary);

}  // namespace aie2sim::silicon
