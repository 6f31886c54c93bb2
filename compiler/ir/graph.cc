#include "compiler/ir/graph.h"

#include <initializer_list>
#include <optional>
#include <sstream>

#include "sim/base/error.h"

namespace aie2sim::ir {

std::string ToString(const Shape& shape) {
  std::ostringstream out;
  out << shape.n << 'x' << shape.h << 'x' << shape.w << 'x' << shape.c;
  return out.str();
}

namespace {

struct OpNameEntry {
  OpKind op;
  const char* name;
};
constexpr OpNameEntry kOpNames[] = {
    {OpKind::kConv, "Conv"},
    {OpKind::kGemm, "Gemm"},
    {OpKind::kMaxPool, "MaxPool"},
    {OpKind::kAveragePool, "AveragePool"},
    {OpKind::kGlobalAveragePool, "GlobalAveragePool"},
    {OpKind::kAdd, "Add"},
    {OpKind::kConcat, "Concat"},
    {OpKind::kFlatten, "Flatten"},
};

}  // namespace

const char* OpName(OpKind op) {
  for (const OpNameEntry& entry : kOpNames) {
    if (entry.op == op) return entry.name;
  }
  return "Unknown";
}

std::optional<OpKind> ParseOpName(const std::string& name) {
  for (const OpNameEntry& entry : kOpNames) {
    if (name == entry.name) return entry.op;
  }
  return std::nullopt;
}

bool HasWeights(OpKind op) { return op == OpKind::kConv || op == OpKind::kGemm; }

int64_t Macs(const Graph& graph, const Node& node) {
  if (!HasWeights(node.op)) return 0;
  const Shape& in = graph.InputShape(node);
  const Shape& out = graph.OutputShape(node);
  const Window& window = node.conv.window;
  const int64_t in_per_group = in.c / node.conv.groups;
  return out.elements() * window.kernel_h * window.kernel_w * in_per_group;
}

int64_t DenseWeightBytes(const Graph& graph, const Node& node) {
  if (!HasWeights(node.op)) return 0;
  const Shape& in = graph.InputShape(node);
  const Window& window = node.conv.window;
  return node.conv.out_channels * window.kernel_h * window.kernel_w * (in.c / node.conv.groups);
}

int64_t WindowOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                         int64_t pad_begin, int64_t pad_end, bool ceil_mode) {
  const int64_t span = dilation * (kernel - 1) + 1;
  const int64_t padded = in + pad_begin + pad_end;
  if (padded < span || stride < 1) return 0;
  int64_t out = (padded - span) / stride + 1;
  if (ceil_mode && (padded - span) % stride != 0) {
    // ONNX/PyTorch rule: the last window must start inside the input or the begin padding.
    if ((out) * stride < in + pad_begin) ++out;
  }
  return out;
}

namespace {

[[noreturn]] void ShapeError(const std::string& source, const Node& node, const std::string& what) {
  throw UserError(source + ": node " + node.name + " (" + OpName(node.op) + "): " + what);
}

// Size limits that keep every later product and sum of shapes in int64 (sizes from a file used to
// overflow: UBSan found `aie2sim info` printing 0 MACs for a 2^20-wide YAML layer, and huge ONNX
// pads overflowing WindowOutputSize). No CNN comes near them.
constexpr int64_t kMaxDim = int64_t{1} << 31;  // any dimension, kernel, stride, dilation or pad

// The product of `factors`, or nullopt when it overflows int64.
std::optional<int64_t> CheckedProduct(std::initializer_list<int64_t> factors) {
  int64_t product = 1;
  for (const int64_t factor : factors) {
    if (__builtin_mul_overflow(product, factor, &product)) return std::nullopt;
  }
  return product;
}

void CheckSize(const std::string& source, const Node& node, const Shape& shape, const char* what) {
  for (const int64_t dim : {shape.n, shape.h, shape.w, shape.c}) {
    if (dim > kMaxDim) {
      ShapeError(source, node,
                 std::string(what) + " " + ToString(shape) + " has a dimension above 2^31");
    }
  }
  if (!CheckedProduct({shape.n, shape.h, shape.w, shape.c})) {
    ShapeError(source, node,
               std::string(what) + " " + ToString(shape) + " has more than 2^63 elements");
  }
}

Shape WindowShape(const std::string& source, const Node& node, const Shape& in,
                  const Window& window, int64_t channels, bool ceil_mode) {
  if (window.kernel_h < 1 || window.kernel_w < 1 || window.stride_h < 1 || window.stride_w < 1 ||
      window.dilation_h < 1 || window.dilation_w < 1) {
    ShapeError(source, node, "kernel, stride and dilation must be >= 1");
  }
  if (window.pad_top < 0 || window.pad_left < 0 || window.pad_bottom < 0 || window.pad_right < 0) {
    ShapeError(source, node, "pads must be >= 0");
  }
  for (const int64_t value :
       {window.kernel_h, window.kernel_w, window.stride_h, window.stride_w, window.dilation_h,
        window.dilation_w, window.pad_top, window.pad_left, window.pad_bottom, window.pad_right}) {
    if (value > kMaxDim) {
      ShapeError(source, node, "kernel, stride, dilation and pads must be <= 2^31");
    }
  }
  Shape out = in;
  out.h = WindowOutputSize(in.h, window.kernel_h, window.stride_h, window.dilation_h,
                           window.pad_top, window.pad_bottom, ceil_mode);
  out.w = WindowOutputSize(in.w, window.kernel_w, window.stride_w, window.dilation_w,
                           window.pad_left, window.pad_right, ceil_mode);
  out.c = channels;
  if (out.h < 1 || out.w < 1) {
    ShapeError(source, node, "window larger than the padded input " + ToString(in));
  }
  return out;
}

}  // namespace

