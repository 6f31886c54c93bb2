#include "sim/cli/pipeline.h"

#include <iostream>

#include "compiler/driver/driver.h"
#include "sim/analytic/design_bound.h"
#include "sim/base/error.h"
#include "sim/cli/options.h"
#include "sim/cli/report_builder.h"

namespace aie2sim::cli {

namespace {

// --batch as given (0 in WorkloadOptions means "not given": the workload's own).
void CheckBatch(const int64_t& batch) {
  if (batch < 1) throw UserError("--batch: must be >= 1, got " + std::to_string(batch));
}

// The driver's input from the command line's strings.
driver::WorkloadInput DriverInput(const WorkloadOptions& workload) {
  if (workload.batch < 0) throw UserError("--batch must be >= 1");
  driver::WorkloadInput input;
  input.workload = workload.workload;
  input.batch = workload.batch;
  sparsity::SparsityOptions& options = input.sparsity;
  options.ratio = workload.sparsity;
  const sparsity::BlockSize block = sparsity::ParseBlockSize(workload.block);
  options.block_h = block.h;
  options.block_w = block.w;
  if (!workload.importance.empty())
    options.importance = sparsity::ParseImportance(workload.importance);
  options.seed = workload.seed;
  if (workload.dense_layers != "first" && workload.dense_layers != "none") {
    throw UserError("--dense-layers: expected first or none, got \"" + workload.dense_layers +
                    "\"");
  }
  options.first_dense = workload.dense_layers == "first";
  options.spec_path = workload.sparsity_spec;
  options.mask_path = workload.mask_file;
  options.keep_lines = workload.keep_lines;
  options.global = workload.global;
  input.before_sparsity = workload.before_sparsity;
  return input;
}

}  // namespace

void AddWorkloadOptions(po::options_description& options, WorkloadOptions* values) {
  // clang-format off
  options.add_options()
      ("workload", po::value(&values->workload)->required(),
       "workload: a YAML path or a shipped name (e.g. tiny)")
      ("batch", po::value(&values->batch)->notifier(&CheckBatch),
       "batch size (replaces the workload's)")
      ("sparsity", po::value(&values->sparsity),
       "share of 8x8 weight blocks to zero in every Conv/Gemm, in [0, 1] (default 0: dense)")
      ("block", po::value(&values->block), "block size BHxBW: output x input channels (default 8x8)")
      ("importance", po::value(&values->importance),
       "block ranking: l2 | l1 | variance | existing | random (default l2 with weights, random "
       "without)")
      ("seed", po::value(&values->seed), "seed of the random importance (default 0)")
      ("dense-layers", po::value(&values->dense_layers),
       "first (keep the first convolution dense, the default) or none")
      ("sparsity-spec", po::value(&values->sparsity_spec),
       "per-layer ratios (YAML, workloads/sparsity/README.md)")
      ("mask-file", po::value(&values->mask_file), "user block masks (YAML)")
      ("keep-lines", po::bool_switch(&values->keep_lines),
       "never leave a block row or column all zero")
      ("global", po::bool_switch(&values->global),
       "global unstructured magnitude pruning (PyTorch's global_unstructured): --sparsity of all "
       "the weights of the pruned layers, smallest |w| first; blocks left all zero are dropped "
       "(--block 1x1: any whole kernel slice); needs weights (reduce synthesises them)")
      ("no-residency", po::bool_switch(&values->no_residency),
       "write every layer's output to DDR and read it back (no memtile residency)")
      ("tiling", po::value(&values->tiling),
       "cost (the cheapest of each layer's candidate tilings under the analytic model, the "
       "default) or fixed (the layout of core.buffers)");
  // clang-format on
}

void AddFunctionalOptions(po::options_description& options, WorkloadOptions* values) {
  // clang-format off
  options.add_options()
      ("functional", po::bool_switch(&values->functional),
       "run on real int8 data: weights (the workload's, else random from --seed), quantised with "
       "power-of-two scales, and every layer's output checked bit for bit against the reference")
      ("input", po::value(&values->input_path),
       "functional input: an int8 .npy file shaped like the network input (BHWC); default: "
       "random int8 from --seed");
  // clang-format on
}

ir::Graph LoadSparseWorkload(const WorkloadOptions& workload, sparsity::SparsityRecord* record) {
  return driver::LoadSparse(DriverInput(workload), record);
}

isa::Program CompileWorkload(const WorkloadOptions& workload, const arch::HardwareConfig& config,
                             const driver::Dumps& dumps) {
  driver::BackendOptions backend;
  if (workload.tiling != "cost" && workload.tiling != "fixed") {
    throw UserError("--tiling: expected cost or fixed, got \"" + workload.tiling + "\"");
  }
  backend.keep_resident = !workload.no_residency;
  backend.cost_tiling = workload.tiling == "cost";
  backend.functional = workload.functional;
  backend.input_path = workload.input_path;
  backend.seed = workload.seed;
  return driver::Compile(DriverInput(workload), backend, config, dumps);
}

void EstimateInto(report::Report& report, const isa::Program& program,
                  const arch::HardwareConfig& config) {
  const analytic::ProgramEstimate paper = analytic::Estimate(program, config, {false});
  const analytic::ProgramEstimate fill_drain = analytic::Estimate(program, config, {true});
  AddEstimate(report, paper, fill_drain, config);
}

void BoundInto(report::Report& report, const isa::Program& program,
               const arch::HardwareConfig& config) {
  const std::vector<analytic::DesignBound> bounds = analytic::BoundDesign(program, config);
  AIE2SIM_CHECK(bounds.size() == report.layers.size(), "a bound per layer");
  double total = 0;
  for (size_t i = 0; i < bounds.size(); ++i) {
    const analytic::DesignBound& bound = bounds[i];
    report::LayerRow& row = report.layers[i];
    row.analytic_s = bound.seconds;
    nlohmann::ordered_json analytic = {
        {"bound_s", bound.seconds}, {"bound_by", bound.bound_by}, {"fill_drain_s", bound.seconds}};
    for (const analytic::ResourceBound& resource : bound.resources) {
      analytic[resource.resource + "_cycles"] = resource.cycles;
    }
    row.detail["analytic"] = std::move(analytic);
    total += bound.seconds;
  }
  report.totals.analytic_s = total;
}

void Emit(report::Report& report, const arch::HardwareConfig& config, const std::string& json_path,
          const std::string& csv_path) {
  FinishReport(report, config);
  std::cout << report::FormatTable(report);
  if (!json_path.empty()) report::WriteJson(report, json_path);
  if (!csv_path.empty()) report::WriteCsv(report, csv_path);
}

}  // namespace aie2sim::cli
