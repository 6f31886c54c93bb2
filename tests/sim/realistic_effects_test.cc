// Each realistic effect (sim/arch/effects.h) on a hand-built program with a known answer, with
// only that effect switched on; and every effect off (or paper mode) gives the paper's time.
// One cycle is 1 ns; a stream moves 4 B/cycle. Each TEST runs in its own process.
#include <gtest/gtest.h>

#include "sim/model/simulator.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using arch::Effect;
using isa::CoreChannel;
using isa::MemtileChannel;
using isa::ShimChannel;

// Overheads large enough to see, hop latency 2, kernel efficiency 0.5.
arch::HardwareConfig Realistic(uint32_t rows = 4, uint32_t columns = 4) {
  arch::HardwareConfig config =
      RealisticConfig(rows, columns,
                      arch::OverheadParams{/*lock_handshake=*/3, /*dma_setup=*/10,
                                           /*reconfiguration=*/100, /*bd_reload=*/50},
                      /*hop_latency_cycles=*/2, /*kernel_efficiency=*/0.5);
  return config;
}

// One layer: shim(0).mm2s0 acquires its L0 (initially 1), sends 4096 B to memtile(0).s2mm0
// (1024 cycles, 2 switches), releases L0; then the core (0,0) computes 1000 cycles of MACs.
isa::Program LoadThenCompute() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddLockInit(layer, isa::SHIM, 0, 0, 0, 1);
  isa::Group* load = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  Acquire(load, ShimChannel(0, isa::MM2S, 0), 0, 1);
  Move(load, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Release(load, ShimChannel(0, isa::MM2S, 0), 0, 1);
  Compute(AddGroup(layer, "compute", 1), 0, 0, 1000 * kMacsPerCycle);
  return program;
}

constexpr double kPaperCycles = 1024 + 1000;

TEST(RealisticEffects, EverySwitchOffGivesThePaperTime) {
  arch::HardwareConfig config = Realistic();
  for (Effect effect : arch::kEffects) arch::EffectSwitch(config.effects, effect) = false;
  EXPECT_NEAR(RunModel(config, LoadThenCompute()).total_s, CyclesToSeconds(kPaperCycles),
              kPicosecond);
}

TEST(RealisticEffects, PaperModeIgnoresEverySwitch) {
  arch::HardwareConfig config = Realistic();
  config.timing_model = arch::TimingModel::kPaper;
  config.ddr.total_gb_per_s = 1;  // would bind under ddr_contention
  EXPECT_NEAR(RunModel(config, LoadThenCompute()).total_s, CyclesToSeconds(kPaperCycles),
              kPicosecond);
}

// One acquire and one release on the shim channel: 2 x 3 cycles.
TEST(RealisticEffects, LockHandshakePerAcquireAndRelease) {
  const model::SimResult result =
      RunModel(OnlyEffect(Realistic(), Effect::kLockHandshake), LoadThenCompute());
  EXPECT_NEAR(result.total_s, CyclesToSeconds(kPaperCycles + 2 * 3), kPicosecond);
  EXPECT_NEAR(StatsOf(result, "shim(0).mm2s0").lock_wait_s, CyclesToSeconds(6), kPicosecond);
}

// Both sides pay their 10-cycle setup at the same time: 10 cycles once.
TEST(RealisticEffects, DmaSetupPerTransfer) {
  EXPECT_NEAR(RunModel(OnlyEffect(Realistic(), Effect::kDmaSetup), LoadThenCompute()).total_s,
              CyclesToSeconds(kPaperCycles + 10), kPicosecond);
}

// shim -> memtile crosses 2 switches: 2 x 2 cycles.
TEST(RealisticEffects, HopLatencyPerSwitchOnThePath) {
  EXPECT_NEAR(RunModel(OnlyEffect(Realistic(), Effect::kHopLatency), LoadThenCompute()).total_s,
              CyclesToSeconds(kPaperCycles + 4), kPicosecond);
}

