#include "compiler/reference/reference_executor.h"

#include <algorithm>

#include "compiler/reference/int8_conv.h"
#include "compiler/reference/window_taps.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

using Bytes = std::vector<int8_t>;

void MaxPool(const ir::Graph& graph, const ir::Node& node, const Bytes& in, Bytes& out) {
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  const ir::Window& window = node.pool.window;
  ForEachWindow(is, os, window, [&](const WindowAt& at) {
    AIE2SIM_CHECK(at.rows.size() > 0 && at.cols.size() > 0,
                  node.name + ": MaxPool output (" + std::to_string(at.oh) + ", " +
                      std::to_string(at.ow) + ") has no window position inside the input");
    int8_t* result = &out[at.out_pixel * os.c];
    std::fill_n(result, os.c, int8_t{-128});
    at.ForEachTap([&](int64_t, int64_t pixel) {
      const int8_t* x = &in[pixel * is.c];
      for (int64_t c = 0; c < is.c; ++c) result[c] = std::max(result[c], x[c]);
    });
  });
}

void AveragePool(const ir::Graph& graph, const ir::Node& node, const Bytes& in, Bytes& out) {
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  const ir::Window& window = node.pool.window;
  std::vector<int64_t> sum(static_cast<size_t>(os.c));
  ForEachWindow(is, os, window, [&](const WindowAt& at) {
    std::fill(sum.begin(), sum.end(), 0);
    at.ForEachTap([&](int64_t, int64_t pixel) {
      const int8_t* x = &in[pixel * is.c];
      for (int64_t c = 0; c < is.c; ++c) sum[c] += x[c];
    });
    const int64_t divisor =
        AverageDivisor(window, node.pool.count_include_pad, is.h, is.w, at.oh, at.ow);
    int8_t* result = &out[at.out_pixel * os.c];
    for (int64_t c = 0; c < os.c; ++c) result[c] = quant::AverageRound(sum[c], divisor);
  });
}

void GlobalAveragePool(const ir::Graph& graph, const ir::Node& node, const Bytes& in, Bytes& out) {
  const ir::Shape& is = graph.InputShape(node);
  const int64_t area = is.h * is.w;
  std::vector<int64_t> sum(static_cast<size_t>(is.c));
  for (int64_t n = 0; n < is.n; ++n) {
    std::fill(sum.begin(), sum.end(), 0);
    for (int64_t p = 0; p < area; ++p) {
      const int8_t* x = &in[(n * area + p) * is.c];
      for (int64_t c = 0; c < is.c; ++c) sum[c] += x[c];
    }
    for (int64_t c = 0; c < is.c; ++c) out[n * is.c + c] = quant::AverageRound(sum[c], area);
  }
}

void Add(const ir::Node& node, const std::vector<Bytes>& tensors, const std::vector<int>& exponents,
         Bytes& out) {
  const int count = static_cast<int>(node.inputs.size());
  std::vector<int> input_exponents;
  std::vector<const int8_t*> inputs;
  for (const int input : node.inputs) {
    input_exponents.push_back(exponents[input]);
    inputs.push_back(tensors[input].data());
  }
  const int e_out = exponents[node.output];
  std::vector<int8_t> values(static_cast<size_t>(count));
  for (size_t i = 0; i < out.size(); ++i) {
    for (int k = 0; k < count; ++k) values[k] = inputs[k][i];
    out[i] = quant::AddRequantize(values.data(), input_exponents.data(), count, e_out);
  }
}

void Concat(const ir::Graph& graph, const ir::Node& node, const std::vector<Bytes>& tensors,
            const std::vector<int>& exponents, Bytes& out) {
  const ir::Shape& os = graph.OutputShape(node);
  const int64_t pixels = os.n * os.h * os.w;
  int64_t offset = 0;
  for (const int input : node.inputs) {
    AIE2SIM_CHECK(exponents[input] == exponents[node.output],
                  node.name + ": Concat input " + graph.tensor(input).name +
                      " has another exponent than the output");
    const int64_t c = graph.tensor(input).shape.c;
    const Bytes& x = tensors[input];
    for (int64_t p = 0; p < pixels; ++p) std::copy_n(&x[p * c], c, &out[p * os.c + offset]);
    offset += c;
  }
}

}  // namespace

std::vector<std::vector<int8_t>> RunReference(const ir::Graph& graph, const QuantizedNetwork& q,
                                              const NetworkInput& input) {
  CheckInputMatches(graph, input);
  AIE2SIM_CHECK(
      q.tensor_exponent.size() == graph.tensors.size() && q.nodes.size() == graph.nodes.size(),
      "the quantised network does not match the graph");
  const std::vector<int>& exponents = q.tensor_exponent;
  std::vector<Bytes> tensors(graph.tensors.size());
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    AIE2SIM_CHECK(input.exponents[i] == exponents[graph.inputs[i]],
                  "input " + graph.tensor(graph.inputs[i]).name +
                      " has another exponent than the quantised network's");
    tensors[graph.inputs[i]] = input.tensors[i];
  }
  for (size_t node_index = 0; node_index < graph.nodes.size(); ++node_index) {
    const ir::Node& node = graph.nodes[node_index];
    const NodeQuant& nq = q.nodes[node_index];
    Bytes& out = tensors[node.output];
    out.assign(static_cast<size_t>(graph.OutputShape(node).elements()), 0);
    const Bytes& in = tensors[node.inputs.at(0)];
    const int e_in = exponents[node.inputs.at(0)];
    const int e_out = exponents[node.output];
    bool activated = false;  // the kernel applied the fused activation itself
    switch (node.op) {
      case ir::OpKind::kConv:
      case ir::OpKind::kGemm:
        RunInt8Conv(graph, node, nq, e_in, e_out, in, out);
        activated = true;
        break;
      case ir::OpKind::kMaxPool:
      case ir::OpKind::kAveragePool:
      case ir::OpKind::kGlobalAveragePool:
      case ir::OpKind::kFlatten:
        AIE2SIM_CHECK(e_in == e_out, node.name + ": a scale-preserving op changes the exponent");
        if (node.op == ir::OpKind::kMaxPool) MaxPool(graph, node, in, out);
        if (node.op == ir::OpKind::kAveragePool) AveragePool(graph, node, in, out);
        if (node.op == ir::OpKind::kGlobalAveragePool) GlobalAveragePool(graph, node, in, out);
        if (node.op == ir::OpKind::kFlatten) out = in;
        break;
      case ir::OpKind::kAdd:
        Add(node, tensors, exponents, out);
        break;
      case ir::OpKind::kConcat:
        Concat(graph, node, tensors, exponents, out);
        break;
    }
    if (!activated && node.activation != ir::Activation::kNone) {
      for (int8_t& v : out) v = quant::Activate(v, nq.activation_max);
    }
  }
  return tensors;
}

double NondegenerateShare(const std::vector<int8_t>& values) {
  if (values.empty()) return 0.0;
  int64_t useful = 0;
  for (const int8_t v : values) useful += v != 0 && v != -128 && v != 127;
  return static_cast<double>(useful) / static_cast<double>(values.size());
}

}  // namespace aie2sim::reference
