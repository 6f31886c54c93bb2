// aie2sim calibrate: fits the analytic model's free parameters (sim/analytic/calibration.h) to
// simulated per-layer times and writes them as a calibration overlay.
//
// For every mesh (fit and held-out), workload and sparsity it compiles and simulates the
// workload as child processes (`aie2sim compile`, `aie2sim simulate`: one SystemC elaboration
// per process, and a compiler crash costs one cell, not the run), builds the calibrated model of
// each program, fits on the fit meshes only and reports the per-layer error of the paper's
// estimate, of the estimate with fill/drain and of the calibrated estimate, on the fit and on
// the held-out meshes.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/analytic/calibration_file.h"
#include "sim/analytic/estimator.h"
#include "sim/analytic/fitter.h"
#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/base/paths.h"
#include "sim/cli/child_processes.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/suite_calibration.h"
#include "sim/isa/program_io.h"
#include "sim/isa/validator.h"

namespace aie2sim::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Mesh {
  uint32_t rows = 0;
  uint32_t columns = 0;
  std::string text;  // "RxC"
};

std::vector<Mesh> ParseMeshes(const std::string& list, const std::string& flag) {
  std::vector<Mesh> meshes;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    Mesh mesh;
    char x = 0;
    char extra = 0;
    std::istringstream words(item);
    if (!(words >> mesh.rows >> x >> mesh.columns) || x != 'x' || (words >> extra) ||
        mesh.rows == 0 || mesh.columns == 0) {
      throw UserError(flag + ": expected meshes like 2x2,4x8 (rows x columns), got \"" + item +
                      "\"");
    }
    mesh.text = std::to_string(mesh.rows) + "x" + std::to_string(mesh.columns);
    meshes.push_back(mesh);
  }
  if (meshes.empty()) throw UserError(flag + ": no mesh given");
  return meshes;
}

std::vector<double> ParseRatios(const std::string& list) {
  std::vector<double> ratios;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    char* end = nullptr;
    const double ratio = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !(ratio >= 0 && ratio <= 1)) {
      throw UserError("--sparsity: expected ratios in [0, 1] like 0,0.5, got \"" + item + "\"");
    }
    ratios.push_back(ratio);
  }
  if (ratios.empty()) throw UserError("--sparsity: no ratio given");
  return ratios;
}

// The config of one mesh: the preset `<arch>-RxC` when it exists (a family such as
// "realistic"), else the config `arch` with its rows and columns overridden.
struct MeshConfig {
  std::string path;
  std::vector<std::string> sets;
};

MeshConfig ConfigFor(const std::string& arch, const std::vector<std::string>& sets,
                     const Mesh& mesh) {
  MeshConfig result;
  result.sets = sets;
  try {
    result.path = ResolveDataFile(arch + "-" + mesh.text, "configs", {".yaml"}, "config");
    return result;
  } catch (const UserError&) {
  }
  try {
    result.path = ResolveDataFile(arch, "configs", {".yaml"}, "config");
  } catch (const UserError&) {
    // Name the mesh: for a preset family ("realistic") the missing file is this mesh's preset.
    throw UserError("mesh " + mesh.text + ": no config: neither a preset \"" + arch + "-" +
                    mesh.text + "\" nor a config \"" + arch +
                    "\" (whose rows and columns would be set) exists under configs/ or as a file");
  }
  result.sets.push_back("array.rows=" + std::to_string(mesh.rows));
  result.sets.push_back("array.columns=" + std::to_string(mesh.columns));
  return result;
}

struct Cell {
  Mesh mesh;
  bool held_out = false;
  std::string workload;
  double sparsity = 0;
  MeshConfig config;
  std::string program_path;
  std::string json_path;
  std::string label;
  bool ok = false;
  analytic::CalibrationModel model;
  std::vector<double> paper_s;       // the paper's estimate per layer
  std::vector<double> fill_drain_s;  // with fill/drain
  std::vector<double> simulated_s;
  double clock_hz = 1e9;
};

struct ErrorStats {
  size_t layers = 0;
  double median = 0;
  double max = 0;
};

ErrorStats StatsOf(std::vector<double> errors) {
  ErrorStats stats;
  for (double& error : errors) error = std::fabs(error);
  std::sort(errors.begin(), errors.end());
  stats.layers = errors.size();
  if (errors.empty()) return stats;
  const size_t n = errors.size();
  stats.median = n % 2 == 1 ? errors[n / 2] : 0.5 * (errors[n / 2 - 1] + errors[n / 2]);
  stats.max = errors.back();
  return stats;
}

