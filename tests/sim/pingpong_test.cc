// The paper-mode exactness contract of the SystemC model: a ping/pong group of n iterations
// (LOADFM broadcast -> core S2MM -> COMP -> core MM2S -> memtile S2MM, locks in_prod = out_prod
// = 2, in_cons = out_cons = 0) takes exactly L + C + S + (n - 1) * max(L, C, S), the analytic
// model with fill and drain. Checked for n = 1, 2, 5, 16 with L, C and S all different and
// each of them the bottleneck in turn.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

struct Stages {
  uint32_t load_cycles;
  uint32_t compute_cycles;
  uint32_t store_cycles;
};

// Load-, compute- and store-bound stage times, all different and not multiples of the chunk.
constexpr Stages kLoadBound{1300, 700, 450};
constexpr Stages kComputeBound{512, 1777, 300};
constexpr Stages kStoreBound{250, 600, 2100};

// Simulates one ping/pong group on the 4 cores of column 0 and checks its time and stage stats.
void CheckPingPong(const Stages& stages, uint32_t iterations) {
  constexpr uint32_t kRows = 4;
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  AddPingPongGroup(layer, "body", /*column=*/0, kRows, iterations,
                   stages.load_cycles * static_cast<uint32_t>(kBytesPerCycle),
                   uint64_t{stages.compute_cycles} * kMacsPerCycle,
                   stages.store_cycles * static_cast<uint32_t>(kBytesPerCycle));

  const model::SimResult result = RunModel(PaperConfig(kRows, 4), program);

  const double expected = CyclesToSeconds(
      PingPongCycles(stages.load_cycles, stages.compute_cycles, stages.store_cycles, iterations));
  // The contract allows 1 ps of rounding per event; whole cycles must come out exact.
  EXPECT_NEAR(result.total_s, expected, result.events * kPicosecond);
  EXPECT_NEAR(result.total_s, expected, 0.5 * kPicosecond);
  // Each stage's engine is busy exactly n times its stage time.
  EXPECT_NEAR(StatsOf(result, "memtile(0).mm2s0").busy_s,
              iterations * CyclesToSeconds(stages.load_cycles), kPicosecond);
  for (uint32_t row = 0; row < kRows; ++row) {
    const std::string core = "core(" + std::to_string(row) + ",0)";
    EXPECT_NEAR(StatsOf(result, core + ".proc").busy_s,
                iterations * CyclesToSeconds(stages.compute_cycles), kPicosecond);
    EXPECT_NEAR(StatsOf(result, core + ".mm2s0").busy_s,
                iterations * CyclesToSeconds(stages.store_cycles), kPicosecond);
  }
}

TEST(PingPong, LoadBound1Iteration) { CheckPingPong(kLoadBound, 1); }
TEST(PingPong, LoadBound2Iterations) { CheckPingPong(kLoadBound, 2); }
TEST(PingPong, LoadBound5Iterations) { CheckPingPong(kLoadBound, 5); }
TEST(PingPong, LoadBound16Iterations) { CheckPingPong(kLoadBound, 16); }
TEST(PingPong, ComputeBound1Iteration) { CheckPingPong(kComputeBound, 1); }
TEST(PingPong, ComputeBound2Iterations) { CheckPingPong(kComputeBound, 2); }
TEST(PingPong, ComputeBound5Iterations) { CheckPingPong(kComputeBound, 5); }
TEST(PingPong, ComputeBound16Iterations) { CheckPingPong(kComputeBound, 16); }
TEST(PingPong, StoreBound1Iteration) { CheckPingPong(kStoreBound, 1); }
TEST(PingPong, StoreBound2Iterations) { CheckPingPong(kStoreBound, 2); }
TEST(PingPong, StoreBound5Iterations) { CheckPingPong(kStoreBound, 5); }
TEST(PingPong, StoreBound16Iterations) { CheckPingPong(kStoreBound, 16); }

// Columns run in parallel: two columns with different stage times take the slower one's time.
TEST(PingPongColumns, ParallelColumnsTakeTheSlowerColumn) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  isa::Group* group =
      AddPingPongGroup(layer, "body", 0, 2, 6, 1000 * 4, 800 * kMacsPerCycle, 600 * 4);
  // A second column in the same group: copy its streams from a scratch layer.
  isa::Layer scratch;
  isa::Group* other =
      AddPingPongGroup(&scratch, "body", 1, 2, 6, 400 * 4, 1500 * kMacsPerCycle, 300 * 4);
  for (const isa::Stream& stream : other->streams()) *group->add_streams() = stream;
  for (const isa::Route& route : scratch.routes()) *layer->add_routes() = route;
  for (const isa::LockInit& init : scratch.lock_inits()) *layer->add_lock_inits() = init;

  const model::SimResult result = RunModel(PaperConfig(2, 2), program);
  const double slower =
      std::max(PingPongCycles(1000, 800, 600, 6), PingPongCycles(400, 1500, 300, 6));
  EXPECT_NEAR(result.total_s, CyclesToSeconds(slower), kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
