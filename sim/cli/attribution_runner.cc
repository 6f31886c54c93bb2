#include "sim/cli/attribution_runner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "sim/arch/effects.h"
#include "sim/base/error.h"
#include "sim/cli/child_processes.h"
#include "sim/isa/program_io.h"
#include "sim/report/attribution.h"

namespace aie2sim::cli {
namespace {

using Json = nlohmann::ordered_json;

// The child command simulating `program_path` with exactly the first `count` of `active` on.
ChildCommand PrefixCommand(const arch::HardwareConfig& config,
                           const std::vector<arch::Effect>& active, size_t count,
                           const std::string& program_path, const std::string& json_path,
                           const std::string& stderr_path) {
  ChildCommand command;
  command.argv = {SelfExecutable(), "simulate", "--arch", config.source_path};
  for (const std::string& assignment : config.overrides) {
    command.argv.insert(command.argv.end(), {"--set", assignment});
  }
  for (arch::Effect effect : arch::kEffects) {
    const auto position = std::find(active.begin(), active.end(), effect);
    const bool on =
        position != active.end() && static_cast<size_t>(position - active.begin()) < count;
    command.argv.insert(command.argv.end(),
                        {"--set", arch::EffectKey(effect) + "=" + (on ? "true" : "false")});
  }
  command.argv.insert(command.argv.end(), {"--program", program_path, "--json", json_path});
  // The parent checked the program's work against the user's --max-events already.
  command.argv.insert(command.argv.end(), {"--max-events", std::to_string(UINT64_MAX)});
  command.stderr_path = stderr_path;
  return command;
}

std::vector<double> SimulatedPerLayer(const std::string& json_path, size_t layers) {
  std::ifstream file(json_path);
  const Json json = Json::parse(file, nullptr, /*allow_exceptions=*/false);
  AIE2SIM_CHECK(json.is_object() && json.contains("layers") && json["layers"].size() == layers,
                json_path + ": not a simulate report of this program");
  std::vector<double> simulated;
  for (const Json& layer : json["layers"]) {
    simulated.push_back(layer.at("simulated_s").get<double>());
  }
  return simulated;
}

}  // namespace

void AttributeInto(report::Report& report, const arch::HardwareConfig& config,
                   const isa::Program& program, const AttributionOptions& options) {
  const size_t layers = report.layers.size();
  report::AttributionInput input;
  std::vector<double> simulated(layers);
  for (size_t i = 0; i < layers; ++i) {
    const report::LayerRow& row = report.layers[i];
    AIE2SIM_CHECK(row.analytic_s && row.simulated_s, "attribution needs estimate and simulation");
    input.analytic_s.push_back(*row.analytic_s);
    input.fill_drain_s.push_back(row.detail.at("analytic").at("fill_drain_s").get<double>());
    simulated[i] = *row.simulated_s;
  }
  input.residual = options.residual;
  std::vector<arch::Effect> active;
  for (arch::Effect effect : arch::kEffects) {
    if (arch::EffectActive(config, effect)) active.push_back(effect);
  }
  if (!active.empty() && !options.simulate_effects) {
    input.residual = "unattributed";
    active.clear();
  }
  if (!active.empty()) {
    TemporaryDirectory directory("aie2sim-attribution");
    const std::string program_path = directory.path() + "/program.pb";
    isa::WriteProgram(program, program_path);
    std::vector<ChildCommand> commands;
    std::vector<std::string> json_paths;
    for (size_t count = 0; count < active.size(); ++count) {
      const std::string stem = directory.path() + "/prefix" + std::to_string(count);
      json_paths.push_back(stem + ".json");
      commands.push_back(
          PrefixCommand(config, active, count, program_path, json_paths.back(), stem + ".stderr"));
    }
    std::cerr << "attribution: " << commands.size()
              << " more simulations, the realistic effects switched on one by one (" << options.jobs
              << " at a time)\n";
    const std::vector<int> codes = RunChildren(commands, options.jobs);
    for (size_t count = 0; count < commands.size(); ++count) {
      if (codes[count] != 0) {
        throw InternalError("attribution: the simulation with " + std::to_string(count) +
                            " effects on failed (exit " + std::to_string(codes[count]) +
                            "): " + LastLineOf(commands[count].stderr_path));
      }
      input.simulated_s.push_back(SimulatedPerLayer(json_paths[count], layers));
    }
    for (arch::Effect effect : active) input.effects.push_back(arch::EffectName(effect));
  }
  input.simulated_s.push_back(simulated);

  const std::vector<report::LayerAttribution> attribution = report::Attribute(input);
  // Every cause is listed, in order, so reports of different configs line up.
  std::vector<std::string> order = {"fill_drain", input.residual};
  for (arch::Effect effect : arch::kEffects) order.push_back(arch::EffectName(effect));
  Json totals = Json::object();
  for (const std::string& cause : order) totals[cause + "_s"] = 0.0;
  double worst_residual = 0;
  for (size_t i = 0; i < layers; ++i) {
    const report::LayerAttribution& layer = attribution[i];
    Json causes = Json::object();
    for (const std::string& cause : order) causes[cause + "_s"] = 0.0;
    for (const auto& [cause, seconds] : layer.causes) {
      causes[cause + "_s"] = seconds;
      totals[cause + "_s"] = totals[cause + "_s"].get<double>() + seconds;
    }
    causes["difference_s"] = layer.difference_s;
    report.layers[i].detail["attribution"] = std::move(causes);
    report.layers[i].cause = layer.dominant;
    worst_residual = std::max(worst_residual, std::fabs(layer.residual_s));
  }
  report.extra["attribution"] = {
      {"order", order},
      {"simulations", input.simulated_s.size()},
      {"totals_s", std::move(totals)},
      {"max_residual_s", worst_residual},
      {"note",
       "simulated - analytic per layer, split by switching the realistic effects on one at a "
       "time in `order`; each effect's share is its cost given the effects before it"}};
}

}  // namespace aie2sim::cli
