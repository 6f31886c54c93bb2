// Quantising a whole network for functional co-simulation: the exponent tie rule, synthetic and
// imported weights, biases at the product scale, ReLU6 clamps, dropped blocks exactly zero,
// determinism in the seed, and a small random CNN whose every tensor stays meaningful for a
// bit-exact check and close to the float network it approximates.
#include "compiler/reference/quantized_network.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/reference/exponent_ties.h"
#include "compiler/reference/float_executor.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/reference_executor.h"
#include "compiler/reference/synthetic_weights.h"
#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/quantize.h"
#include "compiler/sparsity/sparsity.h"

namespace aie2sim::reference {
namespace {

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

// conv + ReLU, MaxPool, a residual Add with ReLU, ReLU6, a depthwise Conv, Concat, AveragePool
// (ceil_mode), GlobalAveragePool, Flatten and Gemm.
const char kSmallCnn[] = R"(
inputs: [{name: image, shape: [1, 16, 16, 8]}]
layers:
  - {name: conv1, op: Conv, inputs: [image], out_channels: 16, kernel: [3, 3],
     pads: [1, 1, 1, 1], activation: relu}
  - {name: pool1, op: MaxPool, inputs: [conv1], kernel: [2, 2], stride: [2, 2]}
  - {name: conv2a, op: Conv, inputs: [pool1], out_channels: 16, kernel: [3, 3],
     pads: [1, 1, 1, 1], activation: relu}
  - {name: conv2b, op: Conv, inputs: [conv2a], out_channels: 16, kernel: [3, 3],
     pads: [1, 1, 1, 1]}
  - {name: add, op: Add, inputs: [pool1, conv2b], activation: relu}
  - {name: conv3, op: Conv, inputs: [add], out_channels: 24, activation: relu6}
  - {name: dw, op: Conv, inputs: [add], out_channels: 16, groups: 16, kernel: [3, 3],
     pads: [1, 1, 1, 1], activation: relu}
  - {name: cat, op: Concat, inputs: [conv3, dw]}
  - {name: pool2, op: AveragePool, inputs: [cat], kernel: [3, 3], stride: [2, 2],
     pads: [1, 1, 1, 1], ceil_mode: true}
  - {name: gap, op: GlobalAveragePool, inputs: [pool2]}
  - {name: flat, op: Flatten, inputs: [gap]}
  - {name: fc, op: Gemm, inputs: [flat], out_channels: 10}
)";

TEST(ReferenceQuantize, TieRule) {
  const ir::Graph graph = Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 2]}]
layers:
  - {name: px, op: MaxPool, inputs: [x], kernel: [2, 2], stride: [2, 2]}
  - {name: a, op: Conv, inputs: [x], out_channels: 2}
  - {name: b, op: Conv, inputs: [x], out_channels: 2}
  - {name: z, op: Conv, inputs: [x], out_channels: 2}
  - {name: pa, op: MaxPool, inputs: [a], kernel: [2, 2], stride: [2, 2]}
  - {name: pb, op: AveragePool, inputs: [b], kernel: [2, 2], stride: [2, 2]}
  - {name: pz, op: MaxPool, inputs: [z], kernel: [2, 2], stride: [2, 2]}
  - {name: cat, op: Concat, inputs: [pa, pb, pz]}
  - {name: gap, op: GlobalAveragePool, inputs: [cat]}
  - {name: flat, op: Flatten, inputs: [gap]}
  - {name: fc, op: Gemm, inputs: [flat], out_channels: 3}
  - {name: d, op: Conv, inputs: [px], out_channels: 2}
  - {name: sum, op: Add, inputs: [pa, pb]}
)");
  const std::vector<std::pair<std::string, double>> max_abs = {
      {"x", 1.0},    {"px", 5.0},   {"a", 3.0},  {"b", 20.0},   {"z", 0.0},
      {"pa", 2.5},   {"pb", 10.0},  {"pz", 0.0}, {"cat", 20.0}, {"gap", 8.0},
      {"flat", 8.0}, {"fc", 100.0}, {"d", 0.3},  {"sum", 40.0}};
  std::vector<double> values(graph.tensors.size(), -1.0);
  for (const auto& [name, value] : max_abs) values[TensorIndex(graph, name)] = value;
  const std::vector<int> e = TieExponents(graph, values, {7});
  auto exponent = [&](const char* name) { return e[TensorIndex(graph, name)]; };
  // A pool of a graph input keeps the input's exponent whatever the float run says.
  EXPECT_EQ(exponent("x"), 7);
  EXPECT_EQ(exponent("px"), 7);
  // One class through MaxPool, AveragePool, Concat, GlobalAveragePool and Flatten: the coarsest
  // member's exponent (b: 20 -> 2); the all-zero z does not drag it to exponent 0.
  for (const char* name : {"a", "b", "z", "pa", "pb", "pz", "cat", "gap", "flat"}) {
    EXPECT_EQ(exponent(name), 2) << name;
  }
  EXPECT_EQ(exponent("fc"), 0);   // free: 100 -> 0
  EXPECT_EQ(exponent("d"), 8);    // free: 0.3 -> 8
  EXPECT_EQ(exponent("sum"), 1);  // free: 40 -> 1
}

