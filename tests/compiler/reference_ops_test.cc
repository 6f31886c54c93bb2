// The int8 reference executor, op by op, on tiny hand-computed cases: Conv with stride, dilation
// and asymmetric pads, grouped and depthwise Conv, Flatten + Gemm, MaxPool with padding and
// ceil_mode, AveragePool with and without count_include_pad, GlobalAveragePool, Add with
// different exponents (two and three inputs), ReLU, ReLU6, Concat. Exponents and weights are
// set by hand so every expected byte can be checked on paper.
#include "compiler/reference/reference_executor.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/reference/window_taps.h"
#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/compaction.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reference {
namespace {

using Bytes = std::vector<int8_t>;

// A graph from YAML `inputs:` and `layers:` text.
ir::Graph Parse(const std::string& body) {
  return frontend::ParseWorkloadYaml("version: 1\nname: t\n" + body, "t.yaml", 0);
}

int TensorIndex(const ir::Graph& graph, const std::string& name) {
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    if (graph.tensors[i].name == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no tensor " << name;
  return 0;
}

int NodeIndex(const ir::Graph& graph, const std::string& name) {
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (graph.nodes[i].name == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no node " << name;
  return 0;
}

// A hand-made quantised network: every tensor at exponent 0 unless `exponents` says otherwise.
struct Case {
  ir::Graph graph;
  QuantizedNetwork q;
  NetworkInput input;

  explicit Case(ir::Graph g) : graph(std::move(g)) {
    q.tensor_exponent.assign(graph.tensors.size(), 0);
    q.nodes.resize(graph.nodes.size());
  }
  Case& Exponent(const std::string& tensor, int e) {
    q.tensor_exponent[TensorIndex(graph, tensor)] = e;
    return *this;
  }
  NodeQuant& Node(const std::string& name) { return q.nodes[NodeIndex(graph, name)]; }
  // Graph inputs in order, at their tensor's exponent.
  Case& Inputs(const std::vector<Bytes>& values) {
    input.tensors = values;
    input.exponents.clear();
    for (const int t : graph.inputs) input.exponents.push_back(q.tensor_exponent[t]);
    return *this;
  }
  Bytes Run(const std::string& tensor) {
    return RunReference(graph, q, input).at(TensorIndex(graph, tensor));
  }
};

TEST(ReferenceOps, ConvStrideDilationAsymmetricPadsBiasRequantize) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 1]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 1, kernel: [2, 2], stride: [2, 2],
     dilation: [2, 2], pads: [1, 0, 1, 1], bias: true}
)"));
  Bytes x;
  for (int i = 1; i <= 16; ++i) x.push_back(static_cast<int8_t>(i));  // x[h][w] = 4h + w + 1
  c.Exponent("x", 1).Exponent("conv", 0).Inputs({x});
  c.Node("conv").weight_exponent = 1;
  c.Node("conv").weights = {1, 2, 3, 4};
  c.Node("conv").bias = {2};
  // Sums 43, 21, 118, 52 (+ bias 2) at exponent 2, shifted right by 2 rounding half away.
  EXPECT_EQ(c.Run("conv"), (Bytes{11, 6, 30, 14}));
}

TEST(ReferenceOps, GroupedConvWithRelu) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 1, 1, 4]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 4, groups: 2, bias: false,
     activation: relu}
)"));
  c.Inputs({{1, 2, 3, 4}});
  c.Node("conv").weights = {1, 1, 1, -1, 2, 0, 0, -3};
  EXPECT_EQ(c.Run("conv"), (Bytes{3, 0, 6, 0}));  // 3, -1 | 6, -12 before ReLU
}

TEST(ReferenceOps, DepthwiseConvPaddedStrided) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 3, 3, 2]}]
layers:
  - {name: dw, op: Conv, inputs: [x], out_channels: 2, groups: 2, kernel: [3, 3],
     stride: [2, 2], pads: [1, 1, 1, 1], bias: false}
)"));
  Bytes x;
  for (int i = 0; i < 9; ++i) {
    x.push_back(1);                       // channel 0
    x.push_back(static_cast<int8_t>(i));  // channel 1: 3h + w
  }
  c.Inputs({x});
  Bytes w(9, 1);
  w.insert(w.end(), 9, -1);
  c.Node("dw").weights = w;
  EXPECT_EQ(c.Run("dw"), (Bytes{4, -8, 4, -12, 4, -20, 4, -24}));
}

