// aie2sim validate: simulates every point of the silicon reference suite (tests/silicon) and
// compares it with its measurement (sim/silicon/correlation.h).
//
// Every runnable point is one child run reporting its observable (suite_runner.h); held-out
// points are also attributed (their largest cause) and simulated again at -10% and +10% of each
// fitted parameter of the suite (their sensitivity). Points marked not_modelled are listed and
// never simulated; points whose design is not written yet are "pending design", never passing.
// Exit 0 with the report; with --check, exit 3 when a modelled point is outside its tolerance or
// failed to simulate, or, with --baseline, when a point regressed against the baseline (then
// only regressions count: a point failing there and here is a known failure). --html writes the
// report's page (the validate view of sim/report/html_report.h).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/arch/config_hash.h"
#include "sim/arch/config_schema.h"
#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/base/paths.h"
#include "sim/cli/suite_runner.h"
#include "sim/report/html_report.h"
#include "sim/report/report.h"
#include "sim/silicon/correlation.h"
#include "sim/silicon/suite.h"

namespace aie2sim::cli {
namespace {

using silicon::PointResult;
using silicon::Role;
using silicon::Status;
using silicon::SuiteEntry;

constexpr int kCheckFailed = 3;  // --check: a point outside its tolerance, or a regression

struct ValidateOptions {
  std::string suite = "tests/silicon";
  std::string json_path;
  std::string csv_path;
  std::string html_path;
  std::string baseline_path;
  std::vector<std::string> sets;
  int jobs = 2;
  bool check = false;
  bool no_sensitivity = false;
};

bool Runnable(const SuiteEntry& entry) {
  return entry.role != Role::kNotModelled && entry.run && entry.run->pending.empty();
}

// The config a point runs on: its arch and clock, then the user's overrides.
arch::HardwareConfig PointConfig(const SuiteEntry& entry, const std::vector<std::string>& sets) {
  ArchOptions arch{entry.device.arch, {ClockSet(entry)}};
  arch.sets.insert(arch.sets.end(), sets.begin(), sets.end());
  return LoadArch(arch);
}

// "key=value" for `factor` x the key's value in `config`; an unsigned key is rounded and moves
// by at least 1.
std::string Scaled(const arch::HardwareConfig& config, const std::string& key, double factor) {
  const arch::ConfigParam* param = arch::FindConfigParam(key);
  if (param == nullptr)
    throw UserError("suite.yaml: parameters: unknown config key \"" + key + "\"");
  const double value = param->NumberIn(config);
  double scaled = value * factor;
  std::ostringstream text;
  text.precision(17);
  if (param->type() == arch::ConfigParam::Type::kUnsigned) {
    scaled = std::round(scaled);
    if (scaled == value) scaled = factor > 1 ? value + 1 : std::max(0.0, value - 1);
    text << static_cast<uint64_t>(scaled);
  } else {
    text << scaled;
  }
  return key + "=" + text.str();
}

PointResult SkeletonOf(const SuiteEntry& entry) {
  PointResult point;
  point.id = entry.id;
  point.role = entry.role;
  point.observable = entry.observable ? trace::DescribeObservable(*entry.observable) : "";
  point.measured = entry.measured.value;
  point.unit = entry.measured.unit;
  point.tolerance = silicon::ToleranceOf(entry.measured);
  point.clock_inferred = entry.device.clock_inferred;
  if (entry.role == Role::kNotModelled) {
    point.status = Status::kNotModelled;
    point.problem = entry.reason;
  } else if (!Runnable(entry)) {
    point.status = Status::kPendingDesign;
    point.problem = entry.run->pending;
  }
  return point;
}

std::string CsvOf(const std::vector<PointResult>& points) {
  std::ostringstream csv;
  csv.precision(10);
  csv << "id,role,observable,measured,simulated,unit,ratio,tolerance_low,tolerance_high,status\n";
  for (const PointResult& point : points) {
    csv << point.id << "," << silicon::RoleName(point.role) << ",\"" << point.observable << "\","
        << point.measured << ",";
    if (point.simulated) csv << *point.simulated;
    csv << "," << point.unit << ",";
    if (point.simulated) csv << point.ratio();
    csv << "," << point.tolerance.low << "," << point.tolerance.high << ","
        << silicon::StatusName(point.status) << "\n";
  }
  return csv.str();
}

}  // namespace

int ValidateCommand(const Args& args) {
  ValidateOptions values;
  po::options_description options("validate options");
  // clang-format off
  options.add_options()
      ("suite", po::value(&values.suite), "the suite folder (default tests/silicon)")
      ("json", po::value(&values.json_path), "write the JSON report (key `validate`) here")
      ("csv", po::value(&values.csv_path), "write one CSV row per point here")
      ("html", po::value(&values.html_path),
       "write the self-contained HTML report here: the correlation plot, both tables and the "
       "held-out statistics")
      ("check", po::bool_switch(&values.check),
       "exit 3 when a modelled point is outside its tolerance or fails to simulate; with "
       "--baseline, when a point regressed against it")
      ("baseline", po::value(&values.baseline_path),
       "compare with this earlier `validate --json` report: a point whose |error| grew by more "
       "than 5 percentage points, or that passed there and fails now, is a regression")
      ("jobs", po::value(&values.jobs), "child simulations at a time (default 2)")
      ("no-sensitivity", po::bool_switch(&values.no_sensitivity),
       "do not simulate held-out points at -10%/+10% of each fitted parameter")
      ("set", po::value(&values.sets), "key=value: override a config key in every point's run");
  // clang-format on
  po::positional_options_description positional;
  positional.add("suite", 1);
  if (!ParseArgs(
          "validate",
          "[SUITE] [--json v.json] [--csv v.csv] [--html v.html] [--check] [--baseline base.json]",
          args, options, positional)) {
    return 0;
  }
  if (values.jobs < 1) throw UserError("--jobs must be >= 1");
  values.suite = ResolveDataFolder(values.suite, "validate: suite");  // source tree or installed
  const silicon::Suite suite = silicon::LoadSuite(values.suite);
  std::optional<nlohmann::ordered_json> baseline;
  if (!values.baseline_path.empty()) {
    std::ifstream file(values.baseline_path);
    if (!file) throw UserError(values.baseline_path + ": cannot open file");
    baseline = nlohmann::ordered_json::parse(file, nullptr, /*allow_exceptions=*/false);
    if (baseline->is_discarded()) throw UserError(values.baseline_path + ": not JSON");
  }

  std::vector<PointResult> points;
  std::vector<PointRun> runs;
  std::vector<size_t> run_point;               // runs[i] is points[run_point[i]]'s main run
  const SuiteEntry* first_modelled = nullptr;  // its config stands for the suite's in the report
  for (const SuiteEntry& entry : suite.entries) {
    points.push_back(SkeletonOf(entry));
    if (first_modelled == nullptr && entry.role != Role::kNotModelled) first_modelled = &entry;
    if (!Runnable(entry)) continue;
    runs.push_back(PointRun{&entry, values.sets, entry.role == Role::kHeldOut});
    run_point.push_back(points.size() - 1);
  }
  // Sensitivity runs of held-out points, after the main ones: two per fitted parameter.
  struct SensitivityRun {
    size_t point;
    size_t parameter;
    bool plus;
  };
  std::vector<SensitivityRun> sensitivity_runs;
  if (!values.no_sensitivity) {
    for (size_t r = 0, count = runs.size(); r < count; ++r) {
      const SuiteEntry& entry = *runs[r].entry;
      if (entry.role != Role::kHeldOut) continue;
      const arch::HardwareConfig config = PointConfig(entry, values.sets);
      for (size_t p = 0; p < suite.parameters.size(); ++p) {
        for (bool plus : {false, true}) {
          PointRun run{&entry, values.sets, false};
          run.sets.push_back(Scaled(config, suite.parameters[p].key, plus ? 1.1 : 0.9));
          runs.push_back(std::move(run));
          sensitivity_runs.push_back({run_point[r], p, plus});
        }
      }
    }
  }
  std::cerr << "validate: " << suite.entries.size() << " points, " << run_point.size()
            << " to simulate (" << runs.size() << " runs, " << values.jobs << " at a time)\n";
  SuiteRunner runner(values.jobs);
  const std::vector<PointOutput> outputs = runner.Run(runs);
  for (size_t r = 0; r < run_point.size(); ++r) {
    PointResult& point = points[run_point[r]];
    const PointOutput& output = outputs[r];
    if (!output.value) {
      point.status = Status::kError;
      point.problem = output.problem;
      continue;
    }
    point.simulated = *output.value;
    point.cause = output.cause;
    point.status = silicon::StatusOf(point.tolerance, *output.value);
  }
  for (size_t s = 0; s < sensitivity_runs.size(); ++s) {
    const SensitivityRun& run = sensitivity_runs[s];
    PointResult& point = points[run.point];
    const PointOutput& output = outputs[run_point.size() + s];
    if (!point.simulated) continue;
    if (!output.value) {
      throw UserError("validate: " + point.id + " at " + (run.plus ? "+" : "-") + "10% of " +
                      suite.parameters[run.parameter].key + ": " + output.problem);
    }
    const std::string& key = suite.parameters[run.parameter].key;
    if (point.sensitivity.empty() || point.sensitivity.back().key != key) {
      point.sensitivity.push_back({key, 1, 1});
    }
    (run.plus ? point.sensitivity.back().plus_ratio : point.sensitivity.back().minus_ratio) =
        *output.value / *point.simulated;
  }

  const silicon::HeldOutSummary summary = silicon::SummarizeHeldOut(points);
  std::vector<std::string> regressions;
  if (baseline) regressions = silicon::Regressions(points, *baseline, values.baseline_path);
  std::cout << silicon::FormatTables(points, summary);
  for (const std::string& regression : regressions)
    std::cout << "regression: " << regression << "\n";

  report::Report report;
  report.command = "validate";
  if (first_modelled != nullptr) {
    const arch::HardwareConfig config = PointConfig(*first_modelled, values.sets);
    // The arch as the entries name it (a preset name), not this machine's path to it.
    report.config = {first_modelled->device.arch, config.name, arch::ConfigHash(config),
                     arch::TimingModelName(config.timing_model), values.sets};
  }
  report.workload = values.suite;
  report.extra["validate"] = silicon::ValidateJson(values.suite, points, summary, regressions);
  if (!values.json_path.empty()) report::WriteJson(report, values.json_path);
  if (!values.csv_path.empty()) WriteOutputFile(values.csv_path, CsvOf(points));
  if (!values.html_path.empty()) {
    report::WriteHtmlPage({{"view", "validate"},
                           {"title", "aie2sim validate: " + values.suite},
                           {"report", report::ToJson(report)}},
                          values.html_path);
  }

  if (!values.check) return 0;
  // Against a baseline only regressions fail (its known failures are the baseline's); without
  // one every modelled point outside its tolerance or failing to simulate does.
  size_t failing = 0;
  for (const PointResult& point : points) {
    failing += !baseline && (point.status == Status::kFail || point.status == Status::kError);
  }
  if (failing > 0 || !regressions.empty()) {
    std::cerr << "validate --check: " << failing << " points outside their tolerance or failing, "
              << regressions.size() << " regressions\n";
    return kCheckFailed;
  }
  return 0;
}

}  // namespace aie2sim::cli
