// Computation reduction (issue 23) on hand-computed cases: each method's count per output
// (element_counter.h), the block-granularity counts and the tile stop (block_counter.h), a
// padded convolution counted over the reference with exactness asserted (layer_reduction.h), a
// mismatch reported, which tensors are non-negative, and determinism.
#include <gtest/gtest.h>

#include <string>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/reduction/block_counter.h"
#include "compiler/reduction/element_counter.h"
#include "compiler/reduction/layer_reduction.h"
#include "compiler/reduction/network_reduction.h"
#include "compiler/reduction/nonnegative_tensors.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/reference/reference_executor.h"
#include "sim/base/error.h"

namespace aie2sim::reduction {
namespace {

using Bytes = std::vector<int8_t>;

ir::Graph Parse(const std::string& body) {
  return frontend::ParseWorkloadYaml("version: 1\nname: t\n" + body, "t.yaml", 0);
}

// One channel, weights [3, -1, 0, -4, 2], patch [1, 2, 5, 1, 0], bias -1. Positive phase:
// -1 + 3*1 + 2*0 = 2 (one live product). Negatives by magnitude: -4 (x 1) gives -2 < 0: stop
// after one negative; then -1 (x 2) gives the full sum -4.
TEST(ElementCounter, StopsAtTheFirstNegativePartialSum) {
  const ElementCounter counter({3, -1, 0, -4, 2}, 1, 5);
  const Bytes patch = {1, 2, 5, 1, 0};
  MethodCounts counts;
  const ElementCounter::Outcome outcome = counter.Count(0, patch.data(), -1, true, counts);
  EXPECT_EQ(outcome.accumulator, -4);
  EXPECT_TRUE(outcome.stopped);
  EXPECT_EQ(counts.dense, 5);
  EXPECT_EQ(counts.compressed, 4);
  EXPECT_EQ(counts.two_sided, 3);  // 3*1, -1*2, -4*1
  EXPECT_EQ(counts.snapea, 4);     // 3, 0, 2 (zero weight in the positive phase), then -4
  EXPECT_EQ(counts.proposal1, 3);  // 3, 2, -4
  EXPECT_EQ(counts.proposal2, 2);  // 3*1, -4*1
}

TEST(ElementCounter, WithoutPredictionTheMethodsFallBack) {
  const ElementCounter counter({3, -1, 0, -4, 2}, 1, 5);
  const Bytes patch = {1, 2, 5, 1, 0};
  MethodCounts counts;
  const ElementCounter::Outcome outcome = counter.Count(0, patch.data(), -1, false, counts);
  EXPECT_EQ(outcome.accumulator, -4);
  EXPECT_FALSE(outcome.stopped);
  EXPECT_EQ(counts.snapea, 5);
  EXPECT_EQ(counts.proposal1, 4);
  EXPECT_EQ(counts.proposal2, 3);
}

// Bias -10 and one positive product 1: negative after the positive phase, no negative weight
// multiplied.
TEST(ElementCounter, StopsAfterThePositivePhase) {
  const ElementCounter counter({1, -1}, 1, 2);
  const Bytes patch = {1, 1};
  MethodCounts counts;
  EXPECT_TRUE(counter.Count(0, patch.data(), -10, true, counts).stopped);
  EXPECT_EQ(counts.snapea, 1);
  EXPECT_EQ(counts.proposal1, 1);
  EXPECT_EQ(counts.proposal2, 1);
}

// Weights [2, -3, -1], patch [1, 0, 5]: 2, then -3 * 0 (not live, no change), then -1 * 5 = -3:
// two negatives multiplied, one of them live.
TEST(ElementCounter, ZeroActivationsBeforeTheStopAreSkippedByProposal2Only) {
  const ElementCounter counter({2, -3, -1}, 1, 3);
  const Bytes patch = {1, 0, 5};
  MethodCounts counts;
  EXPECT_TRUE(counter.Count(0, patch.data(), 0, true, counts).stopped);
  EXPECT_EQ(counts.two_sided, 2);
  EXPECT_EQ(counts.snapea, 3);
  EXPECT_EQ(counts.proposal1, 3);
  EXPECT_EQ(counts.proposal2, 2);
}

TEST(ElementCounter, NoStopWhenTheSumStaysNonNegative) {
  const ElementCounter counter({5, -1}, 1, 2);
  const Bytes patch = {1, 1};
  MethodCounts counts;
  EXPECT_FALSE(counter.Count(0, patch.data(), 0, true, counts).stopped);
  EXPECT_EQ(counts.snapea, 2);
  EXPECT_EQ(counts.proposal2, 2);
}

// 8 output channels x 24 input channels, one tap: block 0 (inputs 0-7) holds w = -2 at input 0
// of every channel, block 1 (8-15) w = +1 at input 8, block 2 (16-23) w = -1 at input 16.
std::vector<int8_t> ThreeBlocks() {
  std::vector<int8_t> w(8 * 24, 0);
  for (int co = 0; co < 8; ++co) {
    w[co * 24 + 0] = -2;
    w[co * 24 + 8] = 1;
    w[co * 24 + 16] = -1;
  }
  return w;
}

// x0 = 5, x8 = 1, x16 = 3: full sum -10 + 1 - 3 = -12 per channel. The positive block 1 goes
// first (partial -12 + 10 + 3 = 1), then block 0 (larger |w| sum: 16 against 8) gives -9 < 0 for
// all 8 outputs: the tile stops before block 2.
TEST(BlockCounter, TileStopsWhenEveryOutputIsNegative) {
  const BlockCounter counter(ThreeBlocks(), 8, 1, 1, 24);
  Bytes patch(24, 0);
  patch[0] = 5;
  patch[8] = 1;
  patch[16] = 3;
  const std::vector<int64_t> acc(8, -12);
  const std::vector<TilePixel> tile = {{patch.data(), acc.data()}};
  MethodCounts counts;
  int stops = 0;
  counter.Count(tile, true, counts, [&](int64_t begin, int64_t end, size_t pixels) {
    ++stops;
    EXPECT_EQ(begin, 0);
    EXPECT_EQ(end, 8);
    EXPECT_EQ(pixels, 1u);
  });
  EXPECT_EQ(stops, 1);
  EXPECT_EQ(counts.block_compressed, 3 * 64);
  EXPECT_EQ(counts.block_proposal2, 2 * 64);

  MethodCounts plain;
  counter.Count(tile, false, plain, [&](int64_t, int64_t, size_t) { ++stops; });
  EXPECT_EQ(stops, 1);
  EXPECT_EQ(plain.block_proposal2, 3 * 64);
}

// Two pixels: the second has an all-zero vector for blocks 0 and 2 and a positive sum, so the
// tile never stops; its zero vectors are skipped.
TEST(BlockCounter, ZeroVectorsSkippedAndOneNonNegativeOutputKeepsTheTileGoing) {
  const BlockCounter counter(ThreeBlocks(), 8, 1, 1, 24);
  Bytes a(24, 0), b(24, 0);
  a[0] = 5;
  a[8] = 1;
  a[16] = 3;
  b[8] = 2;
  const std::vector<int64_t> acc_a(8, -12), acc_b(8, 2);
  const std::vector<TilePixel> tile = {{a.data(), acc_a.data()}, {b.data(), acc_b.data()}};
  MethodCounts counts;
  int stops = 0;
  counter.Count(tile, true, counts, [&](int64_t, int64_t, size_t) { ++stops; });
  EXPECT_EQ(stops, 0);
  EXPECT_EQ(counts.block_compressed, 2 * 3 * 64);
  EXPECT_EQ(counts.block_proposal2, 4 * 64);  // a: three blocks, b: block 1 only
}

// A padded 1x3 convolution over [1, 0, 2] with weights [2, -1, -3], bias 1, exponents 0, ReLU:
// patches [0, 1, 0], [1, 0, 2], [0, 2, 0] (padding 0); full sums 0, -3, -1.
//  output 0: 1 + 0 -> -3*0 -> -1*1 = 0, no stop; live products 1; snapea 3, proposal2 1
//  output 1: 1 + 2 = 3 -> -3*2 = -3 stop; snapea 1 + 1 = 2, proposal1 2, proposal2 2
//  output 2: 1 + 0 -> -3*0 = 1 -> -1*2 = -1 stop; snapea 3, proposal1 3, proposal2 1
// Blocks (1x1 each, one per tap): tap 0 first, then tap 2 (|w| 3), tap 1; the 3-pixel tile
// never stops (outputs 0 stays >= 0); live vectors: tap 0 once, tap 1 twice, tap 2 once.
struct PaddedConv {
  ir::Graph graph = Parse(R"(
inputs: [{name: x, shape: [1, 1, 3, 1]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 1, kernel: [1, 3], pads: [0, 1, 0, 1],
     activation: relu}
)");
  reference::QuantizedNetwork q;
  reference::NetworkInput input;
  PaddedConv() {
    q.tensor_exponent.assign(graph.tensors.size(), 0);
    q.nodes.resize(1);
    q.nodes[0].weights = {2, -1, -3};
    q.nodes[0].bias = {1};
    input.tensors = {{1, 0, 2}};
    input.exponents = {0};
  }
};

TEST(CountLayer, PaddedConvolutionHandCounted) {
  PaddedConv c;
  const auto tensors = reference::RunReference(c.graph, c.q, c.input);
  const LayerReduction layer = CountLayer(c.graph, c.graph.nodes[0], c.q.nodes[0], 0, 0, tensors[0],
                                          tensors[1], /*input_nonnegative=*/true);
  EXPECT_TRUE(layer.predicted);
  EXPECT_EQ(layer.outputs, 3);
  EXPECT_EQ(layer.stopped_outputs, 2);
  EXPECT_EQ(layer.zero_inputs, 1);
  EXPECT_EQ(layer.counts.dense, 9);
  EXPECT_EQ(layer.counts.compressed, 9);
  EXPECT_EQ(layer.counts.two_sided, 4);
  EXPECT_EQ(layer.counts.snapea, 8);
  EXPECT_EQ(layer.counts.proposal1, 8);
  EXPECT_EQ(layer.counts.proposal2, 4);
  EXPECT_EQ(layer.counts.block_compressed, 9);
  EXPECT_EQ(layer.counts.block_proposal2, 4);
  EXPECT_EQ(layer.stopped_tiles, 0);
}

TEST(CountLayer, AMismatchWithTheReferenceIsAnInternalError) {
  PaddedConv c;
  auto tensors = reference::RunReference(c.graph, c.q, c.input);
  tensors[1][0] = 7;  // the reference's output 0 is 0
  try {
    CountLayer(c.graph, c.graph.nodes[0], c.q.nodes[0], 0, 0, tensors[0], tensors[1], true);
    FAIL() << "no error";
  } catch (const InternalError& error) {
    EXPECT_NE(std::string(error.what()).find("conv: output (0, 0, 0, 0)"), std::string::npos)
        << error.what();
  }
}

TEST(NonNegativeTensors, FollowsReluThroughPoolsFlattenConcatAndAdd) {
  const ir::Graph graph = Parse(R"(
inputs: [{name: x, shape: [1, 4, 4, 8]}]
layers:
  - {name: a, op: Conv, inputs: [x], out_channels: 8, activation: relu}
  - {name: b, op: Conv, inputs: [a], out_channels: 8}
  - {name: p, op: MaxPool, inputs: [a], kernel: [2, 2]}
  - {name: s, op: Add, inputs: [a, b]}
  - {name: t, op: Add, inputs: [a, a]}
  - {name: c, op: Concat, inputs: [a, b]}
  - {name: d, op: Concat, inputs: [a, a]}
  - {name: f, op: Flatten, inputs: [p]}
)");
  const std::vector<bool> nonnegative = NonNegativeTensors(graph, {false});
  EXPECT_TRUE(NonNegativeTensors(graph, {true})[0]);
  auto at = [&](const std::string& name) {
    for (size_t i = 0; i < graph.tensors.size(); ++i) {
      if (graph.tensors[i].name == name) return static_cast<bool>(nonnegative[i]);
    }
    ADD_FAILURE() << name;
    return false;
  };
  EXPECT_FALSE(at("x"));
  EXPECT_TRUE(at("a"));
  EXPECT_FALSE(at("b"));
  EXPECT_TRUE(at("p"));
  EXPECT_FALSE(at("s"));
  EXPECT_TRUE(at("t"));
  EXPECT_FALSE(at("c"));
  EXPECT_TRUE(at("d"));
  EXPECT_TRUE(at("f"));
}

// The whole pipeline twice on a random network: equal counts; and every output was checked.
TEST(CountNetwork, DeterministicOnARandomNetwork) {
  const ir::Graph graph = Parse(R"(
inputs: [{name: x, shape: [2, 9, 9, 3]}]
layers:
  - {name: c1, op: Conv, inputs: [x], out_channels: 16, kernel: [3, 3], pads: [1, 1, 1, 1],
     activation: relu}
  - {name: c2, op: Conv, inputs: [c1], out_channels: 24, kernel: [3, 3], stride: [2, 2],
     activation: relu}
  - {name: f, op: Flatten, inputs: [c2]}
  - {name: g, op: Gemm, inputs: [f], out_channels: 10}
)");
  const reference::NetworkInput input = reference::RandomInput(graph, 3);
  const reference::QuantizedNetwork q = reference::QuantizeNetwork(graph, input, 3);
  const NetworkReduction first = CountNetwork(graph, q, input);
  const NetworkReduction second = CountNetwork(graph, q, input);
  ASSERT_EQ(first.layers.size(), 3u);
  EXPECT_FALSE(first.layers[0].predicted);  // a random signed input
  EXPECT_TRUE(first.layers[1].predicted);
  EXPECT_FALSE(first.layers[2].predicted);  // no ReLU
  EXPECT_EQ(first.layers[1].outputs, 2 * 4 * 4 * 24);
  EXPECT_GT(first.layers[1].stopped_outputs, 0);
  EXPECT_EQ(first.totals.dense, 2 * (81 * 16 * 27 + 16 * 24 * 144 + 384 * 10));
  EXPECT_LT(first.totals.proposal2, first.totals.proposal1);
  EXPECT_LE(first.totals.proposal1, first.totals.snapea);
  EXPECT_EQ(first.totals.proposal2, second.totals.proposal2);
  EXPECT_EQ(first.totals.block_proposal2, second.totals.block_proposal2);
  EXPECT_EQ(first.totals.snapea, second.totals.snapea);

  // The same input made non-negative: the first layer predicts too.
  reference::NetworkInput positive = input;
  for (int8_t& v : positive.tensors[0]) v = static_cast<int8_t>(v < 0 ? -(v + 1) : v);
  const reference::QuantizedNetwork qp = reference::QuantizeNetwork(graph, positive, 3);
  EXPECT_TRUE(CountNetwork(graph, qp, positive).layers[0].predicted);
}

}  // namespace
}  // namespace aie2sim::reduction