// 100 cycles before each of two layers.
TEST(RealisticEffects, ReconfigurationPerLayer) {
  isa::Program program = LoadThenCompute();
  *program.add_layers() = program.layers(0);
  program.mutable_layers(1)->set_name("conv2");
  const model::SimResult result =
      RunModel(OnlyEffect(Realistic(), Effect::kReconfiguration), program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(2 * (100 + kPaperCycles)), kPicosecond);
  ASSERT_EQ(result.layers.size(), 2u);
  EXPECT_NEAR(result.layers[1].simulated_s, CyclesToSeconds(100 + kPaperCycles), kPicosecond);
}

// 1000 cycles of MACs at efficiency 0.5 take 2000.
TEST(RealisticEffects, KernelEfficiencyStretchesCompute) {
  EXPECT_NEAR(
      RunModel(OnlyEffect(Realistic(), Effect::kKernelEfficiency), LoadThenCompute()).total_s,
      CyclesToSeconds(1024 + 2000), kPicosecond);
}

// Two shim channels each load 4096 B at once; the DDR total is 4 B/cycle: 2 B/cycle each, 2048
// cycles. Switched off, each runs at its 4 B/cycle channel rate.
isa::Program TwoParallelLoads() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, ShimChannel(1, isa::MM2S, 0), {MemtileChannel(1, isa::S2MM, 0)});
  Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  Move(group, ShimChannel(1, isa::MM2S, 0), {MemtileChannel(1, isa::S2MM, 0)}, 2, 4096);
  return program;
}

TEST(RealisticEffects, DdrContentionSharesTheTotal) {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kDdrContention);
  config.ddr.total_gb_per_s = 4;
  EXPECT_NEAR(RunModel(config, TwoParallelLoads()).total_s, CyclesToSeconds(2048), kPicosecond);
}

TEST(RealisticEffects, DdrContentionOffIgnoresTheTotal) {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kLinkContention);
  config.ddr.total_gb_per_s = 4;
  EXPECT_NEAR(RunModel(config, TwoParallelLoads()).total_s, CyclesToSeconds(1024), kPicosecond);
}

// Five cores of column 0 (5 rows) each send 4096 B to their own memtile channel at once. The
// link from core row 0 down to the memtile carries all five routes over 4 south ports: each
// gets 4/5 of 4 B/cycle, 4096 / 3.2 = 1280 cycles. (The links above carry at most 4.)
isa::Program FiveStores() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "store");
  isa::Group* group = AddGroup(layer, "writefm", 1);
  for (uint32_t row = 0; row < 5; ++row) {
    const isa::Engine core = CoreChannel(row, 0, isa::MM2S, 0);
    const isa::Engine memtile = MemtileChannel(0, isa::S2MM, row);
    isa::AddRoute(layer, 10 + row, core, {memtile});
    SideAt(group, core, 10 + row, 4096, 0);
    SideAt(group, memtile, 10 + row, 4096, 65536 * row);  // distinct memtile banks
  }
  return program;
}

TEST(RealisticEffects, LinkContentionSharesASwitchLinksPorts) {
  const arch::HardwareConfig config = OnlyEffect(Realistic(5, 1), Effect::kLinkContention);
  ASSERT_EQ(config.stream.south_ports, 4u);
  EXPECT_NEAR(RunModel(config, FiveStores()).total_s, CyclesToSeconds(1280), kPicosecond);
}

TEST(RealisticEffects, LinkContentionWithEnoughPortsCostsNothing) {
  arch::HardwareConfig config = OnlyEffect(Realistic(5, 1), Effect::kLinkContention);
  config.stream.south_ports = 5;
  EXPECT_NEAR(RunModel(config, FiveStores()).total_s, CyclesToSeconds(1024), kPicosecond);
}

