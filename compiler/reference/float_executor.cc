#include "compiler/reference/float_executor.h"

#include <algorithm>
#include <limits>

#include "compiler/reference/window_taps.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

using Values = std::vector<float>;

float Activate(float x, ir::Activation activation) {
  switch (activation) {
    case ir::Activation::kNone:
      return x;
    case ir::Activation::kRelu:
      return std::max(x, 0.0f);
    case ir::Activation::kRelu6:
      return std::clamp(x, 0.0f, 6.0f);
  }
  return x;
}

// Output-channel innermost (axpys, vectorisable without reassociating float sums across
// channels), over the window's non-zero inputs only, four inputs per pass over the
// accumulators: the weights are transposed per group to [tap][input channel][output channel].
void Conv(const ir::Graph& graph, const ir::Node& node, const ir::WeightData& weights,
          const Values& in, Values& out) {
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  ir::Window window = node.conv.window;
  if (node.op == ir::OpKind::kGemm) window = ir::Window();
  const int64_t groups = node.conv.groups;
  const int64_t cin_g = is.c / groups, cout_g = os.c / groups;
  const int64_t taps = window.kernel_h * window.kernel_w;
  const int64_t row = taps * cin_g;  // weights per output channel
  AIE2SIM_CHECK(static_cast<int64_t>(weights.values.size()) == os.c * row,
                node.name + ": weights do not match the node");
  AIE2SIM_CHECK(weights.bias.empty() || static_cast<int64_t>(weights.bias.size()) == os.c,
                node.name + ": bias does not match the node");
  Values transposed(weights.values.size());
  constexpr int64_t kTile = 32;  // output channels per pass: streams kTile rows, writes runs
  for (int64_t g = 0; g < groups; ++g) {
    for (int64_t co0 = 0; co0 < cout_g; co0 += kTile) {
      const int64_t co1 = std::min(cout_g, co0 + kTile);
      for (int64_t p = 0; p < row; ++p) {
        for (int64_t co = co0; co < co1; ++co) {
          transposed[(g * row + p) * cout_g + co] = weights.values[(g * cout_g + co) * row + p];
        }
      }
    }
  }
  Values acc(static_cast<size_t>(cout_g));
  struct Term {
    float x;
    const float* w;  // cout_g weights
  };
  std::vector<Term> terms;
  terms.reserve(static_cast<size_t>(row));
  ForEachWindow(is, os, window, [&](const WindowAt& at) {
    float* result = &out[at.out_pixel * os.c];
    for (int64_t g = 0; g < groups; ++g) {
      for (int64_t co = 0; co < cout_g; ++co) {
        acc[co] = weights.bias.empty() ? 0.0f : weights.bias[g * cout_g + co];
      }
      // The window's non-zero inputs with their weight rows, then four at a time.
      terms.clear();
      at.ForEachTap([&](int64_t tap, int64_t pixel) {
        const float* x = &in[pixel * is.c + g * cin_g];
        const float* w = &transposed[(g * row + tap * cin_g) * cout_g];
        for (int64_t ci = 0; ci < cin_g; ++ci) {
          if (x[ci] != 0.0f) terms.push_back({x[ci], w + ci * cout_g});
        }
      });
      float* a = acc.data();
      size_t t = 0;
      for (; t + 4 <= terms.size(); t += 4) {
        const float x0 = terms[t].x, x1 = terms[t + 1].x, x2 = terms[t + 2].x, x3 = terms[t + 3].x;
        const float *w0 = terms[t].w, *w1 = terms[t + 1].w, *w2 = terms[t + 2].w,
                    *w3 = terms[t + 3].w;
        for (int64_t co = 0; co < cout_g; ++co) {
          a[co] += (x0 * w0[co] + x1 * w1[co]) + (x2 * w2[co] + x3 * w3[co]);
        }
      }
      for (; t < terms.size(); ++t) {
        for (int64_t co = 0; co < cout_g; ++co) a[co] += terms[t].x * terms[t].w[co];
      }
      for (int64_t co = 0; co < cout_g; ++co) {
        result[g * cout_g + co] = Activate(acc[co], node.activation);
      }
    }
  });
}

