// Transfer timing of the SystemC model in paper mode (every overhead zero): stream rate,
// parallel and sequential transfers, broadcast, chunking, DDR limits; and the realistic
// overheads added on top. Each TEST runs in its own process (one SystemC elaboration each).
#include <gtest/gtest.h>

#include "sim/model/simulator.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::MemtileChannel;
using isa::ShimChannel;

// 4096 B over a 4 B/cycle stream: 1024 cycles = 1.024 us at 1 GHz.
TEST(TransferTiming, ShimToMemtileOf4096BytesTakes1024Cycles) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  Move(AddGroup(layer, "load", 1, isa::GROUP_LOAD), ShimChannel(0, isa::MM2S, 0),
       {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, 1.024e-6, kPicosecond);
  ASSERT_EQ(result.layers.size(), 1u);
  EXPECT_EQ(result.layers[0].name, "load");
  EXPECT_NEAR(result.layers[0].simulated_s, 1.024e-6, kPicosecond);
  EXPECT_EQ(result.traffic.ddr_read_bytes, 4096u);
  EXPECT_EQ(result.traffic.memtile_write_bytes, 4096u);
}

TEST(TransferTiming, TwoParallelChannelsTakeTheMax) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, ShimChannel(1, isa::MM2S, 0), {MemtileChannel(1, isa::S2MM, 0)});
  Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Move(group, ShimChannel(1, isa::MM2S, 0), {MemtileChannel(1, isa::S2MM, 0)}, 2, 8192);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(2048), kPicosecond);
}

TEST(TransferTiming, SequentialTransfersOnOneEngineTakeTheSum) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 1)});
  Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 1)}, 2, 8192);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(1024 + 2048), kPicosecond);
}

TEST(TransferTiming, BroadcastToFourCoresTakesTheTimeOfOne) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "loadfm");
  std::vector<isa::Engine> cores;
  for (uint32_t row = 0; row < 4; ++row) cores.push_back(CoreChannel(row, 0, isa::S2MM, 0));
  isa::AddRoute(layer, 7, MemtileChannel(0, isa::MM2S, 0), cores);
  Move(AddGroup(layer, "loadfm", 1), MemtileChannel(0, isa::MM2S, 0), cores, 7, 4096);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, 1.024e-6, kPicosecond);
  EXPECT_EQ(result.traffic.memtile_read_bytes, 4096u);  // read once
  EXPECT_EQ(result.traffic.core_write_bytes, 4 * 4096u);
}

// A broadcast starts when its last receiver is ready: one receiver first waits for its core to
// release the input buffer after a 512-cycle compute, so all four finish at 512 + 1024 cycles.
TEST(TransferTiming, BroadcastMovesAtThePaceOfTheSlowestReceiver) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "loadfm");
  std::vector<isa::Engine> cores;
  for (uint32_t row = 0; row < 4; ++row) cores.push_back(CoreChannel(row, 0, isa::S2MM, 0));
  isa::AddRoute(layer, 7, MemtileChannel(0, isa::MM2S, 0), cores);
  isa::Group* group = AddGroup(layer, "loadfm", 1);
  Compute(group, 3, 0, 512 * kMacsPerCycle);
  Release(group, isa::CoreProcessor(3, 0), 5, 1);
  Acquire(group, cores[3], 5, 1);
  Move(group, MemtileChannel(0, isa::MM2S, 0), cores, 7, 4096);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(512 + 1024), kPicosecond);
  for (const model::EngineStats& engine : result.engines) {
    if (engine.engine == "core(0,0).s2mm0" || engine.engine == "memtile(0).mm2s0") {
      EXPECT_NEAR(engine.link_wait_s, CyclesToSeconds(512), kPicosecond) << engine.engine;
      EXPECT_NEAR(engine.busy_s, CyclesToSeconds(1024), kPicosecond) << engine.engine;
    }
    if (engine.engine == "core(3,0).s2mm0") {
      EXPECT_NEAR(engine.lock_wait_s, CyclesToSeconds(512), kPicosecond);
      EXPECT_NEAR(engine.link_wait_s, 0, kPicosecond);
    }
  }
}

