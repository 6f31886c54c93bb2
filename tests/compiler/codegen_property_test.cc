// Property test of tiling + code generation over random layers and meshes from 1x1 to 8x8,
// square and rectangular, dense and block-sparse:
//  - every program passes the validator (addresses inside memories, channel/BD/lock limits);
//  - the final writes to DDR (shim S2MM sides) cover every output element exactly once;
//  - the compute instructions' MACs add up to the layer's MACs (partial sums of input-channel
//    splits included: each piece computes its share of the reduction).
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/ir/graph.h"
#include "compiler/sparsity/sparsity.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

// Every byte address a buffer touches in iteration `i`.
void Touch(const isa::Buffer& buffer, uint32_t i, std::map<uint64_t, int>& counts) {
  const isa::Region& region = buffer.region();
  const int64_t base = static_cast<int64_t>(region.address()) + buffer.step() * i +
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

class RandomLayer {
 public:
  explicit RandomLayer(uint64_t seed) : random_(seed) {}

  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }

  ir::Window RandomWindow() {
    ir::Window window;
    window.kernel_h = Pick(1, 7);
    window.kernel_w = Pick(1, 7);
    window.stride_h = Pick(1, 3);
    window.stride_w = Pick(1, 3);
    if (Pick(0, 3) == 0) window.dilation_h = window.dilation_w = 2;
    window.pad_top = Pick(0, window.kernel_h / 2);
    window.pad_bottom = Pick(0, window.kernel_h / 2);
    window.pad_left = Pick(0, window.kernel_w / 2);
    window.pad_right = Pick(0, window.kernel_w / 2);
    return window;
  }

  // One layer of a random kind over a random input; `kind` says which (for the trace).
  ir::Graph Make(std::string* kind) {
    ir::Graph graph;
    graph.name = "random";
    ir::Node node;
    node.name = "layer";
    node.inputs = {0};
    const int choice = Pick(0, 9);
    ir::Shape in{Pick(1, 2), Pick(8, 24), Pick(8, 40), 4 * Pick(1, 8)};
    if (choice <= 2) {  // convolution, sometimes with many channels (weight pieces, cin splits)
      *kind = "conv";
      node.op = ir::OpKind::kConv;
      node.conv.window = RandomWindow();
      if (Pick(0, 4) == 0) in.c = 64 * Pick(1, 40);
      node.conv.out_channels = Pick(1, 4) == 1 ? Pick(64, 300) : Pick(1, 40);
      node.activation = ir::Activation::kRelu;
    } else if (choice == 3) {  // grouped or depthwise convolution
      *kind = "grouped conv";
      node.op = ir::OpKind::kConv;
      node.conv.window = RandomWindow();
      node.conv.groups = Pick(0, 1) ? in.c : in.c / 4;
      node.conv.out_channels = node.conv.groups * Pick(1, 2);
    } else if (choice == 4) {  // fully connected over a batch, sometimes with a huge K
      *kind = "gemm";
      node.op = ir::OpKind::kGemm;
      in = ir::Shape{Pick(1, 4), 1, 1, Pick(0, 2) == 0 ? Pick(9000, 30000) : Pick(8, 3000)};
      node.conv.out_channels = Pick(1, 300);
    } else if (choice <= 6) {  // pools
      *kind = "pool";
      node.op = Pick(0, 1) ? ir::OpKind::kMaxPool : ir::OpKind::kAveragePool;
      node.pool.window = RandomWindow();
      node.pool.ceil_mode = Pick(0, 1) == 1;
      node.pool.window.dilation_h = node.pool.window.dilation_w = 1;
    } else if (choice == 7) {
      *kind = "global average pool";
      node.op = ir::OpKind::kGlobalAveragePool;
      in.h = Pick(1, 9);
      in.w = Pick(1, 9);
      in.c = 16 * Pick(1, 64);
    } else if (choice == 8) {
      *kind = "add";
      node.op = ir::OpKind::kAdd;
      node.inputs = {0, 1};
      if (Pick(0, 1)) node.inputs.push_back(2);
    } else {
      *kind = "concat";
      node.op = ir::OpKind::kConcat;
      for (int i = 1; i < Pick(2, 4); ++i) node.inputs.push_back(i);
    }
    graph.tensors.push_back({"input0", in});
    graph.inputs = {0};
    for (size_t i = 1; i < node.inputs.size(); ++i) {
      ir::Shape other = in;
      if (node.op == ir::OpKind::kConcat) other.c = 4 * Pick(1, 16);
      graph.tensors.push_back({"input" + std::to_string(i), other});
      graph.inputs.push_back(static_cast<int>(i));
    }
    node.output = static_cast<int>(graph.tensors.size());
    graph.tensors.push_back({"layer", {}});
    graph.outputs = {node.output};
    graph.nodes = {node};
    ir::InferShapes(graph, "random");
    return graph;
  }

 private:
  std::mt19937_64 random_;
};

void CheckProgram(const ir::Graph& graph, const arch::HardwareConfig& config) {
  const isa::Program program = driver::CompileGraph(graph, config, {});
  const std::vector<std::string> problems = isa::ValidateProgram(program, config);
  ASSERT_TRUE(problems.empty()) << problems.front() << " (and " << problems.size() - 1 << " more)";
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
  const uint64_t elements = static_cast<uint64_t>(graph.tensors.back().shape.elements());
  ASSERT_EQ(written.size(), elements);
  EXPECT_EQ(written.rbegin()->first - written.begin()->first + 1, elements);
  for (const auto& [address, count] : written) ASSERT_EQ(count, 1) << "address " << address;
}

TEST(CodegenProperty, RandomLayersOnRandomMeshes) {
  RandomLayer random(20261122);
  std::map<std::string, int> kinds;
  for (int trial = 0; trial < 400; ++trial) {
    std::string kind;
    ir::Graph graph = random.Make(&kind);
    const uint32_t rows = static_cast<uint32_t>(random.Pick(1, 8));
    const uint32_t columns = static_cast<uint32_t>(random.Pick(1, 8));
    const bool sparse = random.Pick(0, 1) == 1 && ir::HasWeights(graph.nodes[0].op);
    if (sparse) {
      sparsity::SparsityOptions options;
      options.ratio = 0.25 * random.Pick(1, 3);
      options.first_dense = false;
      options.seed = static_cast<uint64_t>(trial);
      sparsity::ApplySparsity(graph, options);
    }
    const arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
    SCOPED_TRACE("trial " + std::to_string(trial) + ": " + kind + (sparse ? " (sparse)" : "") +
                 " on " + config.name + ", in " + ir::ToString(graph.tensors[0].shape) + " out " +
                 ir::ToString(graph.tensors.back().shape));
    CheckProgram(graph, config);
    if (HasFatalFailure()) return;
    ++kinds[kind];
  }
  for (const char* kind : {"conv", "grouped conv", "gemm", "pool", "global average pool", "add",
                           "concat"}) {
    EXPECT_GT(kinds[kind], 10) << kind;
  }
}

}  // namespace
}  // namespace aie2sim