void Pool(const ir::Graph& graph, const ir::Node& node, const Values& in, Values& out) {
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  const ir::Window& window = node.pool.window;
  const bool max = node.op == ir::OpKind::kMaxPool;
  Values acc(static_cast<size_t>(os.c));
  ForEachWindow(is, os, window, [&](const WindowAt& at) {
    AIE2SIM_CHECK(at.rows.size() > 0 && at.cols.size() > 0,
                  node.name + ": a window with no input position");
    std::fill(acc.begin(), acc.end(), max ? -std::numeric_limits<float>::infinity() : 0.0f);
    at.ForEachTap([&](int64_t, int64_t pixel) {
      const float* x = &in[pixel * is.c];
      for (int64_t c = 0; c < is.c; ++c) acc[c] = max ? std::max(acc[c], x[c]) : acc[c] + x[c];
    });
    const float divisor = max ? 1.0f
                              : static_cast<float>(AverageDivisor(
                                    window, node.pool.count_include_pad, is.h, is.w, at.oh, at.ow));
    float* result = &out[at.out_pixel * os.c];
    for (int64_t c = 0; c < os.c; ++c) {
      result[c] = Activate(max ? acc[c] : acc[c] / divisor, node.activation);
    }
  });
}

void GlobalAveragePool(const ir::Graph& graph, const ir::Node& node, const Values& in,
                       Values& out) {
  const ir::Shape& is = graph.InputShape(node);
  const int64_t area = is.h * is.w;
  std::vector<double> sum(static_cast<size_t>(is.c));
  for (int64_t n = 0; n < is.n; ++n) {
    std::fill(sum.begin(), sum.end(), 0.0);
    for (int64_t p = 0; p < area; ++p) {
      const float* x = &in[(n * area + p) * is.c];
      for (int64_t c = 0; c < is.c; ++c) sum[c] += x[c];
    }
    for (int64_t c = 0; c < is.c; ++c) {
      out[n * is.c + c] = Activate(static_cast<float>(sum[c] / area), node.activation);
    }
  }
}

}  // namespace

std::vector<std::vector<float>> RunFloat(const ir::Graph& graph,
                                         const std::vector<ir::WeightData>& weights,
                                         const std::vector<std::vector<float>>& inputs) {
  AIE2SIM_CHECK(inputs.size() == graph.inputs.size(), "one float tensor per graph input");
  AIE2SIM_CHECK(weights.size() == graph.nodes.size(), "one weight entry per node");
  std::vector<Values> tensors(graph.tensors.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const int index = graph.inputs[i];
    AIE2SIM_CHECK(static_cast<int64_t>(inputs[i].size()) == graph.tensor(index).shape.elements(),
                  "input " + graph.tensor(index).name + " has the wrong size");
    tensors[index] = inputs[i];
  }
  for (size_t node_index = 0; node_index < graph.nodes.size(); ++node_index) {
    const ir::Node& node = graph.nodes[node_index];
    Values& out = tensors[node.output];
    out.assign(static_cast<size_t>(graph.OutputShape(node).elements()), 0.0f);
    const Values& in = tensors[node.inputs.at(0)];
    switch (node.op) {
      case ir::OpKind::kConv:
      case ir::OpKind::kGemm:
        Conv(graph, node, weights[node_index], in, out);
        break;
      case ir::OpKind::kMaxPool:
      case ir::OpKind::kAveragePool:
        Pool(graph, node, in, out);
        break;
      case ir::OpKind::kGlobalAveragePool:
        GlobalAveragePool(graph, node, in, out);
        break;
      case ir::OpKind::kAdd:
        for (const int input : node.inputs) {
          const Values& x = tensors[input];
          for (size_t i = 0; i < out.size(); ++i) out[i] += x[i];
        }
        for (float& v : out) v = Activate(v, node.activation);
        break;
      case ir::OpKind::kConcat: {
        const ir::Shape& os = graph.OutputShape(node);
        const int64_t pixels = os.n * os.h * os.w;
        int64_t offset = 0;
        for (const int input : node.inputs) {
          const int64_t c = graph.tensor(input).shape.c;
          const Values& x = tensors[input];
          for (int64_t p = 0; p < pixels; ++p) {
            std::copy_n(&x[p * c], c, &out[p * os.c + offset]);
          }
          offset += c;
        }
        for (float& v : out) v = Activate(v, node.activation);
        break;
      }
      case ir::OpKind::kFlatten:
        out = in;
        for (float& v : out) v = Activate(v, node.activation);
        break;
    }
  }
  return tensors;
}

}  // namespace aie2sim::reference
