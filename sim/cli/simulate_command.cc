#include <chrono>
#include <iostream>
#include <optional>

#include "sim/base/error.h"
#include "sim/base/temporary_directory.h"
#include "sim/cli/attribution_runner.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/program_io.h"
#include "sim/isa/validator.h"
#include "sim/model/invariants.h"
#include "sim/model/simulator.h"
#include "sim/report/html_report.h"

namespace aie2sim::cli {
namespace {

struct OutputOptions {
  std::string json_path;
  std::string csv_path;
  std::string trace_path;
  std::string trace_layer;
  std::string trace_granularity = "instruction";
  std::string html_path;
  bool functional = false;
};

void AddOutputOptions(po::options_description& options, OutputOptions* values) {
  options.add_options()
      ("json", po::value(&values->json_path), "write the JSON report here")
      ("csv", po::value(&values->csv_path), "write the per-layer CSV here")
      ("trace", po::value(&values->trace_path), "write a Chrome-trace JSON timeline here")
      ("trace-layer", po::value(&values->trace_layer),
       "trace only layers whose name contains this text")
      ("trace-granularity", po::value(&values->trace_granularity),
       "instruction (one slice per transfer/compute) or group (one per engine per group)")
      ("html", po::value(&values->html_path),
       "write a self-contained HTML report (tables, plots, timeline) here");
}

void AddFunctionalSwitch(po::options_description& options, OutputOptions* values) {
  options.add_options()
      ("functional", po::bool_switch(&values->functional),
       "run on the real int8 data the program carries (compile --functional) and check every "
       "layer's output bit for bit");
}

// The trace the simulation writes: the user's --trace, else for --html alone one in a temporary
// folder (removed on every exit), else none.
class TraceFile {
 public:
  explicit TraceFile(const OutputOptions& output) : path_(output.trace_path) {
    if (path_.empty() && !output.html_path.empty()) {
      folder_.emplace("aie2sim-html");
      path_ = folder_->path() + "/trace.json";
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::optional<TemporaryDirectory> folder_;
  std::string path_;
};

model::SimOptions SimOptionsOf(const OutputOptions& output, const TraceFile& trace) {
  model::SimOptions options;
  options.trace_path = trace.path();
  options.trace_layer_filter = output.trace_layer;
  options.functional = output.functional;
  if (output.trace_granularity == "instruction") {
    options.trace_granularity = model::TraceGranularity::kInstruction;
  } else if (output.trace_granularity == "group") {
    options.trace_granularity = model::TraceGranularity::kGroup;
  } else {
    throw UserError("--trace-granularity: expected instruction or group, got \"" +
                    output.trace_granularity + "\"");
  }
  return options;
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs the simulation and adds it to the report. A deadlock in a program the user gave us is
// their error (exit 2); in one our compiler made it is ours (exit 1).
void SimulateInto(report::Report& report, const arch::HardwareConfig& config,
                  const isa::Program& program, const OutputOptions& output, const TraceFile& trace,
                  bool user_program, const std::string& program_name) {
  const model::SimOptions options = SimOptionsOf(output, trace);
  const auto start = std::chrono::steady_clock::now();
  model::SimResult result;
  try {
    result = model::Simulate(config, program, options);
  } catch (const model::DeadlockError& deadlock) {
    // The error line first, then the blocked engines (main prints the error line itself, so
    // it is printed here and the process ends with the details below it).
    const std::string message = program_name + ": " + deadlock.what();
    std::cerr << (user_program ? "aie2sim: error: " : "aie2sim: internal error: ")
              << (user_program ? UserError(message).what() : message) << "\n";
    for (const std::string& blocked : deadlock.blocked()) std::cerr << "  " << blocked << "\n";
    throw ReportedError(user_program ? 2 : 1);
  } catch (const ProgramError& broken) {
    // A lock overflow, functional data that does not fit, racing buffers (checked in debug and
    // sanitizer builds): a property of a user's program, our bug in one we compiled.
    if (user_program) throw UserError(program_name + ": " + broken.what());
    throw;
  }
  report.wall_s["simulate"] = Since(start);
  AddSimulation(report, result);
  if (result.functional) {
    AddFunctional(report, result, program);
    std::cerr << "functional: " << result.checked.size()
              << " layers bit-exact against the reference\n";
  }
  const double wall = report.wall_s["simulate"];
  std::cerr << "simulated " << result.events << " events in " << wall << " s wall ("
            << (wall > 0 ? static_cast<double>(result.events) / wall : 0.0) << " events/s)\n";
}

}  // namespace

int SimulateCommand(const Args& args) {
  ArchOptions arch_options;
  std::string program_path;
  OutputOptions output;
  po::options_description options("simulate options");
  AddArchOptions(options, &arch_options);
  options.add_options()("program", po::value(&program_path)->required(),
                        "program file from aie2sim compile");
  AddOutputOptions(options, &output);
  AddFunctionalSwitch(options, &output);
  if (!ParseArgs("simulate", "--arch A --program prog.pb [--json r.json] [--trace t.json]", args,
                 options, {})) {
    return 0;
  }
  const arch::HardwareConfig config = LoadArch(arch_options);
  const isa::Program program = isa::ReadProgram(program_path);
  isa::CheckProgram(program, config, program_path);
  if (output.functional && !program.has_functional()) {
    throw UserError(program_path + ": has no functional data (compile it with --functional)");
  }
  report::Report report = ReportFor("simulate", config, program);
  const TraceFile trace(output);
  SimulateInto(report, config, program, output, trace, /*user_program=*/true, program_path);
  Emit(report, config, output.json_path, output.csv_path);
  if (!output.html_path.empty()) {
    report::WriteHtml(report, &program, output.html_path, trace.path());
  }
  return 0;
}

int RunCommand(const Args& args) {
  ArchOptions arch_options;
  WorkloadOptions workload;
  OutputOptions output;
  AttributionOptions attribution;
  bool no_attribution = false;
  std::string calibration_path;
  po::options_description options("run options");
  AddArchOptions(options, &arch_options);
  AddWorkloadOptions(options, &workload);
  AddFunctionalOptions(options, &workload);
  AddOutputOptions(options, &output);
  options.add_options()
      ("jobs", po::value(&attribution.jobs),
       "attribution: child simulations at a time (default 2)")
      ("calibration", po::value(&calibration_path),
       "also estimate with this calibration overlay (from aie2sim calibrate): calibrated_s")
      ("no-attribution", po::bool_switch(&no_attribution),
       "realistic timing: do not simulate the effects one by one; their sum is 'unattributed'");
  if (!ParseArgs("run", "--arch A --workload W [--json r.json] [--csv r.csv] [--trace t.json]",
                 args, options, {})) {
    return 0;
  }
  if (attribution.jobs < 1) throw UserError("--jobs must be >= 1");
  const arch::HardwareConfig config = LoadArch(arch_options);
  output.functional = workload.functional;
  std::optional<analytic::CalibrationFile> calibration;
  if (!calibration_path.empty()) calibration = analytic::LoadCalibration(calibration_path);
  auto start = std::chrono::steady_clock::now();
  const isa::Program program = CompileWorkload(workload, config);
  const double compile_s = Since(start);
  report::Report report = ReportFor("run", config, program);
  report.wall_s["compile"] = compile_s;
  start = std::chrono::steady_clock::now();
  EstimateInto(report, program, config);
  if (calibration) AddCalibrated(report, program, config, *calibration, calibration_path);
  report.wall_s["estimate"] = Since(start);
  const TraceFile trace(output);
  SimulateInto(report, config, program, output, trace, /*user_program=*/false, program.workload());
  attribution.simulate_effects = !no_attribution;
  start = std::chrono::steady_clock::now();
  AttributeInto(report, config, program, attribution);
  report.wall_s["attribution"] = Since(start);
  Emit(report, config, output.json_path, output.csv_path);
  if (!output.html_path.empty()) {
    report::WriteHtml(report, &program, output.html_path, trace.path());
  }
  return 0;
}

}  // namespace aie2sim::cli