void InferShapes(Graph& graph, const std::string& source) {
  for (Node& node : graph.nodes) {
    if (node.inputs.empty()) ShapeError(source, node, "has no input");
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      CheckSize(source, node, graph.InputShape(node, static_cast<int>(i)), "input");
    }
    const Shape in = graph.InputShape(node);
    Shape out = in;
    switch (node.op) {
      case OpKind::kConv:
      case OpKind::kGemm: {
        if (node.op == OpKind::kGemm && (in.h != 1 || in.w != 1)) {
          ShapeError(source, node, "Gemm input must be Bx1x1xK (flatten first), got " + ToString(in));
        }
        if (node.conv.out_channels < 1) ShapeError(source, node, "out_channels must be >= 1");
        if (node.conv.groups < 1 || in.c % node.conv.groups != 0 ||
            node.conv.out_channels % node.conv.groups != 0) {
          ShapeError(source, node, "groups must divide input and output channels");
        }
        out = WindowShape(source, node, in, node.conv.window, node.conv.out_channels, false);
        break;
      }
      case OpKind::kMaxPool:
      case OpKind::kAveragePool: {
        const Window& window = node.pool.window;
        out = WindowShape(source, node, in, window, in.c, node.pool.ceil_mode);
        // A pad as large as the kernel gives windows that lie wholly in the padding, with no
        // value to take the maximum or mean of.
        if (window.pad_top >= window.kernel_h || window.pad_bottom >= window.kernel_h ||
            window.pad_left >= window.kernel_w || window.pad_right >= window.kernel_w) {
          ShapeError(source, node, "pads must be smaller than the kernel");
        }
        if (node.op == OpKind::kAveragePool && (window.dilation_h != 1 || window.dilation_w != 1)) {
          ShapeError(source, node, "dilated AveragePool is not supported");
        }
        break;
      }
      case OpKind::kGlobalAveragePool:
        out.h = 1;
        out.w = 1;
        break;
      case OpKind::kAdd:
        for (size_t i = 1; i < node.inputs.size(); ++i) {
          if (!(graph.InputShape(node, static_cast<int>(i)) == in)) {
            ShapeError(source, node, "Add inputs differ: " + ToString(in) + " vs " +
                                         ToString(graph.InputShape(node, static_cast<int>(i))));
          }
        }
        break;
      case OpKind::kConcat:
        out.c = 0;
        for (size_t i = 0; i < node.inputs.size(); ++i) {
          const Shape& part = graph.InputShape(node, static_cast<int>(i));
          if (part.n != in.n || part.h != in.h || part.w != in.w) {
            ShapeError(source, node, "Concat inputs differ in batch, height or width: " +
                                         ToString(in) + " vs " + ToString(part));
          }
          out.c += part.c;  // at most 2^31 per input: checked with the output below
          if (out.c > kMaxDim) CheckSize(source, node, out, "output");
        }
        break;
      case OpKind::kFlatten:
        if (const std::optional<int64_t> flat = CheckedProduct({in.h, in.w, in.c});
            !flat || *flat > kMaxDim) {
          ShapeError(source, node, "flattening " + ToString(in) + " gives more than 2^31 channels");
        }
        out = Shape{in.n, 1, 1, in.h * in.w * in.c};
        break;
    }
    CheckSize(source, node, out, "output");
    if (HasWeights(node.op) &&
        !CheckedProduct({out.n, out.h, out.w, out.c, node.conv.window.kernel_h,
                         node.conv.window.kernel_w, in.c / node.conv.groups})) {
      ShapeError(source, node, "more than 2^63 MACs");
    }
    graph.tensors.at(node.output).shape = out;
  }
}

}  // namespace aie2sim::ir