std::vector<double> ErrorsOf(const std::vector<const Cell*>& cells,
                             std::vector<double> Cell::*estimate) {
  std::vector<double> errors;
  for (const Cell* cell : cells) {
    const std::vector<double>& values = cell->*estimate;
    for (size_t i = 0; i < values.size(); ++i) {
      if (cell->simulated_s[i] > 0) errors.push_back(values[i] / cell->simulated_s[i] - 1);
    }
  }
  return errors;
}

std::vector<analytic::CalibrationSample> SamplesOf(const std::vector<const Cell*>& cells) {
  std::vector<analytic::CalibrationSample> samples;
  for (const Cell* cell : cells)
    samples.push_back({&cell->model, cell->simulated_s, cell->clock_hz});
  return samples;
}

std::string Percent(double ratio) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << ratio * 100 << "%";
  return out.str();
}

Json StatsJson(const ErrorStats& stats) {
  return {{"layers", stats.layers}, {"median", stats.median}, {"max", stats.max}};
}

// Prints (and returns as JSON) the error of each estimate on `cells`.
Json Summarise(const std::string& title, const std::vector<const Cell*>& cells,
               const analytic::Calibration& calibration) {
  const ErrorStats paper = StatsOf(ErrorsOf(cells, &Cell::paper_s));
  const ErrorStats fill_drain = StatsOf(ErrorsOf(cells, &Cell::fill_drain_s));
  const ErrorStats calibrated = StatsOf(analytic::RelativeErrors(SamplesOf(cells), calibration));
  std::printf("%s: %zu programs, %zu layers; per-layer |estimate / simulated - 1|\n", title.c_str(),
              cells.size(), paper.layers);
  std::printf("  %-28s %10s %10s\n", "", "median", "max");
  std::printf("  %-28s %10s %10s\n", "paper estimate (before)", Percent(paper.median).c_str(),
              Percent(paper.max).c_str());
  std::printf("  %-28s %10s %10s\n", "with fill/drain", Percent(fill_drain.median).c_str(),
              Percent(fill_drain.max).c_str());
  std::printf("  %-28s %10s %10s\n", "calibrated (after)", Percent(calibrated.median).c_str(),
              Percent(calibrated.max).c_str());
  return {{"programs", cells.size()},
          {"paper", StatsJson(paper)},
          {"fill_drain", StatsJson(fill_drain)},
          {"calibrated", StatsJson(calibrated)}};
}

}  // namespace

