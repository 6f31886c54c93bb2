// The compiler driver (compiler/driver/driver.h): the pass list, golden dumps of every pass for a
// small network, and one negative test per pass with its exact message.
// Regenerate the golden dump after an intended change with AIE2SIM_UPDATE_GOLDEN=1 and review it.
#include "compiler/driver/driver.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../unit/golden.h"
#include "../unit/test_configs.h"
#include "compiler/driver/codegen_pass.h"
#include "compiler/driver/frontend_pass.h"
#include "compiler/driver/memory_plan_pass.h"
#include "compiler/driver/schedule_pass.h"
#include "compiler/driver/sparsity_pass.h"
#include "compiler/driver/tiling_pass.h"
#include "compiler/driver/validate_pass.h"
#include "sim/arch/config_hash.h"
#include "sim/base/error.h"

namespace aie2sim::driver {
namespace {

const std::string kSmall = std::string(AIE2SIM_TEST_DATA_DIR) + "/driver_small.yaml";

// The message of the exception `run` throws, with its type checked.
template <typename Error, typename Run>
std::string MessageOf(Run&& run) {
  try {
    run();
  } catch (const Error& error) {
    return error.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return "";
}

TEST(Driver, PassesInOrder) {
  EXPECT_EQ(PassNames(),
            (std::vector<std::string>{"frontend", "sparsity", "schedule", "tiling", "memory-plan",
                                      "cost-tiling", "codegen", "validate"}));
}

TEST(Driver, DumpAfterParsesNamesListsAndAll) {
  EXPECT_EQ(ParseDumpAfter("all", nullptr).after.size(), 8u);
  EXPECT_EQ(ParseDumpAfter("tiling,memory-plan", nullptr).after,
            (std::set<std::string>{"tiling", "memory-plan"}));
  EXPECT_EQ(MessageOf<UserError>([] { ParseDumpAfter("tiles", nullptr); }),
            "--dump-after: unknown pass \"tiles\" (expected frontend, sparsity, schedule, tiling, "
            "memory-plan, cost-tiling, codegen, validate, or all)");
}

TEST(Driver, GoldenDumpOfEveryPass) {
  WorkloadInput input;
  input.workload = kSmall;
  input.sparsity.ratio = 0.5;
  input.sparsity.importance = sparsity::Importance::kRandom;
  std::ostringstream text;
  const Dumps dumps = ParseDumpAfter("all", &text);
  Compile(input, {}, test_support::PaperConfig(2, 2), dumps);
  test_support::ExpectMatchesGolden(
      text.str(), std::string(AIE2SIM_TEST_DATA_DIR) + "/driver_small_2x2.golden");
}

TEST(Driver, DumpsOnlyThePassesAsked) {
  WorkloadInput input;
  input.workload = kSmall;
  std::ostringstream text;
  Compile(input, {}, test_support::PaperConfig(2, 2), ParseDumpAfter("schedule", &text));
  EXPECT_EQ(text.str().rfind("=== after schedule ===\nschedule of 9 nodes\n0 stem Conv\n", 0), 0u)
      << text.str();
  EXPECT_EQ(text.str().find("=== after", 1), std::string::npos);
}

// ---- one failure per pass, with its exact message ------------------------------------------

TEST(DriverFailures, Frontend) {
  const std::string path = testing::TempDir() + "driver_unknown_op.yaml";
  std::ofstream(path) << "version: 1\nname: bad\ninputs: [{name: x, shape: [1, 4, 4, 8]}]\n"
                         "layers:\n  - {name: l, op: Frobnicate, inputs: [x]}\n";
  EXPECT_EQ(MessageOf<UserError>([&] { RunFrontend(path, 0); }),
            path + ":5: layers.l.op: unsupported op \"Frobnicate\"");
}

TEST(DriverFailures, Sparsity) {
  ir::Graph graph = RunFrontend(kSmall, 0);
  sparsity::SparsityOptions options;
  options.ratio = 1.5;
  EXPECT_EQ(MessageOf<UserError>([&] { RunSparsity(graph, options); }),
            "--sparsity: 1.5 is out of range [0, 1]");
}

TEST(DriverFailures, Schedule) {
  ir::Graph graph = RunFrontend(kSmall, 0);
  graph.nodes.erase(graph.nodes.begin() + 1);  // drop the pool: its readers read nothing
  EXPECT_EQ(MessageOf<InternalError>([&] { RunSchedule(graph); }),
            "schedule: node left reads tensor 2, which no node produces");
}

TEST(DriverFailures, Tiling) {
  // Core input buffers of 4 bytes cannot hold one 3x3 window of even one channel.
  arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  config.core.buffers.input_bytes = 4;
  const ir::Graph graph = RunFrontend(kSmall, 0);
  EXPECT_EQ(MessageOf<UserError>([&] { RunTiling(graph, config, RunSchedule(graph)); }),
            "layer stem (Conv): one input element's window exceeds core.buffers.input_bytes");
}

TEST(DriverFailures, MemoryPlan) {
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  const ir::Graph graph = RunFrontend(kSmall, 0);
  schedule::Schedule schedule = RunSchedule(graph);
  const tiling::TilingCandidates candidates = RunTiling(graph, config, schedule);
  schedule.order.pop_back();
  EXPECT_EQ(
      MessageOf<InternalError>([&] { RunMemoryPlan(graph, config, true, schedule, candidates); }),
      "memory plan: the schedule covers 8 nodes and 10 tensors, the graph has 9 and 10");
}

TEST(DriverFailures, Codegen) {
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  const ir::Graph graph = RunFrontend(kSmall, 0);
  schedule::MemtilePlan plan = PlanMemory(graph, config, true);
  plan.layers[2].tiling.reset();
  EXPECT_EQ(MessageOf<InternalError>([&] { RunCodegen(graph, config, plan, {}); }),
            "codegen: window layer left has no tiling in the plan");
}

TEST(DriverFailures, Validate) {
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  const ir::Graph graph = RunFrontend(kSmall, 0);
  isa::Program program = CompileGraph(graph, config, {});
  program.set_config_hash("0000");
  EXPECT_EQ(MessageOf<InternalError>([&] { RunValidate(program, config); }),
            "compiler produced an invalid program for driver_small: config hash mismatch: program "
            "compiled for 'paper-2x2' (hash 0000), config 'paper-2x2' has hash " +
                arch::ConfigHash(config) + " (and 0 more)");
}

}  // namespace
}  // namespace aie2sim::driver
