// aie2sim reduce (issue 23): multiplication counts of plain, compressed, SnaPEA-exact and the
// two proposals per Conv/Gemm on the int8 quantised network and real data, exactness asserted,
// plus the AIE2-block-granularity counts and their COMP-time what-if (compiler/reduction).
#include <chrono>
#include <iostream>

#include "compiler/reduction/network_reduction.h"
#include "compiler/reduction/reduction_report.h"
#include "compiler/reference/npy_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/reference/synthetic_weights.h"
#include "sim/arch/config_hash.h"
#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

int ReduceCommand(const Args& args) {
  WorkloadOptions workload;
  ArchOptions arch;
  arch.arch = "paper-4x4";
  std::string json_path, csv_path;
  po::options_description options("reduce options");
  AddWorkloadOptions(options, &workload);
  // clang-format off
  options.add_options()
      ("input", po::value(&workload.input_path),
       "int8 .npy input, BHWC at exponent 7 (B images: the counts are their mean); default: "
       "random int8 from --seed")
      ("arch", po::value(&arch.arch),
       "config for the COMP-time what-if (its mesh, MACs/cycle and clock; default paper-4x4)")
      ("set", po::value(&arch.sets)->composing(), "override one config key (repeatable)")
      ("json", po::value(&json_path), "write the JSON report (key `reduction`) here")
      ("csv", po::value(&csv_path), "write the per-layer counts as CSV here");
  // clang-format on
  if (!ParseArgs("reduce",
                 "--workload W [sparsity flags, e.g. --sparsity 0.5 --block 1x1 --global] "
                 "[--input x.npy] [--arch A] [--json F] [--csv F]",
                 args, options, {}, {"functional"})) {
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  const arch::HardwareConfig config = LoadArch(arch);
  if (!workload.input_path.empty() && workload.batch == 0) {
    const std::vector<int64_t> shape = reference::NpyShape(workload.input_path);
    if (shape.size() != 4 || shape[0] < 1) {
      throw UserError(workload.input_path + ": expected a shape (B, H, W, C) with B >= 1");
    }
    workload.batch = shape[0];
  }
  int64_t synthesized = 0;
  workload.before_sparsity = [&](ir::Graph& graph) {
    for (ir::Node& node : graph.nodes) {
      if (ir::HasWeights(node.op) && !node.weights) {
        node.weights = reference::SyntheticWeights(graph, node, workload.seed);
        ++synthesized;
      }
    }
  };
  sparsity::SparsityRecord record;
  const ir::Graph graph = LoadSparseWorkload(workload, &record);
  const reference::NetworkInput input = workload.input_path.empty()
                                            ? reference::RandomInput(graph, workload.seed)
                                            : reference::LoadNpyInput(graph, workload.input_path);
  const reference::QuantizedNetwork quantized =
      reference::QuantizeNetwork(graph, input, workload.seed);
  const reduction::NetworkReduction network = reduction::CountNetwork(graph, quantized, input);

  reduction::ReductionContext context;
  context.images = graph.tensor(graph.inputs.front()).shape.n;
  context.input = input.source;
  context.untrained = synthesized > 0;
  context.weights = synthesized > 0 ? "synthetic He-uniform, seed " + std::to_string(workload.seed)
                                    : "the workload's (trained only if the file is)";
  reduction::CompWhatIf what_if;
  what_if.config = config.name;
  what_if.cores = config.cores();
  what_if.macs_per_cycle = config.core.macs_per_cycle.int8;
  what_if.clock_hz = config.clock_hz();
  std::cout << reduction::ReductionTable(network, context, what_if);
  std::cout << "sparsity: " << record.block << " " << record.importance << " ratio " << record.ratio
            << (workload.global ? " (global)" : "") << "\n";

  report::Report report;
  report.command = "reduce";
  report.config = {config.source_path, config.name, arch::ConfigHash(config),
                   arch::TimingModelName(config.timing_model), config.overrides};
  report.workload = graph.name;
  report.batch = static_cast<uint64_t>(context.images);
  report.sparsity = {record.ratio, record.block, record.importance, record.seed};
  report.totals.macs = static_cast<uint64_t>(network.totals.dense);
  report.totals.effective_macs = static_cast<uint64_t>(network.totals.compressed);
  report.extra["reduction"] = reduction::ReductionJson(network, context, what_if);
  report.wall_s["reduce"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!json_path.empty()) report::WriteJson(report, json_path);
  if (!csv_path.empty()) WriteOutputFile(csv_path, reduction::ReductionCsv(network, context));
  return 0;
}

}  // namespace aie2sim::cli
