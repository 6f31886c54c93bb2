#include "sim/silicon/correlation.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "sim/base/error.h"

namespace aie2sim::silicon {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kGrowthPoints = 5.0;  // percentage points of |error| a baseline allows

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string Row(const std::vector<std::string>& cells, const std::vector<int>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string cell = cells[i];
    if (i + 1 < cells.size() && cell.size() < static_cast<size_t>(widths[i])) {
      cell.resize(static_cast<size_t>(widths[i]), ' ');
    }
    line += cell + (i + 1 < cells.size() ? "  " : "");
  }
  return line + "\n";
}

std::string Value(double value) { return Format("%.4g", value); }

std::string ErrorText(const PointResult& point) {
  return point.simulated ? Format("%+.1f%%", (point.ratio() - 1) * 100) : "-";
}

std::string SensitivityText(const PointResult& point) {
  std::string text;
  for (const Sensitivity& s : point.sensitivity) {
    text += (text.empty() ? "" : ", ") + s.key + " " +
            Format("%+.1f%%", (s.minus_ratio - 1) * 100) + "/" +
            Format("%+.1f%%", (s.plus_ratio - 1) * 100);
  }
  return text;
}

}  // namespace

const char* StatusName(Status status) {
  switch (status) {
    case Status::kPass:
      return "pass";
    case Status::kFail:
      return "fail";
    case Status::kPendingDesign:
      return "pending design";
    case Status::kNotModelled:
      return "not modelled";
    case Status::kError:
      return "error";
  }
  return "?";
}

Status StatusOf(const Tolerance& tolerance, double simulated) {
  return simulated >= tolerance.low && simulated <= tolerance.high ? Status::kPass : Status::kFail;
}

HeldOutSummary SummarizeHeldOut(const std::vector<PointResult>& points) {
  HeldOutSummary summary;
  double absolute = 0;
  double logs = 0;
  double worst = -1;
  for (const PointResult& point : points) {
    if (point.role != Role::kHeldOut || !point.simulated) continue;
    const double ratio = point.ratio();
    ++summary.count;
    absolute += std::fabs(ratio - 1);
    logs += std::log(ratio);
    if (std::fabs(std::log(ratio)) > worst) {
      worst = std::fabs(std::log(ratio));
      summary.worst_id = point.id;
      summary.worst_ratio = ratio;
    }
  }
  if (summary.count > 0) {
    summary.mape = absolute / static_cast<double>(summary.count) * 100;
    summary.geomean_ratio = std::exp(logs / static_cast<double>(summary.count));
  }
  return summary;
}

Json ValidateJson(const std::string& suite, const std::vector<PointResult>& points,
                  const HeldOutSummary& summary, const std::vector<std::string>& regressions) {
  Json list = Json::array();
  for (const PointResult& point : points) {
    Json item = {{"id", point.id},
                 {"role", RoleName(point.role)},
                 {"observable", point.observable},
                 {"measured", point.measured},
                 {"simulated", point.simulated ? Json(*point.simulated) : Json(nullptr)},
                 {"unit", point.unit},
                 {"ratio", point.simulated ? Json(point.ratio()) : Json(nullptr)},
                 {"error_pct", point.simulated ? Json((point.ratio() - 1) * 100) : Json(nullptr)},
                 {"tolerance",
                  {{"low", point.tolerance.low},
                   {"high", point.tolerance.high},
                   {"rule", point.tolerance.rule}}},
                 {"status", StatusName(point.status)},
                 {"clock_inferred", point.clock_inferred}};
    if (!point.problem.empty()) item["problem"] = point.problem;
    if (!point.cause.empty()) item["cause"] = point.cause;
    if (!point.sensitivity.empty()) {
      Json sensitivity = Json::object();
      for (const Sensitivity& s : point.sensitivity) {
        sensitivity[s.key] = {{"minus_10pct_ratio", s.minus_ratio},
                              {"plus_10pct_ratio", s.plus_ratio}};
      }
      item["sensitivity"] = std::move(sensitivity);
    }
    list.push_back(std::move(item));
  }
  Json held_out = {{"count", summary.count}};
  if (summary.count > 0) {
    held_out["mape"] = summary.mape;
    held_out["geomean_ratio"] = summary.geomean_ratio;
    held_out["worst_id"] = summary.worst_id;
    held_out["worst_ratio"] = summary.worst_ratio;
  } else {
    for (const char* key : {"mape", "geomean_ratio", "worst_id", "worst_ratio"}) {
      held_out[key] = nullptr;
    }
  }
  return {{"suite", suite},
          {"points", std::move(list)},
          {"held_out", std::move(held_out)},
          {"regressions", regressions}};
}

