#include <chrono>
#include <functional>
#include <iostream>
#include <optional>

#include "compiler/reference/npy_output.h"
#include "sim/analytic/design_bound.h"
#include "sim/base/error.h"
#include "sim/cli/attribution_runner.h"
#include "sim/cli/commands.h"
#include "sim/cli/design_input.h"
#include "sim/cli/design_report.h"
#include "sim/cli/observation.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/program_io.h"
#include "sim/isa/program_work.h"
#include "sim/isa/validator.h"
#include "sim/model/invariants.h"
#include "sim/model/simulator.h"
#include "sim/report/html_report.h"
#include "sim/report/report.h"
#include "sim/trace/recording_sink.h"
#include "sim/trace/timeline_record.h"

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
  bool verbose = false;
  // Instruction executions a simulation may take (isa::ProgramWork): hours at the model's
  // usual hundred thousand to a million events per second.
  uint64_t max_events = 1'000'000'000;
  std::string output_path;   // functional mode: the network's output as an int8 .npy
  std::string observe_path;  // a silicon-suite entry whose observable to report (observation.h)
};

void AddOutputOptions(po::options_description& options, OutputOptions* values) {
  // clang-format off
  options.add_options()
      ("json", po::value(&values->json_path), "write the JSON report here")
      ("csv", po::value(&values->csv_path), "write the per-layer CSV here")
      ("trace", po::value(&values->trace_path), "write a Chrome-trace JSON timeline here")
      ("trace-layer", po::value(&values->trace_layer),
       "trace only layers whose name contains this text")
      ("trace-granularity", po::value(&values->trace_granularity),
       "instruction (one slice per transfer/compute) or group (one per engine per group)")
      ("html", po::value(&values->html_path),
       "write a self-contained HTML report (tables, plots, timeline) here")
      ("max-events", po::value(&values->max_events),
       "refuse a program that executes more instructions than this (default 10^9: hours of "
       "simulation)")
      ("verbose", po::bool_switch(&values->verbose),
       "on a deadlock, list every blocked engine (the error line names the first three)")
      ("observe", po::value(&values->observe_path),
       "report the observable of this silicon-suite entry (tests/silicon/*.yaml) as `observed`, "
       "read from the simulation's slices");
  // clang-format on
}

void AddFunctionalSwitch(po::options_description& options, OutputOptions* values) {
  options.add_options()(
      "functional", po::bool_switch(&values->functional),
      "run on the real int8 data the program carries (compile --functional) and check every "
      "layer's output bit for bit");
}

void AddNetworkOutputOption(po::options_description& options, OutputOptions* values) {
  options.add_options()(
      "output", po::value(&values->output_path),
      "functional: write the network's output (the last layer's, int8 BHWC; its exponent is in "
      "the report's functional.output) as a .npy file here");
}

void CheckNetworkOutputOption(const OutputOptions& output) {
  if (!output.output_path.empty() && !output.functional) {
    throw UserError("--output: only with --functional");
  }
}

// The network's output after a functional run: every layer's output equalled the reference's
// byte for byte (a mismatch ends the run before this), so the simulated array's output is the
// reference output the program carries.
void WriteNetworkOutput(report::Report& report, const isa::Program& program,
                        const std::string& path) {
  const isa::LayerData& data = program.layers(program.layers_size() - 1).data();
  reference::WriteNpyInt8(
      path, std::vector<uint64_t>(data.output().shape().begin(), data.output().shape().end()),
      data.expected());
  report.extra["functional"]["output"]["file"] = path;
}

// The timeline the HTML report draws (--html): recorded in memory as the simulation runs, from
// the same slices the Chrome trace (--trace) gets.
class HtmlTimeline {
 public:
  HtmlTimeline(const OutputOptions& output, const report::Report& report) {
    if (output.html_path.empty()) return;
    record_.emplace(report::HtmlOptions().record_slices());
    std::vector<std::string> layers;
    for (const report::LayerRow& row : report.layers) layers.push_back(row.name);
    record_->AddLayers(layers);
    sink_.emplace(*record_);
  }
  trace::TraceSink* sink() { return sink_ ? &*sink_ : nullptr; }
  const trace::TimelineRecord* record() const { return record_ ? &*record_ : nullptr; }

 private:
  std::optional<trace::TimelineRecord> record_;
  std::optional<trace::RecordingSink> sink_;
};

