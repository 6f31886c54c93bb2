#include "compiler/driver/driver.h"

#include <optional>
#include <sstream>

#include "compiler/costtile/cost_tiler.h"
#include "compiler/driver/codegen_pass.h"
#include "compiler/driver/frontend_pass.h"
#include "compiler/driver/memory_plan_pass.h"
#include "compiler/driver/schedule_pass.h"
#include "compiler/driver/sparsity_pass.h"
#include "compiler/driver/tiling_pass.h"
#include "compiler/driver/validate_pass.h"
#include "sim/base/error.h"

namespace aie2sim::driver {
namespace {

// Prints `text()` under a header when `pass` is to be dumped.
template <typename Text>
void DumpAfter(const Dumps& dumps, const std::string& pass, Text&& text) {
  if (dumps.out == nullptr || dumps.after.count(pass) == 0) return;
  *dumps.out << "=== after " << pass << " ===\n" << text();
}

}  // namespace

const std::vector<std::string>& PassNames() {
  static const std::vector<std::string> names = {"frontend", "sparsity",    "schedule",
                                                 "tiling",   "memory-plan", "cost-tiling",
                                                 "codegen",  "validate"};
  return names;
}

Dumps ParseDumpAfter(const std::string& value, std::ostream* out) {
  Dumps dumps;
  dumps.out = out;
  std::istringstream list(value);
  for (std::string name; std::getline(list, name, ',');) {
    if (name == "all") {
      dumps.after.insert(PassNames().begin(), PassNames().end());
      continue;
    }
    bool known = false;
    for (const std::string& pass : PassNames()) known = known || pass == name;
    if (!known) {
      std::string expected;
      for (const std::string& pass : PassNames()) expected += pass + ", ";
      throw UserError("--dump-after: unknown pass \"" + name + "\" (expected " + expected +
                      "or all)");
    }
    dumps.after.insert(name);
  }
  if (dumps.after.empty()) throw UserError("--dump-after: no pass named");
  return dumps;
}

ir::Graph LoadSparse(const WorkloadInput& input, sparsity::SparsityRecord* record,
                     const Dumps& dumps) {
  sparsity::ValidateOptions(input.sparsity);  // before loading: a bad flag fails fast
  ir::Graph graph = RunFrontend(input.workload, input.batch);
  DumpAfter(dumps, "frontend", [&] { return DumpGraph(graph); });
  if (input.before_sparsity) input.before_sparsity(graph);
  *record = RunSparsity(graph, input.sparsity);
  DumpAfter(dumps, "sparsity", [&] { return DumpSparsity(*record); });
  return graph;
}

isa::Program Compile(const WorkloadInput& input, const BackendOptions& backend,
                     const arch::HardwareConfig& config, const Dumps& dumps) {
  sparsity::SparsityRecord record;
  const ir::Graph graph = LoadSparse(input, &record, dumps);
  codegen::CompileOptions options;
  options.sparsity.set_ratio(record.ratio);
  const std::optional<sparsity::BlockSize> block = sparsity::TryParseBlockSize(record.block);
  options.sparsity.set_block_h(static_cast<uint32_t>(block ? block->h : 0));
  options.sparsity.set_block_w(static_cast<uint32_t>(block ? block->w : 0));
  options.sparsity.set_importance(record.importance);
  options.sparsity.set_seed(record.seed);
  options.keep_resident = backend.keep_resident;
  options.cost_tiling = backend.cost_tiling;
  std::optional<FunctionalData> functional;
  codegen::FunctionalInputs view;
  if (backend.functional) {
    CheckFunctionalFits(graph, config, input.workload);
    functional = PrepareFunctional(graph, backend.input_path, backend.seed);
    view = functional->View();
    options.functional = &view;
  }
  return CompileGraph(graph, config, options, dumps);
}

schedule::MemtilePlan PlanMemory(const ir::Graph& graph, const arch::HardwareConfig& config,
                                 bool keep_resident, const Dumps& dumps) {
  const schedule::Schedule schedule = RunSchedule(graph);
  DumpAfter(dumps, "schedule", [&] { return DumpSchedule(graph, schedule); });
  const tiling::TilingCandidates candidates = RunTiling(graph, config, schedule);
  DumpAfter(dumps, "tiling", [&] { return DumpTiling(graph, schedule, candidates); });
  schedule::MemtilePlan plan = RunMemoryPlan(graph, config, keep_resident, schedule, candidates);
  DumpAfter(dumps, "memory-plan", [&] { return DumpMemoryPlan(graph, plan); });
  return plan;
}

isa::Program CompileGraph(const ir::Graph& graph, const arch::HardwareConfig& config,
                          const codegen::CompileOptions& options, const Dumps& dumps) {
  schedule::MemtilePlan plan = PlanMemory(graph, config, options.keep_resident, dumps);
  if (options.cost_tiling) {
    const std::vector<costtile::LayerChoice> choices =
        costtile::ChooseTilings(graph, config, &plan);
    DumpAfter(dumps, "cost-tiling", [&] { return costtile::DumpChoices(graph, choices); });
  }
  isa::Program program = RunCodegen(graph, config, plan, options);
  DumpAfter(dumps, "codegen", [&] { return DumpProgram(program); });
  RunValidate(program, config);
  DumpAfter(dumps, "validate", [&] { return DumpValidation(program); });
  return program;
}

}  // namespace aie2sim::driver