TEST(ReferenceOps, FlattenIsAViewAndGemm) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 1, 2, 2]}]
layers:
  - {name: flat, op: Flatten, inputs: [x]}
  - {name: fc, op: Gemm, inputs: [flat], out_channels: 2, bias: true}
)"));
  c.Exponent("fc", -1).Inputs({{10, -20, 30, 40}});
  c.Node("fc").weights = {1, 2, 3, 4, -1, 0, 1, 0};
  c.Node("fc").bias = {5, -5};
  EXPECT_EQ(c.Run("flat"), (Bytes{10, -20, 30, 40}));
  EXPECT_EQ(c.Run("fc"), (Bytes{113, 8}));  // 225 / 2 = 112.5 and 15 / 2 = 7.5, half away
}

TEST(ReferenceOps, MaxPoolIgnoresPaddingAndCeilModeOverhang) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 1]}]
layers:
  - {name: pool, op: MaxPool, inputs: [x], kernel: [2, 2], stride: [2, 2], pads: [1, 1, 0, 0],
     ceil_mode: true}
)"));
  Bytes x;
  for (int i = 0; i < 16; ++i) x.push_back(static_cast<int8_t>(-(i + 1)));  // all negative
  c.Inputs({x});
  // Windows cover rows/cols {pad, 0}, {1, 2}, {3, beyond}: the max is at the smallest h and w.
  EXPECT_EQ(c.Run("pool"), (Bytes{-1, -2, -4, -5, -6, -8, -13, -14, -16}));
}

// x[h][w] = (4h + w + 1, -(4h + w + 1)); 2x2 windows, stride 2, pads top/left 1, ceil_mode:
// rows and columns {pad, 0}, {1, 2}, {3, beyond the end}.
Bytes AveragePoolInput() {
  Bytes x;
  for (int i = 1; i <= 16; ++i) {
    x.push_back(static_cast<int8_t>(i));
    x.push_back(static_cast<int8_t>(-i));
  }
  return x;
}

Bytes Interleave(const Bytes& positive) {
  Bytes both;
  for (const int8_t v : positive) {
    both.push_back(v);
    both.push_back(static_cast<int8_t>(-v));
  }
  return both;
}

TEST(ReferenceOps, AveragePoolCountIncludePadWithCeilMode) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 2]}]
layers:
  - {name: pool, op: AveragePool, inputs: [x], kernel: [2, 2], stride: [2, 2],
     pads: [1, 1, 0, 0], ceil_mode: true, count_include_pad: true}
)"));
  c.Inputs({AveragePoolInput()});
  // Sums 1 5 4 / 14 34 20 / 13 29 16; divisors per axis 2, 2, 1 (the overhang past the end
  // padding does not count): 1/4 5/4 4/2 / 14/4 34/4 20/2 / 13/2 29/2 16/1.
  EXPECT_EQ(c.Run("pool"), Interleave({0, 1, 2, 4, 9, 10, 7, 15, 16}));
}

TEST(ReferenceOps, AveragePoolExcludingPadWithCeilMode) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 2]}]
layers:
  - {name: pool, op: AveragePool, inputs: [x], kernel: [2, 2], stride: [2, 2],
     pads: [1, 1, 0, 0], ceil_mode: true, count_include_pad: false}
)"));
  c.Inputs({AveragePoolInput()});
  // Divisors per axis 1, 2, 1: 1/1 5/2 4/1 / 14/2 34/4 20/2 / 13/1 29/2 16/1.
  EXPECT_EQ(c.Run("pool"), Interleave({1, 3, 4, 7, 9, 10, 13, 15, 16}));
}

TEST(ReferenceOps, AverageDivisorMatchesPytorchFormulas) {
  // Dilation 1: the documented closed forms, over many windows.
  for (const bool include : {false, true}) {
    ir::Window w;
    w.kernel_h = 3, w.kernel_w = 2, w.stride_h = 2, w.stride_w = 3;
    w.pad_top = 1, w.pad_left = 1, w.pad_bottom = 2, w.pad_right = 1;
    const int64_t H = 7, W = 5;
    for (int64_t oh = 0; oh < 5; ++oh) {
      for (int64_t ow = 0; ow < 3; ++ow) {
        const int64_t hs = oh * w.stride_h - w.pad_top, ws = ow * w.stride_w - w.pad_left;
        const int64_t expected =
            include ? (std::min(hs + w.kernel_h, H + w.pad_bottom) - hs) *
                          (std::min(ws + w.kernel_w, W + w.pad_right) - ws)
                    : (std::min(hs + w.kernel_h, H) - std::max<int64_t>(hs, 0)) *
                          (std::min(ws + w.kernel_w, W) - std::max<int64_t>(ws, 0));
        EXPECT_EQ(AverageDivisor(w, include, H, W, oh, ow), expected) << oh << "," << ow;
      }
    }
  }
}

TEST(ReferenceOps, GlobalAveragePoolRoundsHalfAway) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 2, 2, 2]}]
layers:
  - {name: gap, op: GlobalAveragePool, inputs: [x]}
)"));
  c.Inputs({{1, -1, 2, -1, 3, -1, 5, -3}});
  EXPECT_EQ(c.Run("gap"), (Bytes{3, -2}));  // 11/4 = 2.75, -6/4 = -1.5
}