int CalibrateCommand(const Args& args) {
  // --suite: the other direction, simulator config keys fitted to silicon measurements.
  for (const std::string& arg : args) {
    if (arg == "--suite" || arg.rfind("--suite=", 0) == 0) return SuiteCalibrateCommand(args);
  }
  std::string arch;
  std::vector<std::string> sets;
  std::vector<std::string> workloads;
  std::string meshes_text;
  std::string holdout_text;
  std::string sparsity_text = "0";
  std::string output;
  std::string json_path;
  int jobs = 2;
  po::options_description options("calibrate options");
  // clang-format off
  options.add_options()
      ("arch", po::value(&arch)->required(),
       "a preset family (e.g. realistic: configs/realistic-RxC.yaml per mesh), or one config "
       "whose array.rows and array.columns each mesh overrides")
      ("set", po::value(&sets)->composing(), "override a config key in every mesh (repeatable)")
      ("workload", po::value(&workloads)->required()->composing(),
       "workload to simulate (repeatable)")
      ("meshes", po::value(&meshes_text)->required(), "meshes to fit on, e.g. 2x2,4x4,6x6")
      ("holdout", po::value(&holdout_text)->required(),
       "meshes held out of the fit, to report the error on, e.g. 3x3,8x8")
      ("sparsity", po::value(&sparsity_text), "sparsity ratios, e.g. 0,0.5 (default 0)")
      ("jobs", po::value(&jobs), "child processes at a time (default 2)")
      ("output,o", po::value(&output)->required(), "the calibration overlay (YAML) to write")
      ("json", po::value(&json_path), "also write the figures as JSON here");
  // clang-format on
  if (!ParseArgs("calibrate",
                 "--arch A --workload W [--workload W2 ...] --meshes 2x2,4x4 --holdout 3x3,8x8 "
                 "-o overlay.yaml",
                 args, options, {})) {
    return 0;
  }
  if (jobs < 1) throw UserError("--jobs must be >= 1");
  const std::vector<Mesh> fit_meshes = ParseMeshes(meshes_text, "--meshes");
  const std::vector<Mesh> holdout_meshes = ParseMeshes(holdout_text, "--holdout");
  for (const Mesh& held : holdout_meshes) {
    for (const Mesh& fit : fit_meshes) {
      if (held.text == fit.text) {
        throw UserError("--holdout: mesh " + held.text + " is also in --meshes");
      }
    }
  }
  const std::vector<double> ratios = ParseRatios(sparsity_text);

  TemporaryDirectory directory("aie2sim-calibrate");
  std::vector<Cell> cells;
  for (int held = 0; held < 2; ++held) {
    for (const Mesh& mesh : held ? holdout_meshes : fit_meshes) {
      for (const std::string& workload : workloads) {
        for (double ratio : ratios) {
          Cell cell;
          cell.mesh = mesh;
          cell.held_out = held == 1;
          cell.workload = workload;
          cell.sparsity = ratio;
          cell.config = ConfigFor(arch, sets, mesh);
          std::ostringstream label;
          label << workload << " " << mesh.text << " sparsity " << ratio;
          cell.label = label.str();
          const std::string stem = directory.path() + "/cell" + std::to_string(cells.size());
          cell.program_path = stem + ".pb";
          cell.json_path = stem + ".json";
          cells.push_back(std::move(cell));
        }
      }
    }
  }
  // Load every config once here, so that a bad --arch or --set stops before any child runs.
  for (const Cell& cell : cells) arch::LoadHardwareConfig(cell.config.path, cell.config.sets);

  const std::string self = SelfExecutable();
  auto base_command = [&](const char* command, const Cell& cell) {
    std::vector<std::string> argv = {self, command, "--arch", cell.config.path};
    for (const std::string& assignment : cell.config.sets) {
      argv.insert(argv.end(), {"--set", assignment});
    }
    return argv;
  };
  std::vector<ChildCommand> compiles;
  for (size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    ChildCommand command{base_command("compile", cell), cell.program_path + ".stderr"};
    std::ostringstream ratio;
    ratio << cell.sparsity;
    command.argv.insert(command.argv.end(), {"--workload", cell.workload, "--sparsity", ratio.str(),
                                             "-o", cell.program_path});
    compiles.push_back(std::move(command));
  }
  std::cerr << "calibrate: compiling " << cells.size() << " programs (" << jobs << " at a time)\n";
  const std::vector<int> compiled = RunChildren(compiles, jobs);
  std::vector<ChildCommand> simulations;
  std::vector<size_t> simulated_cells;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (compiled[i] != 0) {
      std::cerr << "calibrate: skipped " << cells[i].label << ": compile failed (exit "
                << compiled[i] << "): " << LastLineOf(compiles[i].stderr_path) << "\n";
      continue;
    }
    ChildCommand command{base_command("simulate", cells[i]), cells[i].json_path + ".stderr"};
    command.argv.insert(command.argv.end(),
                        {"--program", cells[i].program_path, "--json", cells[i].json_path});
    simulations.push_back(std::move(command));
    simulated_cells.push_back(i);
  }
  std::cerr << "calibrate: simulating " << simulations.size() << " programs\n";
  const std::vector<int> simulated = RunChildren(simulations, jobs);
  for (size_t k = 0; k < simulated_cells.size(); ++k) {
    Cell& cell = cells[simulated_cells[k]];
    if (simulated[k] != 0) {
      std::cerr << "calibrate: skipped " << cell.label << ": simulation failed (exit "
                << simulated[k] << "): " << LastLineOf(simulations[k].stderr_path) << "\n";
      continue;
    }
    const arch::HardwareConfig config =
        arch::LoadHardwareConfig(cell.config.path, cell.config.sets);
    const isa::Program program = isa::ReadProgram(cell.program_path);
    cell.clock_hz = config.clock_hz();
    cell.model = analytic::CalibrationModel(program, config);
    for (bool fill_drain : {false, true}) {
      const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {fill_drain});
      std::vector<double>& target = fill_drain ? cell.fill_drain_s : cell.paper_s;
      for (const analytic::LayerEstimate& layer : estimate.layers) {
        target.push_back(layer.total.count() / cell.clock_hz);
      }
    }
    std::ifstream file(cell.json_path);
    const Json report = Json::parse(file, nullptr, /*allow_exceptions=*/false);
    AIE2SIM_CHECK(report.is_object() && report["layers"].size() == cell.paper_s.size(),
                  cell.json_path + ": not the simulate report of " + cell.label);
    for (const Json& layer : report["layers"]) {
      cell.simulated_s.push_back(layer.at("simulated_s").get<double>());
    }
    cell.ok = true;
  }
  std::vector<const Cell*> fit_cells;
  std::vector<const Cell*> held_cells;
  for (const Cell& cell : cells) {
    if (cell.ok) (cell.held_out ? held_cells : fit_cells).push_back(&cell);
  }
  if (fit_cells.empty()) throw UserError("calibrate: no fit mesh could be compiled and simulated");

  std::cerr << "calibrate: fitting " << fit_cells.size() << " programs\n";
  const analytic::CalibrationFit fit = analytic::FitCalibration(SamplesOf(fit_cells));
  const analytic::Calibration& calibration = fit.calibration;

  std::printf("calibration of the analytic model against %s simulations (%d evaluations)\n",
              arch.c_str(), fit.evaluations);
  const std::vector<analytic::FitParameter> parameters =
      analytic::CalibrationParameters(calibration);
  for (const analytic::FitParameter& parameter : parameters) {
    std::printf("  %-26s %g\n", parameter.name.c_str(), parameter.initial);
  }
  Json json;
  json["fit"] = Summarise("fit meshes " + meshes_text, fit_cells, calibration);
  json["held_out"] = held_cells.empty()
                         ? Json(nullptr)
                         : Summarise("held-out meshes " + holdout_text, held_cells, calibration);
  if (held_cells.empty())
    std::printf("held-out meshes %s: none could be simulated\n", holdout_text.c_str());
  Json per_mesh = Json::object();
  for (const Mesh& mesh : holdout_meshes) {
    std::vector<const Cell*> of_mesh;
    for (const Cell* cell : held_cells) {
      if (cell->mesh.text == mesh.text) of_mesh.push_back(cell);
    }
    if (of_mesh.empty()) continue;
    per_mesh[mesh.text] = holdout_meshes.size() == 1
                              ? json["held_out"]
                              : Summarise("  held-out " + mesh.text, of_mesh, calibration);
  }
  json["held_out_per_mesh"] = std::move(per_mesh);

  analytic::CalibrationFile file;
  file.calibration = calibration;
  std::string workload_list;
  for (const std::string& workload : workloads)
    workload_list += (workload_list.empty() ? "" : ",") + workload;
  file.description = "fitted on " + arch + " " + meshes_text + " (" + workload_list +
                     ", sparsity " + sparsity_text + "); held out " + holdout_text;
  std::ostringstream comment;
  comment << "aie2sim calibration overlay, written by `aie2sim calibrate`: the analytic model's\n"
          << "free parameters (sim/analytic/calibration.h) fitted to simulated per-layer times.\n"
          << "Use: aie2sim estimate --arch A --program P --calibration THIS_FILE";
  const ErrorStats held_before = StatsOf(ErrorsOf(held_cells, &Cell::paper_s));
  const ErrorStats held_after =
      StatsOf(analytic::RelativeErrors(SamplesOf(held_cells), calibration));
  if (held_before.layers > 0) {
    comment << "\nHeld-out per-layer error, median (max): before " << Percent(held_before.median)
            << " (" << Percent(held_before.max) << "), after " << Percent(held_after.median) << " ("
            << Percent(held_after.max) << ").";
  }
  WriteOutputFile(output, analytic::FormatCalibration(file, comment.str()));
  std::cerr << "calibrate: wrote " << output << "\n";

  if (!json_path.empty()) {
    Json parameters_json = Json::object();
    for (const analytic::FitParameter& parameter : parameters) {
      parameters_json[parameter.name] = parameter.initial;
    }
    json["parameters"] = std::move(parameters_json);
    json["loss"] = fit.loss;
    json["evaluations"] = fit.evaluations;
    Json skipped = Json::array();
    for (const Cell& cell : cells) {
      if (!cell.ok) skipped.push_back(cell.label);
    }
    json["skipped"] = std::move(skipped);
    WriteOutputFile(json_path, json.dump(2) + "\n");
  }
  return 0;
}

}  // namespace aie2sim::cli
