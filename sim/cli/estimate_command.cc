#include <chrono>
#include <iostream>
#include <optional>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/program_io.h"
#include "sim/isa/validator.h"

namespace aie2sim::cli {

int EstimateCommand(const Args& args) {
  ArchOptions arch_options;
  std::string program_path;
  std::string json_path;
  std::string csv_path;
  std::string calibration_path;
  po::options_description options("estimate options");
  AddArchOptions(options, &arch_options);
  options.add_options()
      ("program", po::value(&program_path)->required(), "program file from aie2sim compile")
      ("json", po::value(&json_path), "write the JSON report here")
      ("csv", po::value(&csv_path), "write the per-layer CSV here")
      ("calibration", po::value(&calibration_path),
       "also estimate with this calibration overlay (from aie2sim calibrate): calibrated_s");
  if (!ParseArgs("estimate", "--arch A --program prog.pb [--json r.json] [--csv r.csv]", args,
                 options, {})) {
    return 0;
  }
  const arch::HardwareConfig config = LoadArch(arch_options);
  std::optional<analytic::CalibrationFile> calibration;
  if (!calibration_path.empty()) calibration = analytic::LoadCalibration(calibration_path);
  const isa::Program program = isa::ReadProgram(program_path);
  isa::CheckProgram(program, config, program_path);
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
