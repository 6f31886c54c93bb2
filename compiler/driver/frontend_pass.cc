#include "compiler/driver/frontend_pass.h"

#include <sstream>

#include "compiler/frontend/workload_loader.h"

namespace aie2sim::driver {
namespace {

std::string WindowText(const ir::Window& w) {
  std::ostringstream out;
  out << " kernel " << w.kernel_h << "x" << w.kernel_w << " stride " << w.stride_h << "x"
      << w.stride_w;
  if (w.dilation_h != 1 || w.dilation_w != 1) {
    out << " dilation " << w.dilation_h << "x" << w.dilation_w;
  }
  out << " pads " << w.pad_top << "," << w.pad_left << "," << w.pad_bottom << "," << w.pad_right;
  return out.str();
}

const char* ActivationName(ir::Activation activation) {
  switch (activation) {
    case ir::Activation::kRelu:
      return " relu";
    case ir::Activation::kRelu6:
      return " relu6";
    default:
      return "";
  }
}

}  // namespace

ir::Graph RunFrontend(const std::string& workload, int64_t batch) {
  return frontend::LoadWorkload(workload, batch);
}

std::string DumpGraph(const ir::Graph& graph) {
  std::ostringstream out;
  out << "graph " << graph.name << ": " << graph.nodes.size() << " nodes, " << graph.tensors.size()
      << " tensors\n";
  for (int input : graph.inputs) {
    out << "input " << graph.tensor(input).name << " " << ir::ToString(graph.tensor(input).shape)
        << "\n";
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    out << i << " " << node.name << " " << ir::OpName(node.op) << " (";
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      out << (k ? ", " : "") << graph.tensor(node.inputs[k]).name;
    }
    out << ") -> " << ir::ToString(graph.OutputShape(node));
    if (node.op == ir::OpKind::kConv) {
      out << WindowText(node.conv.window);
      if (node.conv.groups != 1) out << " groups " << node.conv.groups;
    } else if (node.op == ir::OpKind::kMaxPool || node.op == ir::OpKind::kAveragePool) {
      out << WindowText(node.pool.window);
      if (node.pool.ceil_mode) out << " ceil";
    }
    out << ActivationName(node.activation);
    if (ir::HasWeights(node.op)) {
      out << " weights " << (node.weights ? "imported" : "none") << ", MACs "
          << ir::Macs(graph, node);
    }
    out << "\n";
  }
  for (int output : graph.outputs) out << "output " << graph.tensor(output).name << "\n";
  return out.str();
}

}  // namespace aie2sim::driver