TEST(ReferenceQuantize, TiesHoldInAQuantisedNetwork) {
  const ir::Graph graph = Parse(kSmallCnn);
  const QuantizedNetwork q = QuantizeNetwork(graph, RandomInput(graph, 1), 1);
  auto exponent = [&](const char* name) { return q.tensor_exponent[TensorIndex(graph, name)]; };
  EXPECT_EQ(exponent("image"), 7);
  EXPECT_EQ(exponent("pool1"), exponent("conv1"));
  for (const char* name : {"conv3", "dw", "pool2", "gap", "flat"}) {
    EXPECT_EQ(exponent(name), exponent("cat")) << name;
  }
  // Pooling the input directly: the pool keeps exponent 7.
  const ir::Graph pooled = Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 8]}]
layers:
  - {name: pool, op: MaxPool, inputs: [x], kernel: [2, 2], stride: [2, 2]}
  - {name: conv, op: Conv, inputs: [pool], out_channels: 8}
)");
  const QuantizedNetwork pq = QuantizeNetwork(pooled, RandomInput(pooled, 3), 3);
  EXPECT_EQ(pq.tensor_exponent[TensorIndex(pooled, "pool")], 7);
}

TEST(ReferenceQuantize, WeightsBiasAndClamps) {
  const ir::Graph graph = Parse(kSmallCnn);
  const QuantizedNetwork q = QuantizeNetwork(graph, RandomInput(graph, 1), 5);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    const NodeQuant& nq = q.nodes[i];
    const int e_out = q.tensor_exponent[node.output];
    EXPECT_EQ(nq.activation_max,
              node.activation == ir::Activation::kRelu6 ? quant::ActivationMax(6.0, e_out) : 127)
        << node.name;
    if (!ir::HasWeights(node.op)) {
      EXPECT_TRUE(nq.weights.empty() && nq.bias.empty()) << node.name;
      continue;
    }
    // He-uniform synthetic weights within sqrt(6 / fan_in), bias within 1 / sqrt(fan_in).
    const ir::WeightData data = SyntheticWeights(graph, node, 5);
    const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
    const double fan_in = static_cast<double>(shape.kernel_elems * shape.in_per_group);
    double max_w = 0, max_b = 0;
    for (const float w : data.values) max_w = std::max(max_w, std::fabs(double{w}));
    for (const float b : data.bias) max_b = std::max(max_b, std::fabs(double{b}));
    EXPECT_LE(max_w, std::sqrt(6.0 / fan_in)) << node.name;
    EXPECT_GT(max_w, 0.9 * std::sqrt(6.0 / fan_in)) << node.name;
    EXPECT_LE(max_b, 1.0 / std::sqrt(fan_in)) << node.name;
    // Dense: exactly QuantizeTensor of those weights; the bias at e_in + e_w.
    const quant::QuantizedTensor expected = quant::QuantizeTensor(data.values);
    EXPECT_EQ(nq.weight_exponent, expected.exponent) << node.name;
    EXPECT_EQ(nq.weights, expected.values) << node.name;
    const int e_in = q.tensor_exponent[node.inputs[0]];
    EXPECT_EQ(nq.bias, quant::QuantizeBias(data.bias, e_in, nq.weight_exponent)) << node.name;
    EXPECT_EQ(nq.bias.size(), static_cast<size_t>(node.conv.out_channels)) << node.name;
  }
}

