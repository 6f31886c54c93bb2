#include "sim/cli/pipeline.h"

#include <iostream>

#include "compiler/codegen/compile.h"
#include "compiler/frontend/workload_loader.h"
#include "sim/base/error.h"
#include "sim/cli/options.h"
#include "sim/cli/report_builder.h"
#include "sim/isa/validator.h"

namespace aie2sim::cli {

void AddWorkloadOptions(po::options_description& options, WorkloadOptions* values) {
  options.add_options()
      ("workload", po::value(&values->workload)->required(),
       "workload: a YAML path or a shipped name (e.g. tiny)")
      ("batch", po::value(&values->batch), "batch size (replaces the workload's)");
}

isa::Program CompileWorkload(const WorkloadOptions& workload, const arch::HardwareConfig& config) {
  if (workload.batch < 0) throw UserError("--batch must be >= 1");
  const ir::Graph graph = frontend::LoadWorkload(workload.workload, workload.batch);
  isa::Program program = codegen::CompileGraph(graph, config, codegen::CompileOptions{});
  const std::vector<std::string> problems = isa::ValidateProgram(program, config);
  if (!problems.empty()) {
    throw InternalError("compiler produced an invalid program for " + graph.name + ": " +
                        problems.front() + " (and " + std::to_string(problems.size() - 1) +
                        " more)");
  }
  return program;
}

void EstimateInto(report::Report& report, const isa::Program& program,
                  const arch::HardwareConfig& config) {
  const analytic::ProgramEstimate paper = analytic::Estimate(program, config, {false});
  const analytic::ProgramEstimate fill_drain = analytic::Estimate(program, config, {true});
  AddEstimate(report, paper, fill_drain, config);
}

void Emit(report::Report& report, const arch::HardwareConfig& config, const std::string& json_path,
          const std::string& csv_path) {
  FinishReport(report, config);
  std::cout << report::FormatTable(report);
  if (!json_path.empty()) report::WriteJson(report, json_path);
  if (!csv_path.empty()) report::WriteCsv(report, csv_path);
}

}  // namespace aie2sim::cli
