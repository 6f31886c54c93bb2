// Memtile residency: the allocation property over random graphs, and what it buys on ResNet50.
//  - Resident tensors alive at the same time never overlap in address, and each stays inside
//    the memtile with the layer's own regions above it at every step of its live range.
//  - Every reader of a resident tensor finds the columns it reads (halo included) in its own
//    memtile; every program still validates and writes each graph output once.
//  - ResNet50 on paper-4x4: activation DDR traffic drops by at least 80% against the DDR round
//    trip of Compiler I, and only tensors around the first convolution (and the classifier's
//    Flatten/Gemm, which read views) stay in DDR.
#include "compiler/schedule/memtile_plan.h"

#include <random>

#include <gtest/gtest.h>

#include "../unit/test_configs.h"
#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

// Activation bytes a program moves between DDR and the memtiles (reads and writes).
uint64_t ActivationDdrBytes(const isa::Program& program) {
  uint64_t bytes = 0;
  for (const isa::Layer& layer : program.layers()) {
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        if (stream.engine().tile() != isa::SHIM) continue;
        for (const isa::Instruction& instruction : stream.instructions()) {
          if (instruction.has_transfer() && instruction.transfer().data() != isa::WEIGHTS) {
            bytes += instruction.transfer().bytes() * group.iterations();
          }
        }
      }
    }
  }
  return bytes;
}

void CheckPlan(const ir::Graph& graph, const arch::HardwareConfig& config,
               const schedule::MemtilePlan& plan) {
  const int64_t capacity = static_cast<int64_t>(config.memtile.memory_bytes);
  for (size_t a = 0; a < plan.tensors.size(); ++a) {
    const schedule::TensorPlacement& x = plan.tensors[a];
    if (!x.resident) {
      EXPECT_FALSE(x.reason.empty()) << graph.tensors[a].name;
      continue;
    }
    EXPECT_LE(static_cast<int64_t>(x.address) + x.bytes, capacity);
    for (size_t b = a + 1; b < plan.tensors.size(); ++b) {
      const schedule::TensorPlacement& y = plan.tensors[b];
      if (!y.resident || x.live.last < y.live.first || y.live.last < x.live.first) continue;
      const bool apart = x.address + x.bytes <= y.address || y.address + y.bytes <= x.address;
      EXPECT_TRUE(apart) << graph.tensors[a].name << " and " << graph.tensors[b].name
                         << " overlap in the memtile while both are alive";
    }
  }
  for (size_t position = 0; position < plan.layers.size(); ++position) {
    const schedule::LayerPlan& layer = plan.layers[position];
    for (const schedule::TensorPlacement& x : plan.tensors) {
      if (x.resident && x.live.first <= static_cast<int>(position) &&
          static_cast<int>(position) <= x.live.last) {
        EXPECT_LE(static_cast<int64_t>(x.address) + x.bytes, layer.memtile_base);
      }
    }
    if (layer.tiling) {
      EXPECT_LE(layer.memtile_base + layer.tiling->memtile_bytes, capacity);
      const ir::Node& node = graph.nodes[layer.node];
      for (size_t i = 0; i < node.inputs.size(); ++i) {
        const schedule::TensorPlacement& input = plan.tensors[node.inputs[i]];
        if (!input.resident) continue;
        for (size_t j = 0; j < layer.tiling->columns.size(); ++j) {
          const tiling::ColumnRole& role = layer.tiling->columns[j];
          if (!role.active()) continue;
          const tiling::Range& needed = layer.tiling->parts[role.part].span.in_cols;
          EXPECT_LE(input.columns[j].begin, needed.begin);
          EXPECT_GE(input.columns[j].end, needed.end);
        }
      }
    }
  }
}