model::SimOptions SimOptionsOf(const OutputOptions& output, HtmlTimeline& timeline) {
  if (!output.observe_path.empty() &&
      (!output.trace_layer.empty() || output.trace_granularity != "instruction")) {
    throw UserError("--observe: not with --trace-layer or --trace-granularity group (the "
                    "observable reads every instruction of every layer)");
  }
  model::SimOptions options;
  options.trace_path = output.trace_path;
  if (timeline.sink() != nullptr) options.trace_sinks.push_back(timeline.sink());
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
// their error (exit 2); in one our compiler made it is ours (exit 1). `explain`, when given,
// rewrites the deadlock's lines (a design names its FIFOs).
void SimulateInto(report::Report& report, const arch::HardwareConfig& config,
                  const isa::Program& program, const OutputOptions& output, HtmlTimeline& timeline,
                  bool user_program, const std::string& program_name,
                  const std::function<std::string(const std::string&)>& explain = nullptr) {
  const auto explained = [&](const std::string& text) { return explain ? explain(text) : text; };
  model::SimOptions options = SimOptionsOf(output, timeline);
  std::optional<Observation> observation;
  if (!output.observe_path.empty()) {
    observation.emplace(output.observe_path, config);
    options.observer = &observation->observer();
  }
  isa::CheckProgramWork(program, output.max_events, program_name);
  const auto start = std::chrono::steady_clock::now();
  model::SimResult result;
  try {
    result = model::Simulate(config, program, options);
  } catch (const model::DeadlockError& deadlock) {
    // One error line naming the first blocked engines; the full list in the JSON report (a
    // complete one, with a `deadlock` section and no simulated times) and, with --verbose, on
    // indented lines after it.
    std::vector<std::string> blocked;
    for (const std::string& line : deadlock.blocked()) blocked.push_back(explained(line));
    if (!output.json_path.empty()) {
      report.extra["deadlock"] = {{"message", explained(deadlock.what())},
                                  {"where", deadlock.where()},
                                  {"time_s", deadlock.time_s()},
                                  {"blocked", blocked}};
      report::WriteJson(report, output.json_path);
    }
    const std::string message = program_name + ": " + explained(deadlock.what());
    std::cerr << (user_program ? "aie2sim: error: " : "aie2sim: internal error: ")
              << UserError::OneLine(message) << "\n";
    if (output.verbose) {
      for (const std::string& line : blocked) std::cerr << "  " << line << "\n";
    }
    throw ReportedError(user_program ? 2 : 1);
  } catch (const model::DesignEndError& unmatched) {
    if (user_program) throw UserError(program_name + ": " + unmatched.what());
    throw InternalError(program_name + ": " + unmatched.what());
  } catch (const ProgramError& broken) {
    // A lock overflow, functional data that does not fit, racing buffers (checked in debug and
    // sanitizer builds): a property of a user's program, our bug in one we compiled.
    if (user_program) throw UserError(program_name + ": " + broken.what());
    throw;
  }
  report.wall_s["simulate"] = Since(start);
  if (!result.idle_at_end.empty()) {
    std::cerr << "idle at end: " << result.idle_at_end.size()
              << " engines wait for data that never comes (not a deadlock):\n";
    for (const std::string& idle : result.idle_at_end) std::cerr << "  " << idle << "\n";
  }
  AddSimulation(report, result);
  if (!result.idle_at_end.empty()) report.extra["simulation"]["idle_at_end"] = result.idle_at_end;
  if (observation) observation->AddTo(report);
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
  bool attribute = false;
  options.add_options()(
      "attribution", po::bool_switch(&attribute),
      "also estimate (a design: its per-resource bound) and attribute simulated - estimate to "
      "the realistic effects, simulating them on one by one");
  AddNetworkOutputOption(options, &output);
  if (!ParseArgs("simulate", "--arch A --program prog.pb [--json r.json] [--trace t.json]", args,
                 options, {})) {
    return 0;
  }
  const arch::HardwareConfig config = LoadArch(arch_options);
  const isa::Program program = isa::ReadProgram(program_path);
  isa::CheckProgram(program, config, program_path);
  // Before the report: its hardware bound walks every iteration too.
  isa::CheckProgramWork(program, output.max_events, program_path);
  if (output.functional && !program.has_functional()) {
    throw UserError(program_path + ": has no functional data (compile it with --functional)");
  }
  CheckNetworkOutputOption(output);
  report::Report report = ReportFor("simulate", config, program);
  HtmlTimeline timeline(output, report);
  SimulateInto(report, config, program, output, timeline, /*user_program=*/true, program_path);
  if (!output.output_path.empty()) WriteNetworkOutput(report, program, output.output_path);
  if (attribute) {
    AttributionOptions attribution;
    if (analytic::IsDesign(program)) {
      BoundInto(report, program, config);
      attribution.residual = "dataflow";
    } else {
      EstimateInto(report, program, config);
    }
    AttributeInto(report, config, program, attribution);
  }
  Emit(report, config, output.json_path, output.csv_path);
  if (!output.html_path.empty()) {
    report::WriteHtml(report, timeline.record(), output.html_path);
  }
  return 0;
}

// run --design: lower the design, simulate it, report its bound and the `design` section.
int RunDesignCommand(const Args& args) {
  DesignOptions design_options;
  OutputOptions output;
  po::options_description options("run --design options");
  AddDesignOptions(options, &design_options);
  AddOutputOptions(options, &output);
  AddFunctionalSwitch(options, &output);
  bool attribute = false;
  options.add_options()("attribution", po::bool_switch(&attribute),
                        "also attribute simulated - bound to the realistic effects, simulating "
                        "them on one by one (as simulate --attribution)");
  if (!ParseArgs("run", "--design D [--param K=V ...] [--arch A] [--json r.json] [--trace t.json]",
                 args, options, {})) {
    return 0;
  }
  if (output.functional) {
    throw UserError(
        "--functional: designs run timing-only; a functional (data) mode for designs "
        "is not supported yet");
  }
  auto start = std::chrono::steady_clock::now();
  const LoadedDesign loaded = LoadDesignProgram(design_options);
  const double compile_s = Since(start);
  const arch::HardwareConfig& config = loaded.config;
  const isa::Program& program = loaded.program;
  isa::CheckProgramWork(program, output.max_events, loaded.design.file);
  report::Report report = ReportFor("run", config, program);
  report.wall_s["compile"] = compile_s;
  BoundInto(report, program, config);
  HtmlTimeline timeline(output, report);
  SimulateInto(report, config, program, output, timeline, /*user_program=*/true,
               loaded.design.file,
               [&](const std::string& text) { return design::NameDesignParts(text, loaded.names); });
  AddDesignSection(report, loaded.design, program, config);
  if (attribute) {
    AttributionOptions attribution;
    attribution.residual = "dataflow";
    AttributeInto(report, config, program, attribution);
  }
  Emit(report, config, output.json_path, output.csv_path);
  std::cout << FormatDesignSummary(report);
  if (!output.html_path.empty()) {
    report::WriteHtml(report, timeline.record(), output.html_path);
  }
  return 0;
}

int RunCommand(const Args& args) {
  if (AsksForDesign(args)) return RunDesignCommand(args);
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
  AddNetworkOutputOption(options, &output);
  options.add_options()("jobs", po::value(&attribution.jobs),
                        "attribution: child simulations at a time (default 2)")(
      "calibration", po::value(&calibration_path),
      "also estimate with this calibration overlay (from aie2sim calibrate): calibrated_s")(
      "no-attribution", po::bool_switch(&no_attribution),
      "realistic timing: do not simulate the effects one by one; their sum is 'unattributed'");
  if (!ParseArgs("run", "--arch A --workload W [--json r.json] [--csv r.csv] [--trace t.json]",
                 args, options, {})) {
    return 0;
  }
  if (attribution.jobs < 1) throw UserError("--jobs must be >= 1");
  const arch::HardwareConfig config = LoadArch(arch_options);
  output.functional = workload.functional;
  CheckNetworkOutputOption(output);
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
  HtmlTimeline timeline(output, report);
  SimulateInto(report, config, program, output, timeline, /*user_program=*/false,
               program.workload());
  if (!output.output_path.empty()) WriteNetworkOutput(report, program, output.output_path);
  attribution.simulate_effects = !no_attribution;
  start = std::chrono::steady_clock::now();
  AttributeInto(report, config, program, attribution);
  report.wall_s["attribution"] = Since(start);
  Emit(report, config, output.json_path, output.csv_path);
  if (!output.html_path.empty()) {
    report::WriteHtml(report, timeline.record(), output.html_path);
  }
  return 0;
}

}  // namespace aie2sim::cli
