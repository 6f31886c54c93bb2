// The YAML workload format: shapes and MACs inferred, strict errors naming file:line:key.
#include "compiler/frontend/workload_yaml.h"

#include <gtest/gtest.h>

#include "compiler/frontend/workload_loader.h"
#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

constexpr const char* kTwoConvs = R"(version: 1
name: t
inputs:
  - name: image
    shape: [1, 16, 16, 8]
layers:
  - name: conv1
    op: Conv
    inputs: [image]
    out_channels: 16
    kernel: [3, 3]
    pads: [1, 1, 1, 1]
    activation: relu
  - name: pool
    op: MaxPool
    inputs: [conv1]
    kernel: [2, 2]
)";

std::string ErrorOf(const std::string& text) {
  try {
    ParseWorkloadYaml(text, "w.yaml", 0);
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

TEST(WorkloadYaml, InfersShapesAndMacs) {
  const ir::Graph graph = ParseWorkloadYaml(kTwoConvs, "w.yaml", 0);
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(ir::ToString(graph.OutputShape(graph.nodes[0])), "1x16x16x16");
  EXPECT_EQ(ir::ToString(graph.OutputShape(graph.nodes[1])), "1x8x8x16");  // stride = kernel
  // 16*16 outputs x 16 channels x 3*3*8 = 294912.
  EXPECT_EQ(ir::Macs(graph, graph.nodes[0]), 294912);
  EXPECT_EQ(ir::Macs(graph, graph.nodes[1]), 0);
  EXPECT_EQ(graph.nodes[0].activation, ir::Activation::kRelu);
  ASSERT_EQ(graph.outputs.size(), 1u);
  EXPECT_EQ(graph.tensor(graph.outputs[0]).name, "pool");
}

TEST(WorkloadYaml, BatchOverrideScalesMacs) {
  const ir::Graph graph = ParseWorkloadYaml(kTwoConvs, "w.yaml", 4);
  EXPECT_EQ(ir::ToString(graph.OutputShape(graph.nodes[1])), "4x8x8x16");
  EXPECT_EQ(ir::Macs(graph, graph.nodes[0]), 4 * 294912);
}

TEST(WorkloadYaml, Errors) {
  std::string text = kTwoConvs;
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("kernel: [3, 3]"), 6, "kernal")),
            "w.yaml:11: layers.conv1.kernal: unknown key");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs) + "name: again\n"), "w.yaml:18: name: duplicate key");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("op: MaxPool"), 11, "op: Softmax")),
            "w.yaml:15: layers.pool.op: unsupported op \"Softmax\"");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("[conv1]"), 7, "[conv9]")),
            "w.yaml:16: layers.pool.inputs: unknown tensor \"conv9\" (inputs must be defined "
            "earlier)");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("out_channels: 16"), 16,
                                                   "out_channels: -3")),
            "w.yaml:10: layers.conv1.out_channels: -3 is out of range [1, 1048576]");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("[1, 16, 16, 8]"), 14, "[1, 16]")),
            "w.yaml:5: inputs.image.shape: expected a list of 4 integers");
  EXPECT_EQ(ErrorOf("version: 1\nname: [x\n"), "w.yaml:3: YAML syntax error: end of sequence flow not found");
  EXPECT_EQ(ErrorOf(std::string(kTwoConvs).replace(text.find("kernel: [2, 2]"), 14,
                                                   "kernel: [32, 32]")),
            "w.yaml: node pool (MaxPool): window larger than the padded input 1x16x16x16");
}

TEST(WorkloadLoader, FindsShippedWorkloadByName) {
  const ir::Graph graph = LoadWorkload("tiny", 0);
  EXPECT_EQ(graph.name, "tiny");
  EXPECT_EQ(graph.nodes.size(), 2u);
  try {
    LoadWorkload("no-such-net", 0);
    FAIL();
  } catch (const UserError& error) {
    EXPECT_NE(std::string(error.what()).find("workload \"no-such-net\": no such file"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace aie2sim::frontend