TEST(ReferenceQuantize, SyntheticWeightsDependOnlyOnSeedAndName) {
  const ir::Graph graph = Parse(kSmallCnn);
  // conv2a alone in another graph, with the same input shape: the same weights.
  const ir::Graph alone = Parse(R"(
inputs: [{name: other, shape: [1, 8, 8, 16]}]
layers:
  - {name: conv2a, op: Conv, inputs: [other], out_channels: 16, kernel: [3, 3],
     pads: [1, 1, 1, 1], bias: false}
)");
  const ir::WeightData in_graph = SyntheticWeights(graph, graph.nodes[2], 9);
  const ir::WeightData own = SyntheticWeights(alone, alone.nodes[0], 9);
  EXPECT_EQ(in_graph.values, own.values);
  EXPECT_EQ(in_graph.bias.size(), 16u);
  EXPECT_TRUE(own.bias.empty());  // bias: false
  EXPECT_NE(SyntheticWeights(graph, graph.nodes[2], 10).values, in_graph.values);
  EXPECT_NE(SyntheticWeights(graph, graph.nodes[3], 9).values, in_graph.values);
}

TEST(ReferenceQuantize, ImportedWeightsAreUsed) {
  ir::Graph graph = Parse(R"(
inputs: [{name: x, shape: [1, 2, 2, 2]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 2}
)");
  graph.nodes[0].weights = ir::WeightData{{0.5f, -0.25f, 1.0f, 0.125f}, {0.5f, -1.0f}};
  const NetworkInput input = RandomInput(graph, 1);
  const QuantizedNetwork q = QuantizeNetwork(graph, input, 1);
  EXPECT_EQ(q.nodes[0].weight_exponent, 6);  // max |w| = 1
  EXPECT_EQ(q.nodes[0].weights, (std::vector<int8_t>{32, -16, 64, 8}));
  // Bias at e_in + e_w = 7 + 6.
  EXPECT_EQ(q.nodes[0].bias, (std::vector<int32_t>{4096, -8192}));
}

TEST(ReferenceQuantize, DroppedBlocksAreExactlyZero) {
  ir::Graph graph = Parse(kSmallCnn);
  sparsity::SparsityOptions options;
  options.ratio = 0.5;
  options.block_h = 4;
  options.block_w = 4;
  options.first_dense = false;
  sparsity::ApplySparsity(graph, options);
  const QuantizedNetwork q = QuantizeNetwork(graph, RandomInput(graph, 1), 1);
  int sparse_nodes = 0;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ir::Node& node = graph.nodes[i];
    if (!ir::HasWeights(node.op) || node.mask.dense()) continue;
    ++sparse_nodes;
    const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
    const sparsity::BlockGrid grid = sparsity::BlockGrid::OfMask(shape, node.mask);
    // The kept weights alone choose the exponent; each kept weight is its rounded value there.
    const std::vector<float> floats = SyntheticWeights(graph, node, 1).values;
    double kept_max = 0;
    for (int64_t b = 0; b < grid.blocks(); ++b) {
      const int64_t g = b / (grid.rows() * grid.cols());
      const int64_t r = b / grid.cols() % grid.rows(), c = b % grid.cols();
      if (!node.mask.kept[b]) continue;
      grid.ForEachElement(
          g, r, c, [&](int64_t k) { kept_max = std::max(kept_max, std::fabs(double{floats[k]})); });
    }
    const int e_w = quant::ChooseExponent(kept_max);
    EXPECT_EQ(q.nodes[i].weight_exponent, e_w) << node.name;
    int64_t dropped = 0;
    for (int64_t b = 0; b < grid.blocks(); ++b) {
      const int64_t g = b / (grid.rows() * grid.cols());
      const int64_t r = b / grid.cols() % grid.rows(), c = b % grid.cols();
      const bool kept = node.mask.kept[b] != 0;
      dropped += !kept;
      grid.ForEachElement(g, r, c, [&](int64_t k) {
        const int8_t expected = kept ? quant::QuantizeValue(floats[k], e_w) : int8_t{0};
        ASSERT_EQ(q.nodes[i].weights[k], expected) << node.name << " element " << k;
      });
    }
    EXPECT_GT(dropped, 0) << node.name;
  }
  EXPECT_GE(sparse_nodes, 4);
}

