// Functional co-simulation: programs compiled for many meshes run on real int8 data in the
// SystemC model, and every layer's output must equal the reference executor's bit for bit
// (the model checks each layer when it ends and throws FunctionalMismatchError otherwise).
// tests/data/functional/ops.yaml has every op kind and window variant on odd sizes; the cases
// cover meshes 1x1..8x8 and rectangular ones, dense and 8x8 block-sparse weights, core buffers
// small enough to force input-channel splits (sparse ones of unequal sizes too), and DDR round
// trips instead of residency. Two fault-injection tests show that a wrong program is caught, with
// the layer named. One simulation per process: every TEST (and every parameter) runs in its own
// process.
#include <iostream>
#include <ostream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/npy_input.h"
#include "compiler/reference/quantized_network.h"
#include "compiler/reference/reference_executor.h"
#include "compiler/sparsity/sparsity.h"
#include "sim/isa/validator.h"
#include "sim/model/simulator.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim {
namespace {

const char kOpsWorkload[] = AIE2SIM_TEST_DATA_DIR "/functional/ops.yaml";

struct Case {
  const char* name;
  uint32_t rows;
  uint32_t columns;
  double sparsity;
  uint64_t weight_bytes;  // 0: the paper config's; small: input-channel splits
  bool residency;
};

void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

// A compiled functional program and everything it refers to.
struct Compiled {
  ir::Graph graph;
  reference::NetworkInput input;
  reference::QuantizedNetwork network;
  std::vector<std::vector<int8_t>> tensors;
  isa::Program program;
};

arch::HardwareConfig ConfigOf(const Case& c) {
  arch::HardwareConfig config = sim_test::PaperConfig(c.rows, c.columns);
  if (c.weight_bytes > 0) config.core.buffers = {2048, 2048, c.weight_bytes, 4096};
  return config;
}

Compiled Compile(const Case& c, const arch::HardwareConfig& config) {
  Compiled compiled;
  compiled.graph = frontend::LoadWorkload(kOpsWorkload, 0);
  sparsity::SparsityOptions options;
  options.ratio = c.sparsity;
  options.importance = sparsity::Importance::kRandom;
  options.seed = 3;
  sparsity::ApplySparsity(compiled.graph, options);
  compiled.input = reference::RandomInput(compiled.graph, 11);
  compiled.network = reference::QuantizeNetwork(compiled.graph, compiled.input, 11);
  compiled.tensors = reference::RunReference(compiled.graph, compiled.network, compiled.input);
  const codegen::FunctionalInputs functional{&compiled.input, &compiled.network, &compiled.tensors};
  codegen::CompileOptions compile;
  compile.keep_resident = c.residency;
  compile.functional = &functional;
  compiled.program = driver::CompileGraph(compiled.graph, config, compile);
  const std::vector<std::string> problems = isa::ValidateProgram(compiled.program, config);
  EXPECT_TRUE(problems.empty()) << problems.front();
  return compiled;
}

model::SimOptions Functional() {
  model::SimOptions options;
  options.functional = true;
  return options;
}

class FunctionalCosim : public ::testing::TestWithParam<Case> {};

TEST_P(FunctionalCosim, EveryLayerBitExactAndNonDegenerate) {
  const arch::HardwareConfig config = ConfigOf(GetParam());
  const Compiled compiled = Compile(GetParam(), config);
  if (GetParam().weight_bytes > 0) {  // the case is there for its input-channel splits
    int split_groups = 0;
    for (const isa::Layer& layer : compiled.program.layers()) {
      for (const isa::Group& group : layer.groups()) {
        split_groups += group.name().rfind("cin.", 0) == 0 ? 1 : 0;
      }
    }
    EXPECT_GT(split_groups, 0);
  }
  const model::SimResult result = model::Simulate(config, compiled.program, Functional());
  ASSERT_TRUE(result.functional);
  ASSERT_EQ(result.checked.size(), static_cast<size_t>(compiled.program.layers_size()));
  for (const model::FunctionalLayer& layer : result.checked) {
    EXPECT_GT(layer.values, 0u) << layer.name;
    EXPECT_GE(layer.nondegenerate_share, 0.2) << layer.name;
  }
}

std::vector<Case> Cases() {
  return {
      {"mesh1x1_dense", 1, 1, 0, 0, true},
      {"mesh2x2_dense", 2, 2, 0, 0, true},
      {"mesh2x2_sparse", 2, 2, 0.5, 0, true},
      {"mesh3x3_dense", 3, 3, 0, 0, true},
      {"mesh4x4_dense", 4, 4, 0, 0, true},
      {"mesh4x4_sparse", 4, 4, 0.5, 0, true},
      {"mesh4x4_dense_ddr", 4, 4, 0, 0, false},
      {"mesh5x5_sparse", 5, 5, 0.5, 0, true},
      {"mesh8x8_dense", 8, 8, 0, 0, true},
      {"mesh8x8_sparse", 8, 8, 0.75, 0, true},
      {"mesh2x5_dense", 2, 5, 0, 0, true},
      {"mesh4x8_sparse", 4, 8, 0.5, 0, true},
      {"mesh6x3_dense", 6, 3, 0, 0, true},
      {"mesh2x2_cin_split_dense", 2, 2, 0, 256, true},
      {"mesh3x4_cin_split_sparse", 3, 4, 0.5, 192, true},
      {"mesh2x2_cin_split_sparse_tight", 2, 2, 0.5, 128, true},
  };
}

INSTANTIATE_TEST_SUITE_P(Meshes, FunctionalCosim, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

// The layer named `name`.
isa::Layer* LayerNamed(isa::Program& program, const std::string& name) {
  for (isa::Layer& layer : *program.mutable_layers()) {
    if (layer.name() == name) return &layer;
  }
  ADD_FAILURE() << "no layer " << name;
  return nullptr;
}

// Runs `program` functionally and returns the mismatch message ("" when it passes).
std::string MismatchOf(const arch::HardwareConfig& config, const isa::Program& program) {
  try {
    model::Simulate(config, program, Functional());
  } catch (const model::FunctionalMismatchError& error) {
    return error.what();
  }
  return "";
}

// An off-by-one halo row: the memtile sends each core of the padded 3x3 conv c1 its input
// block starting one row too low in the body (the region still lies inside the memtile).
TEST(FunctionalFault, OffByOneHaloRowIsCaughtInItsLayer) {
  const Case c{"fault", 2, 2, 0, 0, true};
  const arch::HardwareConfig config = ConfigOf(c);
  Compiled compiled = Compile(c, config);
  isa::Layer* layer = LayerNamed(compiled.program, "c1");
  ASSERT_NE(layer, nullptr);
  int shifted = 0;
  for (isa::Group& group : *layer->mutable_groups()) {
    if (group.kind() != isa::GROUP_BODY) continue;
    for (isa::Stream& stream : *group.mutable_streams()) {
      if (stream.engine().tile() != isa::MEMTILE || stream.engine().kind() != isa::MM2S) continue;
      for (isa::Instruction& instruction : *stream.mutable_instructions()) {
        if (!instruction.has_transfer() || instruction.transfer().data() != isa::ACTIVATIONS) {
          continue;
        }
        isa::Region* region = instruction.mutable_transfer()->mutable_buffer()->mutable_region();
        const isa::Dim& rows = region->dims(region->dims_size() - 1);
        region->set_address(region->address() + static_cast<uint64_t>(rows.stride()));
        ++shifted;
      }
    }
  }
  ASSERT_GT(shifted, 0) << "c1 has no body LOADFM to corrupt";
  ASSERT_TRUE(isa::ValidateProgram(compiled.program, config).empty());
  const std::string message = MismatchOf(config, compiled.program);
  std::cout << "caught: " << message << "\n";
  EXPECT_TRUE(std::regex_search(
      message,
      std::regex(
          R"(layer c1 \(Conv, output c1\): at \[0, \d+, \d+, \d+\].* expected -?\d+, got -?\d+)")))
      << message;
}

// A wrong stride: c2's output stores walk their second dimension backwards (negated stride, from
// its far end). Each store still writes exactly its own bytes (so no two overlap, which the
// invariant checks of Debug builds would report first), but in the wrong order.
TEST(FunctionalFault, WrongStoreStrideIsCaughtInItsLayer) {
  const Case c{"fault", 2, 2, 0, 0, false};  // no residency: c2 goes to DDR
  const arch::HardwareConfig config = ConfigOf(c);
  Compiled compiled = Compile(c, config);
  isa::Layer* layer = LayerNamed(compiled.program, "c2");
  ASSERT_NE(layer, nullptr);
  int changed = 0;
  for (isa::Group& group : *layer->mutable_groups()) {
    if (group.kind() != isa::GROUP_STORE) continue;
    for (isa::Stream& stream : *group.mutable_streams()) {
      if (stream.engine().tile() != isa::SHIM || stream.engine().kind() != isa::S2MM) continue;
      for (isa::Instruction& instruction : *stream.mutable_instructions()) {
        if (!instruction.has_transfer()) continue;
        isa::Region* region = instruction.mutable_transfer()->mutable_buffer()->mutable_region();
        if (region->dims_size() < 2) continue;
        isa::Dim* dim = region->mutable_dims(1);
        if (dim->size() < 2) continue;
        const int64_t reach = static_cast<int64_t>(dim->size() - 1) * dim->stride();
        region->set_address(static_cast<uint64_t>(static_cast<int64_t>(region->address()) + reach));
        dim->set_stride(-dim->stride());
        ++changed;
      }
    }
  }
  ASSERT_GT(changed, 0) << "c2 has no store with a strided region";
  const std::string message = MismatchOf(config, compiled.program);
  std::cout << "caught: " << message << "\n";
  EXPECT_NE(message.find("layer c2 (Conv"), std::string::npos) << message;
  EXPECT_NE(message.find("expected"), std::string::npos) << message;
}

}  // namespace
}  // namespace aie2sim
