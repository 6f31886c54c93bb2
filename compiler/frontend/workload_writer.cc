#include "compiler/frontend/workload_writer.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

// A string as a YAML scalar that reads back as the same string: plain when it is made of safe
// characters and cannot be mistaken for null or a boolean, double-quoted otherwise.
std::string Scalar(const std::string& text) {
  static const std::set<std::string> kReserved = {"null", "~",  "true", "false", "yes",
                                                  "no",   "on", "off",  "y",     "n"};
  bool plain =
      !text.empty() && (std::isalnum(static_cast<unsigned char>(text[0])) || text[0] == '_');
  for (const char c : text) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
                      c == '-' || c == '/');
  }
  std::string lower;
  for (const char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (plain && !kReserved.count(lower)) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\x%02x", static_cast<unsigned char>(c));
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string IntList(const std::vector<int64_t>& values) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
  out << ']';
  return out.str();
}

std::string ShapeList(const ir::Shape& shape) {
  return IntList({shape.n, shape.h, shape.w, shape.c});
}

std::string NameList(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + Scalar(names[i]);
  return out + "]";
}

const char* Bool(bool value) { return value ? "true" : "false"; }

// Writes `text` as "# " comment lines of at most 100 columns, wrapping long lines at spaces
// (continuations indented by two more spaces); empty lines become a bare "#".
void WriteComment(std::ostream& out, const std::string& text) {
  constexpr size_t kWidth = 100;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::string prefix = "# ";
    while (prefix.size() + line.size() > kWidth) {
      size_t cut = line.rfind(' ', kWidth - prefix.size());
      if (cut == std::string::npos || cut == 0) cut = line.find(' ', kWidth - prefix.size());
      if (cut == std::string::npos) break;  // one long word: leave the line long
      out << prefix << line.substr(0, cut) << "\n";
      const size_t next = line.find_first_not_of(' ', cut);
      line = next == std::string::npos ? "" : line.substr(next);
      prefix = "#   ";
    }
    if (line.empty()) {
      if (prefix == "# ") out << "#\n";
    } else {
      out << prefix << line << "\n";
    }
  }
}

void WriteWindow(std::ostream& out, const ir::Window& window) {
  out << "    kernel: " << IntList({window.kernel_h, window.kernel_w}) << "\n";
  out << "    stride: " << IntList({window.stride_h, window.stride_w}) << "\n";
  if (window.dilation_h != 1 || window.dilation_w != 1) {
    out << "    dilation: " << IntList({window.dilation_h, window.dilation_w}) << "\n";
  }
  out << "    pads: "
      << IntList({window.pad_top, window.pad_left, window.pad_bottom, window.pad_right}) << "\n";
}

}  // namespace

std::string WriteWorkloadYaml(const ir::Graph& graph, const std::string& header_comment) {
  std::ostringstream out;
  if (!header_comment.empty()) WriteComment(out, header_comment);
  // The name each tensor is referred to by: graph inputs by their own, layer outputs by the
  // layer's (the format names a layer's output after the layer).
  std::vector<std::string> names(graph.tensors.size());
  for (size_t i = 0; i < graph.tensors.size(); ++i) names[i] = graph.tensors[i].name;
  for (const ir::Node& node : graph.nodes) names.at(node.output) = node.name;

  out << "version: 1\n";
  out << "name: " << Scalar(graph.name) << "\n";
  out << "inputs:\n";
  for (const int input : graph.inputs) {
    out << "  - name: " << Scalar(names.at(input)) << "\n";
    out << "    shape: " << ShapeList(graph.tensor(input).shape) << "  # BHWC\n";
  }
  out << "layers:\n";
  for (const ir::Node& node : graph.nodes) {
    std::vector<std::string> inputs;
    for (const int input : node.inputs) inputs.push_back(names.at(input));
    out << "  - name: " << Scalar(node.name) << "\n";
    out << "    op: " << ir::OpName(node.op) << "\n";
    out << "    inputs: " << NameList(inputs) << "\n";
    switch (node.op) {
      case ir::OpKind::kConv:
        out << "    out_channels: " << node.conv.out_channels << "\n";
        WriteWindow(out, node.conv.window);
        if (node.conv.groups != 1) out << "    groups: " << node.conv.groups << "\n";
        out << "    bias: " << Bool(node.conv.has_bias) << "\n";
        break;
      case ir::OpKind::kGemm:
        out << "    out_channels: " << node.conv.out_channels << "\n";
        out << "    bias: " << Bool(node.conv.has_bias) << "\n";
        break;
      case ir::OpKind::kMaxPool:
      case ir::OpKind::kAveragePool:
        WriteWindow(out, node.pool.window);
        out << "    ceil_mode: " << Bool(node.pool.ceil_mode) << "\n";
        if (node.op == ir::OpKind::kAveragePool) {
          out << "    count_include_pad: " << Bool(node.pool.count_include_pad) << "\n";
        }
        break;
      case ir::OpKind::kGlobalAveragePool:
      case ir::OpKind::kAdd:
      case ir::OpKind::kConcat:
      case ir::OpKind::kFlatten:
        break;
    }
    if (node.activation != ir::Activation::kNone) {
      AIE2SIM_CHECK(ir::HasWeights(node.op) || node.op == ir::OpKind::kAdd,
                    "activation on a " + std::string(ir::OpName(node.op)) + " layer (" + node.name +
                        ") is not representable");
      out << "    activation: " << (node.activation == ir::Activation::kRelu ? "relu" : "relu6")
          << "\n";
    }
    out << "    out_shape: " << ShapeList(graph.OutputShape(node)) << "\n";
  }
  std::vector<std::string> outputs;
  for (const int output : graph.outputs) outputs.push_back(names.at(output));
  out << "outputs: " << NameList(outputs) << "\n";
  return out.str();
}

}  // namespace aie2sim::frontend