// A random DAG of convolutions, pools, Adds and Concats over one input.
ir::Graph RandomGraph(std::mt19937_64& random) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  ir::Graph graph;
  graph.name = "dag";
  graph.tensors.push_back({"input", ir::Shape{1, pick(8, 40), pick(8, 40), 8 * pick(1, 4)}});
  graph.inputs = {0};
  const int nodes = pick(3, 12);
  for (int i = 0; i < nodes; ++i) {
    ir::Node node;
    node.name = "n" + std::to_string(i);
    const int source = pick(0, static_cast<int>(graph.tensors.size()) - 1);
    node.inputs = {source};
    const ir::Shape& in = graph.tensors[source].shape;
    const int kind = pick(0, 5);
    if (kind <= 2 || in.h < 3 || in.w < 3) {
      node.op = ir::OpKind::kConv;
      node.conv.out_channels = 8 * pick(1, 6);
      const int k = pick(0, 1) ? 3 : 1;
      node.conv.window.kernel_h = node.conv.window.kernel_w = k;
      node.conv.window.pad_top = node.conv.window.pad_bottom = k / 2;
      node.conv.window.pad_left = node.conv.window.pad_right = k / 2;
    } else if (kind == 3) {
      node.op = ir::OpKind::kMaxPool;
      node.pool.window.kernel_h = node.pool.window.kernel_w = 3;
      node.pool.window.pad_top = node.pool.window.pad_bottom = 1;
      node.pool.window.pad_left = node.pool.window.pad_right = 1;
    } else {
      // Add or Concat with another tensor of the same height and width, if there is one.
      int other = -1;
      for (int t = 0; t < static_cast<int>(graph.tensors.size()); ++t) {
        const ir::Shape& s = graph.tensors[t].shape;
        if (t != source && s.h == in.h && s.w == in.w && (kind == 5 || s.c == in.c)) other = t;
      }
      if (other < 0) {
        node.op = ir::OpKind::kConv;
        node.conv.out_channels = in.c;
      } else {
        node.op = kind == 4 ? ir::OpKind::kAdd : ir::OpKind::kConcat;
        node.inputs.push_back(other);
      }
    }
    node.output = static_cast<int>(graph.tensors.size());
    graph.tensors.push_back({node.name, {}});
    graph.nodes.push_back(node);
    ir::InferShapes(graph, "dag");
  }
  graph.outputs = {graph.nodes.back().output};
  return graph;
}

TEST(MemtilePlan, RandomGraphsKeepAllocationInvariants) {
  std::mt19937_64 random(5);
  int resident = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const ir::Graph graph = RandomGraph(random);
    const uint32_t rows = std::uniform_int_distribution<uint32_t>(1, 4)(random);
    const uint32_t columns = std::uniform_int_distribution<uint32_t>(1, 4)(random);
    arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
    // Small memtiles, so that some tensors must spill.
    config.memtile.memory_bytes = 64 * 1024 * std::uniform_int_distribution<uint64_t>(1, 8)(random);
    SCOPED_TRACE("trial " + std::to_string(trial) + " on " + config.name);
    const schedule::MemtilePlan plan = driver::PlanMemory(graph, config, true);
    CheckPlan(graph, config, plan);
    for (const auto& tensor : plan.tensors) resident += tensor.resident ? 1 : 0;
    const isa::Program program = driver::CompileGraph(graph, config, {});
    const std::vector<std::string> problems = isa::ValidateProgram(program, config);
    ASSERT_TRUE(problems.empty()) << problems.front();
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(resident, 100);  // the property is not vacuous
}

TEST(MemtilePlan, ResNet50OnPaper4x4StaysOnChip) {
  const ir::Graph graph = frontend::LoadWorkload("resnet50", 0);
  const arch::HardwareConfig config = test_support::PaperConfig(4, 4);
  codegen::CompileOptions round_trip;
  round_trip.keep_resident = false;
  const uint64_t before = ActivationDdrBytes(driver::CompileGraph(graph, config, round_trip));
  const isa::Program program = driver::CompileGraph(graph, config, {});
  const uint64_t after = ActivationDdrBytes(program);
  RecordProperty("activation_ddr_bytes_before", std::to_string(before));
  RecordProperty("activation_ddr_bytes_after", std::to_string(after));
  std::cout << "activation DDR bytes: before " << before << ", after " << after << "\n";
  EXPECT_LE(after, before / 5) << "before " << before << " B, after " << after << " B";
  const schedule::MemtilePlan plan = driver::PlanMemory(graph, config, true);
  CheckPlan(graph, config, plan);
  for (size_t t = 0; t < plan.tensors.size(); ++t) {
    const schedule::TensorPlacement& placement = plan.tensors[t];
    if (placement.resident) continue;
    const std::string& name = graph.tensors[t].name;
    std::cout << "in DDR: " << name << ": " << placement.reason << "\n";
  }
}

}  // namespace
}  // namespace aie2sim