// 10000 B = 4096 + 4096 + 1808: chunking does not change the time (2500 cycles).
TEST(TransferTiming, ChunkingIsExactForAnOddSize) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  Move(AddGroup(layer, "load", 1), ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)},
       1, 10000);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(2500), kPicosecond);
  EXPECT_EQ(result.events, 3u);  // three chunks
}

// A shim channel runs at min(stream, DDR channel): 2 B/cycle DDR channels halve the rate.
TEST(TransferTiming, ShimTransfersAreLimitedByTheDdrChannel) {
  arch::HardwareConfig config = PaperConfig();
  config.ddr.channel_bytes_per_cycle = 2;
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "store");
  isa::AddRoute(layer, 1, MemtileChannel(0, isa::MM2S, 0), {ShimChannel(0, isa::S2MM, 0)});
  Move(AddGroup(layer, "store", 1, isa::GROUP_STORE), MemtileChannel(0, isa::MM2S, 0),
       {ShimChannel(0, isa::S2MM, 0)}, 1, 4096);

  const model::SimResult result = RunModel(config, program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(2048), kPicosecond);
  EXPECT_EQ(result.traffic.ddr_write_bytes, 4096u);
}

// Sharing ddr.total_gb_per_s is a realistic effect (realistic_effects_test.cc): in paper
// mode two parallel 4096 B loads run at their channel rate even with a total of 4 B/cycle.
TEST(TransferTiming, PaperModeIgnoresTheDdrTotal) {
  arch::HardwareConfig config = PaperConfig();
  config.ddr.total_gb_per_s = 4;
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, ShimChannel(0, isa::MM2S, 1), {MemtileChannel(0, isa::S2MM, 1)});
  Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Side(group, ShimChannel(0, isa::MM2S, 1), 2, 4096);
  SideAt(group, MemtileChannel(0, isa::S2MM, 1), 2, 4096, 4096);

  EXPECT_NEAR(RunModel(config, program).total_s, CyclesToSeconds(1024), kPicosecond);
}

// Realistic mode adds, per layer, the reconfiguration; per transfer, the DMA setup and the hop
// latency of the path (shim -> memtile: 2 switches); per acquire and release, the handshake; and
// scales compute by the kernel efficiency.
isa::Program OverheadProgram() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddLockInit(layer, isa::SHIM, 0, 0, 0, 1);
  Compute(AddGroup(layer, "compute", 1), 0, 0, 1000 * kMacsPerCycle);
  isa::Group* load = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  Acquire(load, ShimChannel(0, isa::MM2S, 0), 0, 1);
  Move(load, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Release(load, ShimChannel(0, isa::MM2S, 0), 0, 1);
  return program;
}

TEST(TransferTiming, RealisticModeAddsTheOverheads) {
  const arch::HardwareConfig config =
      RealisticConfig(4, 4,
                      arch::OverheadParams{/*lock_handshake=*/3, /*dma_setup=*/10,
                                           /*reconfiguration=*/100},
                      /*hop_latency_cycles=*/2, /*kernel_efficiency=*/0.5);
  const model::SimResult result = RunModel(config, OverheadProgram());
  // Reconfiguration 100; compute 1000 cycles of MACs at efficiency 0.5; then acquire handshake 3,
  // setup 10, latency 2 x 2, 1024 cycles of data, release handshake 3.
  EXPECT_NEAR(result.total_s, CyclesToSeconds(100 + 2000 + 3 + 10 + 4 + 1024 + 3), kPicosecond);
}

// The same program under the paper timing model ignores every overhead in the config.
TEST(TransferTiming, PaperModeIgnoresConfiguredOverheads) {
  arch::HardwareConfig config = RealisticConfig(4, 4, arch::OverheadParams{3, 10, 100}, 2, 0.5);
  config.timing_model = arch::TimingModel::kPaper;
  EXPECT_NEAR(RunModel(config, OverheadProgram()).total_s, CyclesToSeconds(1000 + 1024),
              kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