std::vector<std::string> Regressions(const std::vector<PointResult>& points, const Json& baseline,
                                     const std::string& baseline_path) {
  if (!baseline.is_object() || !baseline.contains("validate") ||
      !baseline["validate"].contains("points") || !baseline["validate"]["points"].is_array()) {
    throw UserError(baseline_path + ": not a validate report (no validate.points)");
  }
  std::map<std::string, const Json*> before;
  for (const Json& point : baseline["validate"]["points"]) {
    if (!point.is_object() || !point.contains("id") || !point["id"].is_string() ||
        !point.contains("status") || !point["status"].is_string()) {
      throw UserError(baseline_path + ": validate.points: a point without id or status");
    }
    before[point["id"].get<std::string>()] = &point;
  }
  std::vector<std::string> regressions;
  for (const PointResult& point : points) {
    const auto found = before.find(point.id);
    if (found == before.end()) continue;
    const Json& old = *found->second;
    const bool passed = old["status"] == "pass";
    if (passed && point.status != Status::kPass) {
      regressions.push_back(point.id + ": passed in the baseline, now " + StatusName(point.status));
      continue;
    }
    if (!point.simulated || !old.contains("ratio") || !old["ratio"].is_number()) continue;
    const double was = std::fabs(old["ratio"].get<double>() - 1) * 100;
    const double now = std::fabs(point.ratio() - 1) * 100;
    if (now > was + kGrowthPoints) {
      regressions.push_back(point.id + ": |error| grew from " + Format("%.1f", was) + "% to " +
                            Format("%.1f", now) + "% (more than 5 percentage points)");
    }
  }
  return regressions;
}

std::string FormatTables(const std::vector<PointResult>& points, const HeldOutSummary& summary) {
  std::ostringstream out;
  const std::vector<int> widths = {18, 9, 11, 11, 7, 8, 14, 16, 0};
  const std::vector<std::string> header = {"point", "unit",   "measured", "simulated", "ratio",
                                           "error", "status", "cause",    ""};
  auto table = [&](Role role, const char* title, bool held_out) {
    out << title << "\n";
    std::vector<std::string> head = header;
    head.back() = held_out ? "sensitivity to -10%/+10% of each fitted parameter" : "";
    out << Row(head, widths);
    for (const PointResult& point : points) {
      if (point.role != role) continue;
      out << Row({point.id + (point.clock_inferred ? "*" : ""), point.unit, Value(point.measured),
                  point.simulated ? Value(*point.simulated) : "-",
                  point.simulated ? Format("%.3f", point.ratio()) : "-", ErrorText(point),
                  StatusName(point.status), point.cause.empty() ? "-" : point.cause,
                  held_out ? SensitivityText(point) : point.problem},
                 widths);
    }
    out << "\n";
  };
  table(Role::kCalibration, "calibration points (parameters are set from these: they prove little)",
        false);
  table(Role::kHeldOut, "held-out points (whole designs, predicted)", true);
  out << "not modelled:";
  for (const PointResult& point : points) {
    if (point.role == Role::kNotModelled) out << " " << point.id;
  }
  out << "\n";
  if (summary.count > 0) {
    out << "held out (" << summary.count << " points): MAPE " << Format("%.1f", summary.mape)
        << "%, geometric-mean ratio " << Format("%.3f", summary.geomean_ratio) << ", worst "
        << summary.worst_id << " (ratio " << Format("%.3f", summary.worst_ratio) << ")\n";
  } else {
    out << "held out: no point simulated\n";
  }
  out << "* clock inferred, not stated by the source\n";
  return out.str();
}

}  // namespace aie2sim::silicon