TEST(ReferenceOps, AddWithDifferentExponentsAndRelu) {
  Case c(Parse(R"(
inputs: [{name: a, shape: [1, 1, 1, 4]}, {name: b, shape: [1, 1, 1, 4]}]
layers:
  - {name: add, op: Add, inputs: [a, b], activation: relu}
)"));
  c.Exponent("a", 2).Exponent("b", 0).Exponent("add", 1);
  c.Inputs({{10, -10, 7, 127}, {3, -3, -50, 100}});
  // At exponent 2: 22, -22, -193, 527; to exponent 1: 11, -11, -96.5 -> -97, 263.5 -> 127.
  EXPECT_EQ(c.Run("add"), (Bytes{11, 0, 0, 127}));
}

TEST(ReferenceOps, AddOfThreeInputs) {
  Case c(Parse(R"(
inputs: [{name: a, shape: [1, 1, 1, 2]}, {name: b, shape: [1, 1, 1, 2]},
         {name: c, shape: [1, 1, 1, 2]}]
layers:
  - {name: add, op: Add, inputs: [a, b, c]}
)"));
  c.Exponent("a", 0).Exponent("b", 1).Exponent("c", -1).Exponent("add", 0);
  c.Inputs({{1, -1}, {3, 3}, {2, -5}});
  EXPECT_EQ(c.Run("add"), (Bytes{7, -10}));  // 13 / 2 = 6.5, -19 / 2 = -9.5
}

TEST(ReferenceOps, Relu6ClampsAtSixAtTheOutputExponent) {
  Case c(Parse(R"(
inputs: [{name: x, shape: [1, 1, 3, 1]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 1, bias: false, activation: relu6}
)"));
  c.Exponent("x", 4).Exponent("conv", 4).Inputs({{100, 50, -3}});
  c.Node("conv").weights = {1};
  c.Node("conv").activation_max = quant::ActivationMax(6.0, 4);
  ASSERT_EQ(c.Node("conv").activation_max, 96);
  EXPECT_EQ(c.Run("conv"), (Bytes{96, 50, 0}));
}

TEST(ReferenceOps, ConcatJoinsChannelsAndChecksExponents) {
  Case c(Parse(R"(
inputs: [{name: a, shape: [1, 1, 2, 1]}, {name: b, shape: [1, 1, 2, 2]}]
layers:
  - {name: cat, op: Concat, inputs: [a, b]}
)"));
  c.Exponent("a", 3).Exponent("b", 3).Exponent("cat", 3).Inputs({{1, 2}, {3, 4, 5, 6}});
  EXPECT_EQ(c.Run("cat"), (Bytes{1, 3, 4, 2, 5, 6}));
  c.Exponent("b", 2).Inputs({{1, 2}, {3, 4, 5, 6}});
  EXPECT_THROW(c.Run("cat"), InternalError);
}

// A window wholly in the padding (a pad as large as the kernel) has nothing to take the maximum
// of: such a pool is refused when the workload is loaded, before the reference could meet it.
TEST(ReferenceOps, MaxPoolWindowWithoutInputIsRefusedAtLoad) {
  EXPECT_THROW(Parse(R"(
inputs: [{name: x, shape: [1, 2, 2, 1]}]
layers:
  - {name: pool, op: MaxPool, inputs: [x], kernel: [1, 1], pads: [1, 0, 0, 0]}
)"),
               UserError);
}

// The straightforward convolution the fast kernel must equal bit for bit.
Bytes NaiveConv(const ir::Graph& graph, const ir::Node& node, const NodeQuant& q, int e_in,
                int e_out, const Bytes& x) {
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  const ir::Window& w = node.conv.window;
  const int64_t cin_g = is.c / node.conv.groups, cout_g = os.c / node.conv.groups;
  Bytes out;
  for (int64_t n = 0; n < os.n; ++n) {
    for (int64_t oh = 0; oh < os.h; ++oh) {
      for (int64_t ow = 0; ow < os.w; ++ow) {
        for (int64_t co = 0; co < os.c; ++co) {
          int64_t acc = q.bias.empty() ? 0 : q.bias[co];
          for (int64_t kh = 0; kh < w.kernel_h; ++kh) {
            for (int64_t kw = 0; kw < w.kernel_w; ++kw) {
              const int64_t ih = oh * w.stride_h - w.pad_top + kh * w.dilation_h;
              const int64_t iw = ow * w.stride_w - w.pad_left + kw * w.dilation_w;
              if (ih < 0 || ih >= is.h || iw < 0 || iw >= is.w) continue;
              for (int64_t ci = 0; ci < cin_g; ++ci) {
                acc += int64_t{x[((n * is.h + ih) * is.w + iw) * is.c + co / cout_g * cin_g + ci]} *
                       q.weights[((co * w.kernel_h + kh) * w.kernel_w + kw) * cin_g + ci];
              }
            }
          }
          int8_t value = quant::Requantize(acc, e_in + q.weight_exponent, e_out);
          if (node.activation != ir::Activation::kNone) {
            value = quant::Activate(value, q.activation_max);
          }
          out.push_back(value);
        }
      }
    }
  }
  return out;
}

// Random shapes, groups, windows and block masks (partial edge blocks included): the kernel,
// which skips dropped blocks and gathers windows, equals the naive convolution.
TEST(ReferenceOps, ConvEqualsNaiveOverRandomShapesAndMasks) {
  std::mt19937_64 engine(8);
  auto draw = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(engine() % static_cast<uint64_t>(hi - lo + 1));
  };
  for (int trial = 0; trial < 300; ++trial) {
    ir::Graph graph;
    graph.name = "random";
    const int64_t groups = draw(1, 3);
    graph.tensors.push_back(
        {"x", ir::Shape{draw(1, 2), draw(3, 7), draw(3, 7), groups * draw(1, 12)}});
    graph.tensors.push_back({"y", ir::Shape{}});
    graph.inputs = {0};
    graph.outputs = {1};
    ir::Node node;
    node.name = "conv";
    node.inputs = {0};
    node.output = 1;
    node.conv.groups = groups;
    node.conv.out_channels = groups * draw(1, 12);
    ir::Window& w = node.conv.window;
    w.kernel_h = draw(1, 3), w.kernel_w = draw(1, 3);
    w.stride_h = draw(1, 2), w.stride_w = draw(1, 2);
    w.dilation_h = draw(1, 2), w.dilation_w = draw(1, 2);
    w.pad_top = draw(0, 2), w.pad_left = draw(0, 2), w.pad_bottom = draw(0, 2);
    w.pad_right = draw(0, 2);
    node.activation = draw(0, 1) ? ir::Activation::kRelu : ir::Activation::kNone;
    graph.nodes.push_back(node);
    const ir::Shape& is = graph.tensors[0].shape;
    if (ir::WindowOutputSize(is.h, w.kernel_h, w.stride_h, w.dilation_h, w.pad_top, w.pad_bottom,
                             false) < 1 ||
        ir::WindowOutputSize(is.w, w.kernel_w, w.stride_w, w.dilation_w, w.pad_left, w.pad_right,
                             false) < 1) {
      continue;
    }
    ir::InferShapes(graph, "random");
    const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, graph.nodes[0]);
    if (draw(0, 3) != 0) {  // mostly block-sparse
      const sparsity::BlockGrid grid(shape, draw(1, 5), draw(1, 5));
      std::vector<uint8_t> kept(static_cast<size_t>(grid.blocks()));
      for (uint8_t& k : kept) k = draw(0, 2) != 0;
      graph.nodes[0].mask = grid.MakeMask(kept);
    }
    QuantizedNetwork q;
    q.tensor_exponent = {3, static_cast<int>(draw(0, 8))};
    q.nodes.resize(1);
    NodeQuant& nq = q.nodes[0];
    nq.weight_exponent = 5;
    Bytes dense(static_cast<size_t>(shape.elements()));
    for (int8_t& v : dense) v = static_cast<int8_t>(draw(-128, 127));
    nq.weights =
        sparsity::ExpandWeights(sparsity::CompactWeights(shape, graph.nodes[0].mask, dense));
    if (draw(0, 1)) {
      for (int64_t co = 0; co < shape.out_channels; ++co) {
        nq.bias.push_back(static_cast<int32_t>(draw(-5000, 5000)));
      }
    }
    NetworkInput input;
    input.tensors.emplace_back(static_cast<size_t>(is.elements()));
    for (int8_t& v : input.tensors[0]) v = static_cast<int8_t>(draw(-128, 127));
    input.exponents = {3};
    const Bytes expected =
        NaiveConv(graph, graph.nodes[0], nq, 3, q.tensor_exponent[1], input.tensors[0]);
    ASSERT_EQ(RunReference(graph, q, input)[1], expected) << "trial " << trial;
  }
}

TEST(ReferenceOps, NondegenerateShare) {
  EXPECT_DOUBLE_EQ(NondegenerateShare({0, 127, -128, 5}), 0.25);
  EXPECT_DOUBLE_EQ(NondegenerateShare({1, -1, 126, -127}), 1.0);
  EXPECT_DOUBLE_EQ(NondegenerateShare({}), 0.0);
}

}  // namespace
}  // namespace aie2sim::reference
