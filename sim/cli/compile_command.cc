#include <chrono>
#include <iostream>

#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "compiler/design/acquire_walk.h"
#include "sim/cli/design_input.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/listing.h"
#include "sim/isa/program_io.h"

namespace aie2sim::cli {

namespace {

// compile --design: the design lowered to a program file (and its bound as the estimate).
int CompileDesignCommand(const Args& args) {
  DesignOptions design_options;
  std::string output;
  std::string json_path;
  bool acquires = false;
  po::options_description options("compile --design options");
  AddDesignOptions(options, &design_options);
  options.add_options()
      ("output,o", po::value(&output)->required(), "program file to write (binary protobuf)")
      ("json", po::value(&json_path), "also write a JSON report with the design's bound")
      ("acquires", po::bool_switch(&acquires),
       "print every acquire of an untimed walk of the design (lock values, ring positions)");
  if (!ParseArgs("compile", "--design D [--param K=V ...] [--arch A] -o prog.pb [--json r.json]",
                 args, options, {})) {
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  const LoadedDesign loaded = LoadDesignProgram(design_options);
  const double compile_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  isa::WriteProgram(loaded.program, output);
  if (acquires) {
    std::cout << design::WalkAcquires(loaded.program, loaded.names,
                                      loaded.config.shim.task_queue_depth);
  }
  std::cerr << "lowered design " << loaded.design.name << " for " << loaded.config.name
            << " into " << output << "\n";
  if (!json_path.empty()) {
    report::Report report = ReportFor("compile", loaded.config, loaded.program);
    BoundInto(report, loaded.program, loaded.config);
    report.wall_s["compile"] = compile_s;
    FinishReport(report, loaded.config);
    report::WriteJson(report, json_path);
  }
  return 0;
}

}  // namespace

int CompileCommand(const Args& args) {
  if (AsksForDesign(args)) return CompileDesignCommand(args);
  ArchOptions arch_options;
  WorkloadOptions workload;
  std::string output;
  std::string json_path;
  std::string dump_after;
  po::options_description options("compile options");
  AddArchOptions(options, &arch_options);
  AddWorkloadOptions(options, &workload);
  AddFunctionalOptions(options, &workload);
  options.add_options()
      ("output,o", po::value(&output), "program file to write (binary protobuf); required "
       "unless --dump-after is given")
      ("json", po::value(&json_path), "also write a JSON report with the analytic estimate")
      ("dump-after", po::value(&dump_after),
       "print the result of a compiler pass as text on stdout: frontend, sparsity, schedule, "
       "tiling, memory-plan, codegen, validate (several separated by commas), or all");
  if (!ParseArgs("compile",
                 "--arch A --workload W -o prog.pb [--json r.json] [--dump-after PASS|all]", args,
                 options, {})) {
    return 0;
  }
  if (output.empty() && dump_after.empty()) {
    throw UserError("aie2sim compile: the option '--output' is required but missing (see "
                    "aie2sim compile --help)");
  }
  const driver::Dumps dumps =
      dump_after.empty() ? driver::Dumps{} : driver::ParseDumpAfter(dump_after, &std::cout);
  const arch::HardwareConfig config = LoadArch(arch_options);
  const auto start = std::chrono::steady_clock::now();
  const isa::Program program = CompileWorkload(workload, config, dumps);
  const double compile_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!output.empty()) {
    isa::WriteProgram(program, output);
    std::cerr << "compiled " << program.layers_size() << " layers of " << program.workload()
              << " for " << config.name << " into " << output << "\n";
  }
  if (!json_path.empty()) {
    report::Report report = ReportFor("compile", config, program);
    EstimateInto(report, program, config);
    report.wall_s["compile"] = compile_s;
    FinishReport(report, config);
    report::WriteJson(report, json_path);
  }
  return 0;
}

int ListingCommand(const Args& args) {
  std::string program_path;
  po::options_description options("listing options");
  options.add_options()("program", po::value(&program_path)->required(), "program file");
  po::positional_options_description positional;
  positional.add("program", 1);
  if (!ParseArgs("listing", "prog.pb", args, options, positional)) return 0;
  std::cout << isa::ListProgram(isa::ReadProgram(program_path));
  return 0;
}

}  // namespace aie2sim::cli
