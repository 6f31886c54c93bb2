// Property test of tiling + code generation over random layer shapes and meshes:
//  - every program passes the validator;
//  - the final writes to DDR (shim S2MM sides) cover every output element exactly once;
//  - the compute instructions' MACs add up to the layer's MACs;
//  - no buffer exceeds its memory (the validator's address rule).
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/codegen/compile.h"
#include "compiler/ir/graph.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

// Every byte address a region touches in iteration `i`.
void Touch(const isa::Buffer& buffer, uint32_t i, std::map<uint64_t, int>& counts) {
  const isa::Region& region = buffer.region();
  int64_t base = static_cast<int64_t>(region.address()) + buffer.step() * i +
                 (i % 2 ? static_cast<int64_t>(buffer.pingpong_offset()) : 0);
  std::vector<uint32_t> index(region.dims_size(), 0);
  while (true) {
    int64_t address = base;
    for (int d = 0; d < region.dims_size(); ++d) address += index[d] * region.dims(d).stride();
    ++counts[static_cast<uint64_t>(address)];
    int d = 0;
    while (d < region.dims_size() && ++index[d] == region.dims(d).size()) index[d++] = 0;
    if (d == region.dims_size()) break;
  }
}

ir::Graph OneLayer(std::mt19937& random, ir::OpKind op) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  ir::Graph graph;
  graph.name = "random";
  ir::Node node;
  node.name = "layer";
  node.op = op;
  node.inputs = {0};
  node.output = 1;
  ir::Window window;
  window.kernel_h = pick(1, 7);
  window.kernel_w = pick(1, 7);
  window.stride_h = pick(1, 3);
  window.stride_w = pick(1, 3);
  if (pick(0, 3) == 0) window.dilation_h = window.dilation_w = 2;
  window.pad_top = pick(0, window.kernel_h / 2);
  window.pad_bottom = pick(0, window.kernel_h / 2);
  window.pad_left = pick(0, window.kernel_w / 2);
  window.pad_right = pick(0, window.kernel_w / 2);
  const int64_t span_h = window.dilation_h * (window.kernel_h - 1) + 1;
  const int64_t span_w = window.dilation_w * (window.kernel_w - 1) + 1;
  ir::Shape in{pick(1, 2), pick(static_cast<int>(span_h), 24), pick(static_cast<int>(span_w), 40),
               pick(1, 4) * 4};
  if (op == ir::OpKind::kConv) {
    node.conv.window = window;
    node.conv.groups = pick(0, 3) == 0 ? in.c : 1;
    node.conv.out_channels = node.conv.groups == 1 ? pick(1, 40) : in.c;
    node.activation = ir::Activation::kRelu;
  } else {
    node.pool.window = window;
  }
  graph.tensors = {{"input", in}, {"layer", {}}};
  graph.inputs = {0};
  graph.nodes = {node};
  graph.outputs = {1};
  ir::InferShapes(graph, "random");
  return graph;
}

bool InFirstTilerDomain(const ir::Graph& graph, const arch::HardwareConfig& config) {
  const ir::Node& node = graph.nodes[0];
  const ir::Shape& in = graph.tensors[0].shape;
  const ir::Window& window = node.op == ir::OpKind::kConv ? node.conv.window : node.pool.window;
  const int64_t groups = node.op == ir::OpKind::kConv ? node.conv.groups : 1;
  const int64_t cout = graph.tensors[1].shape.c;
  const int64_t cout_per_row = (cout + config.array.rows - 1) / config.array.rows;
  const int64_t weights = node.op == ir::OpKind::kConv
                              ? cout_per_row * window.kernel_h * window.kernel_w * in.c / groups
                              : 0;
  const int64_t out_cols = (graph.tensors[1].shape.w + config.array.columns - 1) /
                           config.array.columns;
  const int64_t in_cols = std::min<int64_t>(
      in.w, (out_cols - 1) * window.stride_w + window.dilation_w * (window.kernel_w - 1) + 1);
  const int64_t in_rows = std::min<int64_t>(in.h, window.dilation_h * (window.kernel_h - 1) + 1);
  return weights <= static_cast<int64_t>(config.core.buffers.weight_bytes) &&
         in_rows * in_cols * in.c <= static_cast<int64_t>(config.core.buffers.input_bytes) &&
         out_cols * cout_per_row <= static_cast<int64_t>(config.core.buffers.output_bytes);
}

TEST(CodegenProperty, RandomLayersOnRandomMeshes) {
  std::mt19937 random(20261122);
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const ir::OpKind op = trial % 4 == 3 ? ir::OpKind::kMaxPool : ir::OpKind::kConv;
    const uint32_t rows = std::uniform_int_distribution<uint32_t>(1, 8)(random);
    const uint32_t columns = std::uniform_int_distribution<uint32_t>(1, 8)(random);
    const arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
    // The first tiler's domain: one core's weights and one output row's input fit the core
    // buffers without splitting channels or the width; draw again until the layer is inside it.
    ir::Graph graph = OneLayer(random, op);
    while (!InFirstTilerDomain(graph, config)) graph = OneLayer(random, op);
    SCOPED_TRACE("trial " + std::to_string(trial) + " mesh " + config.name + " in " +
                 ir::ToString(graph.tensors[0].shape) + " out " +
                 ir::ToString(graph.tensors[1].shape));
    const isa::Program program = codegen::CompileGraph(graph, config, {});
    const std::vector<std::string> problems = isa::ValidateProgram(program, config);
    ASSERT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(program.layers_size(), 1);
    const isa::Layer& layer = program.layers(0);
    std::map<uint64_t, int> written;
    uint64_t macs = 0;
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        for (const isa::Instruction& instruction : stream.instructions()) {
          for (uint32_t i = 0; i < group.iterations(); ++i) {
            if (instruction.has_compute()) macs += instruction.compute().macs();
            if (instruction.has_transfer() && stream.engine().tile() == isa::SHIM &&
                stream.engine().kind() == isa::S2MM) {
              Touch(instruction.transfer().buffer(), i, written);
            }
          }
        }
      }
    }
    EXPECT_EQ(macs, layer.macs());
    const uint64_t elements = static_cast<uint64_t>(graph.tensors[1].shape.elements());
    ASSERT_EQ(written.size(), elements);
    EXPECT_EQ(written.rbegin()->first - written.begin()->first + 1, elements);
    for (const auto& [address, count] : written) ASSERT_EQ(count, 1) << "address " << address;
    ++checked;
  }
  EXPECT_EQ(checked, 300);
}

}  // namespace
}  // namespace aie2sim