// Two shim channels write 4096 B each into memtile(0) at once, with 4 B/cycle banks of 32 KiB:
// into the same bank they demand 8 B/cycle of it and each runs at half rate (2048 cycles); into
// different banks (0 and 32768) at full rate (1024).
isa::Program TwoWritesInto(uint64_t second_address) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  for (uint32_t channel = 0; channel < 2; ++channel) {
    const isa::Engine shim = ShimChannel(0, isa::MM2S, channel);
    const isa::Engine memtile = MemtileChannel(0, isa::S2MM, channel);
    isa::AddRoute(layer, 1 + channel, shim, {memtile});
    SideAt(group, shim, 1 + channel, 4096, 0);
    SideAt(group, memtile, 1 + channel, 4096, channel == 0 ? 0 : second_address);
  }
  return program;
}

arch::HardwareConfig NarrowBanks() {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kBankConflicts);
  config.memtile.bank_bytes_per_cycle = 4;
  return config;
}

TEST(RealisticEffects, BankConflictsHalveTwoTransfersInOneBank) {
  EXPECT_NEAR(RunModel(NarrowBanks(), TwoWritesInto(8192)).total_s, CyclesToSeconds(2048),
              kPicosecond);
}

TEST(RealisticEffects, BankConflictsSpareTransfersInDifferentBanks) {
  EXPECT_NEAR(RunModel(NarrowBanks(), TwoWritesInto(32768)).total_s, CyclesToSeconds(1024),
              kPicosecond);
}

// A transfer spanning two banks puts half its rate on each: 4096 B from 30720 covers the last
// 2048 B of bank 0 and the first 2048 of bank 1. With another transfer in bank 0, bank 0 carries
// 4 + 2 = 6 B/cycle of its 4: both run at 4/6 of 4 B/cycle, 1536 cycles.
TEST(RealisticEffects, BankConflictsSpreadASpanOverItsBanks) {
  EXPECT_NEAR(RunModel(NarrowBanks(), TwoWritesInto(30720)).total_s, CyclesToSeconds(1536),
              kPicosecond);
}

// Two groups of three 1024-byte transfers on shim(0).mm2s0 (256 cycles each). With 4 shim BDs,
// 3 + 3 do not fit together: the second group's 3 BDs are rewritten at its start, 3 x 50
// cycles. With 8 BDs they are written while the first group runs.
isa::Program TwoGroupsOfThree() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  for (uint32_t route = 1; route <= 6; ++route) {
    isa::AddRoute(layer, route, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  }
  for (uint32_t group_index = 0; group_index < 2; ++group_index) {
    isa::Group* group = AddGroup(layer, "g" + std::to_string(group_index), 1, isa::GROUP_LOAD);
    for (uint32_t k = 1; k <= 3; ++k) {
      const uint32_t route = 3 * group_index + k;
      Move(group, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)}, route, 1024);
    }
  }
  return program;
}

TEST(RealisticEffects, BdReloadWhenTwoGroupsExceedTheTilesBds) {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kBdReload);
  config.shim.dma.bds = 4;
  EXPECT_NEAR(RunModel(config, TwoGroupsOfThree()).total_s, CyclesToSeconds(6 * 256 + 3 * 50),
              kPicosecond);
}

TEST(RealisticEffects, NoBdReloadWhenTwoGroupsFit) {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kBdReload);
  config.shim.dma.bds = 8;
  EXPECT_NEAR(RunModel(config, TwoGroupsOfThree()).total_s, CyclesToSeconds(6 * 256), kPicosecond);
}

// A first group that alone needs more BDs (3) than the tile has (2) is charged at its start.
TEST(RealisticEffects, BdReloadOfAGroupLargerThanTheTilesBds) {
  arch::HardwareConfig config = OnlyEffect(Realistic(), Effect::kBdReload);
  config.shim.dma.bds = 2;
  EXPECT_NEAR(RunModel(config, TwoGroupsOfThree()).total_s, CyclesToSeconds(6 * 256 + 2 * 3 * 50),
              kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