TEST(ReferenceQuantize, DeterministicInTheSeed) {
  const ir::Graph graph = Parse(kSmallCnn);
  const NetworkInput input = RandomInput(graph, 1);
  const QuantizedNetwork a = QuantizeNetwork(graph, input, 1);
  const QuantizedNetwork b = QuantizeNetwork(graph, input, 1);
  const QuantizedNetwork c = QuantizeNetwork(graph, input, 2);
  EXPECT_EQ(a.tensor_exponent, b.tensor_exponent);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    EXPECT_EQ(a.nodes[i].weights, b.nodes[i].weights);
    EXPECT_EQ(a.nodes[i].bias, b.nodes[i].bias);
  }
  EXPECT_NE(a.nodes[0].weights, c.nodes[0].weights);
  const int fc = TensorIndex(graph, "fc");
  EXPECT_EQ(RunReference(graph, a, input), RunReference(graph, b, input));
  EXPECT_NE(RunReference(graph, a, input)[fc], RunReference(graph, c, input)[fc]);
  const NetworkInput other = RandomInput(graph, 2);
  EXPECT_NE(RunReference(graph, a, input)[fc],
            RunReference(graph, QuantizeNetwork(graph, other, 1), other)[fc]);
}

// Every tensor of a small random CNN, dense and block-sparse: at least 20% of its values are
// neither 0 nor saturated, and the int8 values stay within 10% of the tensor's max |x| of the
// float network run with the same (dequantised) weights.
TEST(ReferenceQuantize, SmallCnnIsNondegenerateAndTracksTheFloatNetwork) {
  for (const double ratio : {0.0, 0.5}) {
    ir::Graph graph = Parse(kSmallCnn);
    sparsity::SparsityOptions options;
    options.ratio = ratio;
    sparsity::ApplySparsity(graph, options);
    const NetworkInput input = RandomInput(graph, 1);
    const QuantizedNetwork q = QuantizeNetwork(graph, input, 1);
    const std::vector<std::vector<int8_t>> tensors = RunReference(graph, q, input);

    std::vector<ir::WeightData> weights(graph.nodes.size());
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      if (!ir::HasWeights(graph.nodes[i].op)) continue;
      weights[i].bias = NodeFloatWeights(graph, graph.nodes[i], 1).bias;
      for (const int8_t w : q.nodes[i].weights) {
        weights[i].values.push_back(
            static_cast<float>(quant::Dequantize(w, q.nodes[i].weight_exponent)));
      }
    }
    std::vector<float> image;
    for (const int8_t x : input.tensors[0]) image.push_back(x / 128.0f);
    const std::vector<std::vector<float>> floats = RunFloat(graph, weights, {image});

    for (size_t t = 0; t < tensors.size(); ++t) {
      const std::string& name = graph.tensors[t].name;
      EXPECT_GE(NondegenerateShare(tensors[t]), 0.2) << name << " at sparsity " << ratio;
      double max_abs = 0, max_error = 0;
      for (size_t k = 0; k < tensors[t].size(); ++k) {
        max_abs = std::max(max_abs, std::fabs(double{floats[t][k]}));
        max_error = std::max(
            max_error,
            std::fabs(quant::Dequantize(tensors[t][k], q.tensor_exponent[t]) - floats[t][k]));
      }
      EXPECT_LE(max_error, 0.1 * max_abs) << name << " at sparsity " << ratio;
    }
  }
}

}  // namespace
}  // namespace aie2sim::reference
