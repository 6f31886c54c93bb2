#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "sim/analytic/design_bound.h"
#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/program_io.h"
#include "sim/isa/program_work.h"
#include "sim/isa/validator.h"

namespace aie2sim::cli {
namespace {

// One line per layer and resource: "design  compute  core(0,0).proc  5120 cycles  5.120 us".
void PrintDesignBound(const isa::Program& program, const arch::HardwareConfig& config) {
  std::printf("%-20s %-8s %-20s %14s %12s\n", "layer", "resource", "bound by", "cycles", "us");
  for (const analytic::DesignBound& bound : analytic::BoundDesign(program, config)) {
    for (const analytic::ResourceBound& resource : bound.resources) {
      std::printf("%-20s %-8s %-20s %14.0f %12.3f\n", bound.layer.c_str(),
                  resource.resource.c_str(), resource.what.empty() ? "-" : resource.what.c_str(),
                  resource.cycles, resource.cycles / config.clock_hz() * 1e6);
    }
    std::printf("%-20s %-8s %-20s %14.0f %12.3f\n", bound.layer.c_str(), "bound",
                bound.bound_by.c_str(), bound.cycles, bound.seconds * 1e6);
  }
}

}  // namespace

int EstimateCommand(const Args& args) {
  ArchOptions arch_options;
  std::string program_path;
  std::string json_path;
  std::string csv_path;
  std::string calibration_path;
  uint64_t max_events = 1'000'000'000;
  po::options_description options("estimate options");
  AddArchOptions(options, &arch_options);
  options.add_options()("program", po::value(&program_path)->required(),
                        "program file from aie2sim compile")(
      "json", po::value(&json_path), "write the JSON report here")("csv", po::value(&csv_path),
                                                                   "write the per-layer CSV here")(
      "calibration", po::value(&calibration_path),
      "also estimate with this calibration overlay (from aie2sim calibrate): calibrated_s")(
      "max-events", po::value(&max_events),
      "refuse a program that executes more instructions than this (default 10^9): the bound "
      "walks every iteration's DDR regions");
  if (!ParseArgs("estimate", "--arch A --program prog.pb [--json r.json] [--csv r.csv]", args,
                 options, {})) {
    return 0;
  }
  const arch::HardwareConfig config = LoadArch(arch_options);
  std::optional<analytic::CalibrationFile> calibration;
  if (!calibration_path.empty()) calibration = analytic::LoadCalibration(calibration_path);
  const isa::Program program = isa::ReadProgram(program_path);
  isa::CheckProgram(program, config, program_path);
  isa::CheckProgramWork(program, max_events, program_path);
  if (analytic::IsDesign(program)) {
    // The paper's model has no meaning for a design: print its per-resource lower bound.
    if (!json_path.empty() || !csv_path.empty() || calibration) {
      throw UserError(program_path +
                      ": a design (program with a controller) has only the per-resource bound; "
                      "--json, --csv and --calibration do not apply yet");
    }
    PrintDesignBound(program, config);
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  report::Report report = ReportFor("estimate", config, program);
  EstimateInto(report, program, config);
  if (calibration) AddCalibrated(report, program, config, *calibration, calibration_path);
  report.wall_s["estimate"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Emit(report, config, json_path, csv_path);
  // The analytic model prices the program without executing it: a program that would deadlock
  // or overflow a lock still gets a figure. Said on every run, so nobody mistakes it for a check.
  std::cerr << "estimate: the program was validated, not executed; `aie2sim simulate` checks that "
               "it runs to the end\n";
  return 0;
}

}  // namespace aie2sim::cli
