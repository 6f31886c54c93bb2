#include <cmath>
#include <cstdio>
#include <iostream>

#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/pipeline.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

int InfoCommand(const Args& args) {
  WorkloadOptions workload;
  std::string json_path;
  po::options_description options("info options");
  AddWorkloadOptions(options, &workload);
  options.add_options()("json", po::value(&json_path), "also write the layer list as a JSON report");
  if (!ParseArgs("info", "--workload W [--batch N] [sparsity flags] [--json FILE]", args, options,
                 {})) {
    return 0;
  }
  sparsity::SparsityRecord record;
  const ir::Graph graph = LoadSparseWorkload(workload, &record);

  std::printf("%-24s %-18s %-16s %-16s %-7s %-7s %-9s %14s %7s %11s %14s\n", "layer", "op",
              "input", "output", "kernel", "stride", "pads", "MACs", "density", "blocks",
              "effective_MACs");
  report::Report report;
  report.command = "info";
  report.workload = graph.name;
  report.batch = static_cast<uint64_t>(graph.tensor(graph.inputs.front()).shape.n);
  int64_t total = 0;
  int64_t total_effective = 0;
  report.sparsity = {record.ratio, record.block, record.importance, record.seed};
  for (const ir::Node& node : graph.nodes) {
    const ir::Window* window = nullptr;
    if (ir::HasWeights(node.op)) window = &node.conv.window;
    if (node.op == ir::OpKind::kMaxPool || node.op == ir::OpKind::kAveragePool) {
      window = &node.pool.window;
    }
    char kernel[32] = "-", stride[32] = "-", pads[32] = "-";
    if (window) {
      std::snprintf(kernel, sizeof(kernel), "%lldx%lld", static_cast<long long>(window->kernel_h),
                    static_cast<long long>(window->kernel_w));
      std::snprintf(stride, sizeof(stride), "%lldx%lld", static_cast<long long>(window->stride_h),
                    static_cast<long long>(window->stride_w));
      std::snprintf(pads, sizeof(pads), "%lld,%lld,%lld,%lld",
                    static_cast<long long>(window->pad_top), static_cast<long long>(window->pad_left),
                    static_cast<long long>(window->pad_bottom),
                    static_cast<long long>(window->pad_right));
    }
    const int64_t macs = ir::Macs(graph, node);
    const double density = node.sparsity.density;
    const int64_t effective = std::llround(static_cast<double>(macs) * density);
    total += macs;
    total_effective += effective;
    char blocks[32] = "-";
    if (node.sparsity.blocks_total > 0) {
      std::snprintf(blocks, sizeof(blocks), "%lld/%lld",
                    static_cast<long long>(node.sparsity.blocks_kept),
                    static_cast<long long>(node.sparsity.blocks_total));
    }
    std::printf("%-24s %-18s %-16s %-16s %-7s %-7s %-9s %14lld %7.3f %11s %14lld\n",
                node.name.c_str(), ir::OpName(node.op), ir::ToString(graph.InputShape(node)).c_str(),
                ir::ToString(graph.OutputShape(node)).c_str(), kernel, stride, pads,
                static_cast<long long>(macs), density, blocks, static_cast<long long>(effective));
    const ir::Shape& in = graph.InputShape(node);
    const ir::Shape& out = graph.OutputShape(node);
    report::LayerRow row;
    row.name = node.name;
    row.op = ir::OpName(node.op);
    row.in_shape = {static_cast<uint64_t>(in.n), static_cast<uint64_t>(in.h),
                    static_cast<uint64_t>(in.w), static_cast<uint64_t>(in.c)};
    row.out_shape = {static_cast<uint64_t>(out.n), static_cast<uint64_t>(out.h),
                     static_cast<uint64_t>(out.w), static_cast<uint64_t>(out.c)};
    row.macs = static_cast<uint64_t>(macs);
    row.effective_macs = static_cast<uint64_t>(effective);
    row.density = density;
    report.layers.push_back(std::move(row));
  }
  std::printf("total: %zu layers, %lld MACs (%.3f G), %lld effective MACs (%.3f G), sparsity "
              "%s %s ratio %.3f\n",
              graph.nodes.size(), static_cast<long long>(total), static_cast<double>(total) / 1e9,
              static_cast<long long>(total_effective), static_cast<double>(total_effective) / 1e9,
              record.block.c_str(), record.importance.c_str(), record.ratio);
  report.totals.macs = static_cast<uint64_t>(total);
  report.totals.effective_macs = static_cast<uint64_t>(total_effective);
  if (!json_path.empty()) report::WriteJson(report, json_path);
  return 0;
}

}  // namespace aie2sim::cli
