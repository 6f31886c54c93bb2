#include "sim/cli/suite_calibration.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "sim/analytic/fitter.h"
#include "sim/arch/config_schema.h"
#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/cli/options.h"
#include "sim/cli/suite_runner.h"
#include "sim/silicon/suite.h"

namespace aie2sim::cli {
namespace {

using silicon::FittedParameter;
using silicon::Role;
using silicon::SuiteEntry;

struct Fitted {
  const FittedParameter* parameter = nullptr;
  bool is_unsigned = false;
  double initial = 0;
  bool fitted = false;  // at least one runnable point sets it
};

std::string Number(double value) {
  std::ostringstream text;
  text.precision(6);
  text << value;
  return text.str();
}

// The value a parameter takes for a log-space coordinate: unsigned keys rounded.
double ValueOf(const Fitted& fitted, double log_value) {
  const double value = std::exp(log_value);
  return fitted.is_unsigned ? std::round(value) : value;
}

std::string SetOf(const Fitted& fitted, double value) {
  std::ostringstream text;
  text.precision(17);
  text << fitted.parameter->key << "=" << value;
  return text.str();
}

// The points the fit simulates: those the parameters are set from (or --point), runnable.
std::vector<const SuiteEntry*> FitPoints(const silicon::Suite& suite,
                                         const std::vector<std::string>& only) {
  std::set<std::string> wanted(only.begin(), only.end());
  if (wanted.empty()) {
    for (const FittedParameter& parameter : suite.parameters) {
      wanted.insert(parameter.from.begin(), parameter.from.end());
    }
  }
  std::vector<const SuiteEntry*> points;
  for (const std::string& id : wanted) {
    const SuiteEntry* entry = suite.Find(id);
    if (entry == nullptr) throw UserError("--point: no point \"" + id + "\" in the suite");
    if (entry->role != Role::kCalibration) {
      throw UserError("--point: \"" + id + "\" is a " + silicon::RoleName(entry->role) +
                      " point: calibrate simulates calibration points only");
    }
    if (!entry->run->pending.empty()) {
      std::cerr << "calibrate: " << id << " left out: pending design (" << entry->run->pending
                << ")\n";
      continue;
    }
    points.push_back(entry);
  }
  std::sort(points.begin(), points.end(),
            [](const SuiteEntry* a, const SuiteEntry* b) { return a->id < b->id; });
  return points;
}

}  // namespace

int SuiteCalibrateCommand(const Args& args) {
  std::string suite_path;
  std::string output;
  std::vector<std::string> sets;
  std::vector<std::string> only;
  int jobs = 2;
  int max_evaluations = 200;
  po::options_description options("calibrate --suite options");
  // clang-format off
  options.add_options()
      ("suite", po::value(&suite_path)->required(),
       "the silicon suite folder (tests/silicon): fit its suite.yaml parameters to its "
       "calibration points")
      ("output,o", po::value(&output)->required(), "the fitted values (YAML) to write")
      ("point", po::value(&only)->composing(),
       "fit on this calibration point only (repeatable; a held-out point is refused)")
      ("set", po::value(&sets)->composing(), "override a config key in every run (repeatable)")
      ("jobs", po::value(&jobs), "child processes at a time (default 2)")
      ("max-evaluations", po::value(&max_evaluations),
       "evaluations of the loss (each simulates every fit point; default 200)");
  // clang-format on
  if (!ParseArgs("calibrate", "--suite tests/silicon -o fitted.yaml [--point ID ...]", args,
                 options, {})) {
    return 0;
  }
  if (jobs < 1) throw UserError("--jobs must be >= 1");
  if (max_evaluations < 1) throw UserError("--max-evaluations must be >= 1");
  const silicon::Suite suite = silicon::LoadSuite(suite_path);
  const std::vector<const SuiteEntry*> points = FitPoints(suite, only);
  if (points.empty()) {
    throw UserError(suite_path + ": no calibration point to fit on has a design yet");
  }
  std::set<std::string> runnable;
  for (const SuiteEntry* entry : points) runnable.insert(entry->id);

  // Every parameter's starting value is the config's, on the first point's config.
  ArchOptions arch{points.front()->device.arch, {ClockSet(*points.front())}};
  arch.sets.insert(arch.sets.end(), sets.begin(), sets.end());
  const arch::HardwareConfig config = LoadArch(arch);
  std::vector<Fitted> parameters;
  std::vector<analytic::FitParameter> bounds;
  for (const FittedParameter& parameter : suite.parameters) {
    const arch::ConfigParam* param = arch::FindConfigParam(parameter.key);
    if (param == nullptr || (param->type() != arch::ConfigParam::Type::kUnsigned &&
                             param->type() != arch::ConfigParam::Type::kNumber)) {
      throw UserError(suite_path + "/suite.yaml: parameters: \"" + parameter.key +
                      "\" is not a numeric config key");
    }
    Fitted fitted;
    fitted.parameter = &parameter;
    fitted.is_unsigned = param->type() == arch::ConfigParam::Type::kUnsigned;
    fitted.initial = param->NumberIn(config);
    for (const std::string& id : parameter.from) fitted.fitted |= runnable.count(id) > 0;
    if (!fitted.fitted) {
      std::cerr << "calibrate: " << parameter.key
                << " not fitted: none of its points has a design yet\n";
    }
    parameters.push_back(fitted);
    if (fitted.fitted) {
      const double start = std::clamp(fitted.initial, parameter.lower, parameter.upper);
      bounds.push_back({parameter.key, std::log(start), std::log(parameter.lower),
                        std::log(parameter.upper), std::log(2.0)});
    }
  }
  if (bounds.empty()) throw UserError(suite_path + ": no parameter has a runnable point");

  SuiteRunner runner(jobs);
  std::map<std::vector<std::string>, std::vector<double>> cache;  // sets -> simulated per point
  auto simulate = [&](const std::vector<double>& logs) {
    std::vector<std::string> run_sets = sets;
    size_t next = 0;
    for (const Fitted& fitted : parameters) {
      if (fitted.fitted) run_sets.push_back(SetOf(fitted, ValueOf(fitted, logs[next++])));
    }
    auto found = cache.find(run_sets);
    if (found != cache.end()) return found->second;
    std::vector<PointRun> runs;
    for (const SuiteEntry* entry : points) runs.push_back(PointRun{entry, run_sets, false});
    const std::vector<PointOutput> outputs = runner.Run(runs);
    std::vector<double> simulated;
    for (size_t i = 0; i < points.size(); ++i) {
      if (!outputs[i].value) {
        throw UserError("calibrate: " + points[i]->id + ": " + outputs[i].problem);
      }
      if (!(*outputs[i].value > 0)) {
        throw UserError("calibrate: " + points[i]->id + " simulates to " +
                        Number(*outputs[i].value) + " " + points[i]->measured.unit +
                        ": its log error is undefined (the model cannot express this point)");
      }
      simulated.push_back(*outputs[i].value);
    }
    return cache.emplace(run_sets, simulated).first->second;
  };
  auto loss = [&](const std::vector<double>& logs) {
    const std::vector<double> simulated = simulate(logs);
    double sum = 0;
    for (size_t i = 0; i < points.size(); ++i) {
      const double error = std::log(simulated[i] / points[i]->measured.value);
      sum += error * error;
    }
    return sum;
  };
  std::cerr << "calibrate: " << bounds.size() << " parameters on " << points.size()
            << " calibration points (at most " << max_evaluations << " evaluations, "
            << points.size() << " simulations each)\n";
  std::vector<double> start;
  for (const analytic::FitParameter& bound : bounds) start.push_back(bound.initial);
  const double start_loss = loss(start);
  const analytic::FitResult fit = analytic::Minimize(loss, bounds, max_evaluations);
  const std::vector<double> simulated = simulate(fit.values);

  std::ostringstream yaml;
  yaml << "# aie2sim calibrate --suite " << suite_path
       << ": config keys set from calibration points only\n"
       << "# (loss = sum of log(simulated / measured)^2: " << Number(start_loss) << " at the "
       << "config's values, " << Number(fit.loss) << " fitted, " << fit.evaluations
       << " evaluations)\n";
  yaml << "suite: " << suite_path << "\nparameters:\n";
  size_t next = 0;
  for (const Fitted& fitted : parameters) {
    const double value = fitted.fitted ? ValueOf(fitted, fit.values[next++]) : fitted.initial;
    yaml << "  " << fitted.parameter->key << ": {value: " << Number(value)
         << ", fitted: " << (fitted.fitted ? "true" : "false") << ", from: [";
    for (size_t i = 0; i < fitted.parameter->from.size(); ++i) {
      yaml << (i ? ", " : "") << fitted.parameter->from[i];
    }
    yaml << "]}\n";
  }
  yaml << "points:\n";
  std::cout << std::left << std::setw(18) << "point" << std::setw(12) << "measured" << std::setw(12)
            << "simulated"
            << "ratio\n";
  for (size_t i = 0; i < points.size(); ++i) {
    const double ratio = simulated[i] / points[i]->measured.value;
    yaml << "  " << points[i]->id << ": {measured: " << Number(points[i]->measured.value)
         << ", simulated: " << Number(simulated[i]) << ", unit: \"" << points[i]->measured.unit
         << "\", ratio: " << Number(ratio) << "}\n";
    std::cout << std::setw(18) << points[i]->id << std::setw(12)
              << Number(points[i]->measured.value) << std::setw(12) << Number(simulated[i])
              << Number(ratio) << "\n";
  }
  yaml << "loss: " << Number(fit.loss) << "\n";
  WriteOutputFile(output, yaml.str());
  std::cout << "loss " << Number(start_loss) << " -> " << Number(fit.loss) << " ("
            << fit.evaluations << " evaluations); wrote " << output << "\n";
  return 0;
}

}  // namespace aie2sim::cli
