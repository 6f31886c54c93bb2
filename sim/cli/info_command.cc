#include <cstdio>
#include <iostream>

#include "compiler/frontend/workload_loader.h"
#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

int InfoCommand(const Args& args) {
  std::string workload;
  int64_t batch = 0;
  std::string json_path;
  po::options_description options("info options");
  options.add_options()
      ("workload", po::value(&workload)->required(), "workload: a YAML path or a shipped name")
      ("batch", po::value(&batch), "batch size (replaces the workload's)")
      ("json", po::value(&json_path), "also write the layer list as a JSON report");
  if (!ParseArgs("info", "--workload W [--batch N] [--json FILE]", args, options, {})) return 0;
  if (batch < 0) throw UserError("aie2sim info: --batch must be >= 1");
  const ir::Graph graph = frontend::LoadWorkload(workload, batch);

  std::printf("%-24s %-18s %-16s %-16s %-7s %-7s %-9s %14s\n", "layer", "op", "input", "output",
              "kernel", "stride", "pads", "MACs");
  report::Report report;
  report.command = "info";
  report.workload = graph.name;
  report.batch = static_cast<uint64_t>(graph.tensor(graph.inputs.front()).shape.n);
  int64_t total = 0;
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
    total += macs;
    std::printf("%-24s %-18s %-16s %-16s %-7s %-7s %-9s %14lld\n", node.name.c_str(),
                ir::OpName(node.op), ir::ToString(graph.InputShape(node)).c_str(),
                ir::ToString(graph.OutputShape(node)).c_str(), kernel, stride, pads,
                static_cast<long long>(macs));
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
    row.effective_macs = row.macs;
    row.cause = "";
    report.layers.push_back(std::move(row));
  }
  std::printf("total: %zu layers, %lld MACs (%.3f G)\n", graph.nodes.size(),
              static_cast<long long>(total), static_cast<double>(total) / 1e9);
  report.totals.macs = static_cast<uint64_t>(total);
  report.totals.effective_macs = report.totals.macs;
  if (!json_path.empty()) report::WriteJson(report, json_path);
  return 0;
}

}  // namespace aie2sim::cli
