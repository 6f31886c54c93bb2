// Statistics of the SystemC model: per-engine time accounting (busy + lock wait + link wait
// never exceeds the time the engine had work), bytes and instruction counts, traffic per memory
// level, per-layer times, and the processed-event count.
#include <string>

#include <gtest/gtest.h>

#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::MemtileChannel;
using isa::ShimChannel;

// Ping/pong with L = 1000, C = 1500, S = 600 cycles, 5 iterations, 4 cores of column 0.
TEST(Stats, EngineTimesAddUpWithinTheGroupTime) {
  constexpr uint32_t kIterations = 5;
  isa::Program program;
  AddPingPongGroup(AddLayer(&program, "conv"), "body", 0, 4, kIterations, 4000,
                   1500 * kMacsPerCycle, 2400);

  const model::SimResult result = RunModel(PaperConfig(4, 4), program);
  const double total = CyclesToSeconds(PingPongCycles(1000, 1500, 600, kIterations));
  ASSERT_NEAR(result.total_s, total, kPicosecond);
  // memtile(0).mm2s0, 4 x (core s2mm0, proc, mm2s0), 4 memtile S2MM channels; idle engines are
  // not listed.
  EXPECT_EQ(result.engines.size(), 17u);
  for (const model::EngineStats& engine : result.engines) {
    EXPECT_LE(engine.busy_s + engine.lock_wait_s + engine.link_wait_s, total + 3 * kPicosecond)
        << engine.engine;
    EXPECT_GT(engine.busy_s, 0) << engine.engine;
  }
  const model::EngineStats loader = StatsOf(result, "memtile(0).mm2s0");
  EXPECT_EQ(loader.bytes, kIterations * 4000u);
  EXPECT_EQ(loader.instructions, kIterations);
  EXPECT_NEAR(loader.busy_s, kIterations * CyclesToSeconds(1000), kPicosecond);
  const model::EngineStats proc = StatsOf(result, "core(2,0).proc");
  EXPECT_EQ(proc.instructions, 5 * kIterations);
  EXPECT_EQ(proc.bytes, 0u);
  EXPECT_NEAR(proc.busy_s, kIterations * CyclesToSeconds(1500), kPicosecond);
  // A pure receiver that runs to the end is either receiving or waiting for its sender.
  const model::EngineStats sink = StatsOf(result, "memtile(0).s2mm3");
  EXPECT_NEAR(sink.busy_s + sink.link_wait_s + sink.lock_wait_s, total, kPicosecond);
  EXPECT_EQ(sink.bytes, kIterations * 2400u);
  // The compute-bound pipeline: the receiver waits for a free input buffer (in_prod).
  EXPECT_GT(StatsOf(result, "core(0,0).s2mm0").lock_wait_s, 0);
}

// LOAD + LOADW (DDR -> memtile), the ping/pong body on 2 cores (LOADFM broadcast 2048 B,
// WRITEFM 1024 B each, 3 iterations), WRITE (memtile -> DDR): every byte lands in its level,
// and the groups run one after another.
TEST(Stats, TrafficIsCountedPerMemoryLevel) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  isa::Group* load = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, ShimChannel(0, isa::MM2S, 1), {MemtileChannel(0, isa::S2MM, 1)});
  Move(load, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 8192);
  Side(load, ShimChannel(0, isa::MM2S, 1), 2, 4096, isa::WEIGHTS);
  SideAt(load, MemtileChannel(0, isa::S2MM, 1), 2, 4096, 64 * 1024, isa::WEIGHTS);
  AddPingPongGroup(layer, "body", 0, 2, 3, 2048, 100 * kMacsPerCycle, 1024);
  isa::Group* store = AddGroup(layer, "store", 1, isa::GROUP_STORE);
  isa::AddRoute(layer, 3, MemtileChannel(0, isa::MM2S, 1), {ShimChannel(0, isa::S2MM, 0)});
  Move(store, MemtileChannel(0, isa::MM2S, 1), {ShimChannel(0, isa::S2MM, 0)}, 3, 6144,
       isa::OUTPUT);

  const model::SimResult result = RunModel(PaperConfig(2, 2), program);
  EXPECT_EQ(result.traffic.ddr_read_bytes, 8192u + 4096u);
  EXPECT_EQ(result.traffic.memtile_write_bytes, 8192u + 4096u + 3 * 2 * 1024u);
  EXPECT_EQ(result.traffic.memtile_read_bytes, 3 * 2048u + 6144u);
  EXPECT_EQ(result.traffic.core_write_bytes, 3 * 2 * 2048u);
  EXPECT_EQ(result.traffic.core_read_bytes, 3 * 2 * 1024u);
  EXPECT_EQ(result.traffic.ddr_write_bytes, 6144u);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(2048 + PingPongCycles(512, 100, 256, 3) + 1536),
              kPicosecond);
}

TEST(Stats, LayerTimesAreRecordedInOrderAndSumToTheTotal) {
  isa::Program program;
  AddPingPongGroup(AddLayer(&program, "conv1"), "body", 0, 1, 4, 4096, 2000 * kMacsPerCycle, 512);
  AddPingPongGroup(AddLayer(&program, "conv2"), "body", 1, 1, 2, 1024, 10 * kMacsPerCycle, 8192);

  const model::SimResult result = RunModel(PaperConfig(2, 2), program);
  ASSERT_EQ(result.layers.size(), 2u);
  EXPECT_EQ(result.layers[0].name, "conv1");
  EXPECT_EQ(result.layers[1].name, "conv2");
  EXPECT_NEAR(result.layers[0].simulated_s, CyclesToSeconds(PingPongCycles(1024, 2000, 128, 4)),
              kPicosecond);
  EXPECT_NEAR(result.layers[1].simulated_s, CyclesToSeconds(PingPongCycles(256, 10, 2048, 2)),
              kPicosecond);
  EXPECT_NEAR(result.layers[0].simulated_s + result.layers[1].simulated_s, result.total_s,
              kPicosecond);
}

// Events: one compute, one lock wake-up (the sender blocks on L0 until the release), and three
// chunks of 10000 B (4096 + 4096 + 1808).
TEST(Stats, EventsCountChunksLockWaitsAndComputes) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  const isa::Engine sender = isa::CoreChannel(0, 0, isa::MM2S, 0);
  isa::AddRoute(layer, 1, sender, {MemtileChannel(0, isa::S2MM, 0)});
  isa::Group* group = AddGroup(layer, "body", 1);
  Compute(group, 0, 0, 64 * kMacsPerCycle);
  Release(group, isa::CoreProcessor(0, 0), 0, 1);
  Acquire(group, sender, 0, 1);
  Move(group, sender, {MemtileChannel(0, isa::S2MM, 0)}, 1, 10000);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_EQ(result.events, 5u);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(64 + 2500), kPicosecond);
  EXPECT_GE(result.sim_wall_s, 0);
}

}  // namespace
}  // namespace aie2sim::sim_test
