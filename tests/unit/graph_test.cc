// Graph IR arithmetic: window output sizes (floor and ceil mode, as ONNX) and MACs.
#include "compiler/ir/graph.h"

#include <gtest/gtest.h>

namespace aie2sim::ir {
namespace {

TEST(Graph, WindowOutputSize) {
  EXPECT_EQ(WindowOutputSize(224, 7, 2, 1, 3, 3, false), 112);  // ResNet stem
  EXPECT_EQ(WindowOutputSize(112, 3, 2, 1, 1, 1, false), 56);   // ResNet max pool
  EXPECT_EQ(WindowOutputSize(147, 3, 2, 1, 0, 0, false), 73);   // Inception pool
  EXPECT_EQ(WindowOutputSize(147, 3, 2, 1, 0, 0, true), 73);
  EXPECT_EQ(WindowOutputSize(6, 3, 2, 1, 0, 0, false), 2);
  EXPECT_EQ(WindowOutputSize(6, 3, 2, 1, 0, 0, true), 3);       // ceil keeps a partial window
  EXPECT_EQ(WindowOutputSize(5, 2, 2, 1, 0, 0, true), 3);
  EXPECT_EQ(WindowOutputSize(16, 3, 1, 2, 2, 2, false), 16);    // dilation 2, pad 2
  EXPECT_EQ(WindowOutputSize(2, 5, 1, 1, 0, 0, false), 0);      // does not fit
}

TEST(Graph, GroupedConvMacs) {
  Graph graph;
  graph.tensors = {{"x", {1, 8, 8, 32}}, {"y", {}}};
  graph.inputs = {0};
  Node node;
  node.name = "dw";
  node.op = OpKind::kConv;
  node.inputs = {0};
  node.output = 1;
  node.conv.out_channels = 32;
  node.conv.groups = 32;
  node.conv.window.kernel_h = node.conv.window.kernel_w = 3;
  node.conv.window.pad_top = node.conv.window.pad_left = 1;
  node.conv.window.pad_bottom = node.conv.window.pad_right = 1;
  graph.nodes = {node};
  InferShapes(graph, "g");
  EXPECT_EQ(ToString(graph.OutputShape(graph.nodes[0])), "1x8x8x32");
  EXPECT_EQ(Macs(graph, graph.nodes[0]), 8 * 8 * 32 * 9);  // one input channel per output
  EXPECT_EQ(DenseWeightBytes(graph, graph.nodes[0]), 32 * 9);
}

}  // namespace
}  // namespace aie2sim::ir
