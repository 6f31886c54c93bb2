// The timing elements real silicon shows (sim/arch/effects.h: host_dispatch, shim_task_start,
// task_issue_spacing, token_latency; ddr.total_gb_per_s; hop and lock latency), each on a
// hand-built program with a hand-worked answer, each with its switch off; and the npu1 preset
// against the shim transfer it was set from (SILICON.md D1). One cycle is 1 ns unless a test
// changes the clock; a stream moves 4 B/cycle. Each TEST runs in its own process.
#include <gtest/gtest.h>

#include <string>

#include "sim/arch/config_loader.h"
#include "sim/model/simulator.h"
#include "tests/sim/sim_test_support.h"
#include "tests/unit/design_programs.h"

namespace aie2sim::sim_test {
namespace {

using arch::Effect;
using isa::MemtileChannel;
using isa::ShimChannel;

// The paper array in realistic mode with the silicon elements set to round figures and only
// `effects` switched on.
arch::HardwareConfig With(std::initializer_list<Effect> effects) {
  arch::HardwareConfig config = PaperConfig(4, 4);
  config.timing_model = arch::TimingModel::kRealistic;
  config.host.dispatch_us = 100;
  config.shim.task_start_cycles = {700, 170};
  config.shim.task_issue_spacing_cycles = {1000, 1200};
  config.shim.token_latency_cycles = 15;
  config.stream.hop_latency_cycles = 10.5;
  for (Effect effect : arch::kEffects) arch::EffectSwitch(config.effects, effect) = false;
  for (Effect effect : effects) arch::EffectSwitch(config.effects, effect) = true;
  return config;
}

// Layer "io": shim(0).mm2s0 loads 4096 B into the memtile (1024 cycles), then memtile(0).mm2s0
// stores 4096 B through shim(0).s2mm0 (1024 cycles).
isa::Program LoadThenStore() {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "io");
  const isa::Engine load_from = ShimChannel(0, isa::MM2S, 0);
  const isa::Engine load_to = MemtileChannel(0, isa::S2MM, 0);
  const isa::Engine store_from = MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine store_to = ShimChannel(0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, load_from, {load_to});
  isa::AddRoute(layer, 2, store_from, {store_to});
  Move(AddGroup(layer, "load", 1, isa::GROUP_LOAD), load_from, {load_to}, 1, 4096);
  Move(AddGroup(layer, "store", 1, isa::GROUP_STORE), store_from, {store_to}, 2, 4096);
  return program;
}

constexpr double kLoadStoreCycles = 2 * 1024;

// The host dispatches once per invocation, before the first layer: 100 us in the first layer's
// time and the total, and on its own in the result.
TEST(SiliconTiming, HostDispatchOncePerInvocation) {
  isa::Program program = LoadThenStore();
  *program.add_layers() = program.layers(0);
  program.mutable_layers(1)->set_name("io2");
  const model::SimResult result = RunModel(With({Effect::kHostDispatch}), program);
  EXPECT_NEAR(result.host_dispatch_s, 100e-6, kPicosecond);
  EXPECT_NEAR(result.total_s, 100e-6 + CyclesToSeconds(2 * kLoadStoreCycles), kPicosecond);
  ASSERT_EQ(result.layers.size(), 2u);
  EXPECT_NEAR(result.layers[0].simulated_s, 100e-6 + CyclesToSeconds(kLoadStoreCycles),
              kPicosecond);
  EXPECT_NEAR(result.layers[1].simulated_s, CyclesToSeconds(kLoadStoreCycles), kPicosecond);
}

// Host time is in microseconds: doubling the array clock halves the array's part only.
TEST(SiliconTiming, HostDispatchDoesNotScaleWithTheClock) {
  arch::HardwareConfig config = With({Effect::kHostDispatch});
  config.clock_mhz = 2000;
  const model::SimResult result = RunModel(config, LoadThenStore());
  EXPECT_NEAR(result.total_s, 100e-6 + CyclesToSeconds(kLoadStoreCycles) / 2, kPicosecond);
}

TEST(SiliconTiming, HostDispatchSwitchedOff) {
  const model::SimResult result = RunModel(With({}), LoadThenStore());
  EXPECT_EQ(result.host_dispatch_s, 0.0);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(kLoadStoreCycles), kPicosecond);
}

// One transfer each way: the DDR -> array task pays 700 cycles, the array -> DDR task 170.
TEST(SiliconTiming, ShimTaskStartByDirection) {
  const model::SimResult result = RunModel(With({Effect::kShimTaskStart}), LoadThenStore());
  EXPECT_NEAR(result.total_s, CyclesToSeconds(kLoadStoreCycles + 700 + 170), kPicosecond);
  EXPECT_NEAR(StatsOf(result, "shim(0).mm2s0").busy_s, CyclesToSeconds(1024 + 700), kPicosecond);
}

TEST(SiliconTiming, ShimTaskStartSwitchedOff) {
  arch::HardwareConfig config = With({Effect::kShimTaskStart});
  config.effects.shim_task_start = false;
  EXPECT_NEAR(RunModel(config, LoadThenStore()).total_s, CyclesToSeconds(kLoadStoreCycles),
              kPicosecond);
}

// A chain of three 1 KiB tasks (256 cycles each) on shim(0).mm2s0, the controller awaiting the
// last one's token (test_support::ThreeTasks; paper time 768).
// Spacing 1000 alone: starts at 0, 1000, 2000; the last ends at 2256.
TEST(SiliconTiming, IssueSpacingOfAChainOfTasks) {
  const arch::HardwareConfig config = With({Effect::kTaskIssueSpacing});
  EXPECT_NEAR(RunModel(config, test_support::ThreeTasks(config)).total_s, CyclesToSeconds(2256),
              kPicosecond);
}

// Start cost 700 and spacing 1000: task 1 starts at 0 and moves 700..956; task 2 starts at
// max(956, 1000) = 1000 and moves 1700..1956; task 3 starts at 2000 and moves 2700..2956; its
// token reaches the controller 15 cycles later.
TEST(SiliconTiming, ChainOfTasksWithStartSpacingAndToken) {
  const arch::HardwareConfig config =
      With({Effect::kShimTaskStart, Effect::kTaskIssueSpacing, Effect::kTokenLatency});
  const model::SimResult result = RunModel(config, test_support::ThreeTasks(config));
  EXPECT_NEAR(result.total_s, CyclesToSeconds(2956 + 15), kPicosecond);
}

TEST(SiliconTiming, TokenLatencyAlone) {
  const arch::HardwareConfig config = With({Effect::kTokenLatency});
  const model::SimResult result = RunModel(config, test_support::ThreeTasks(config));
  EXPECT_NEAR(result.total_s, CyclesToSeconds(768 + 15), kPicosecond);
  EXPECT_NEAR(StatsOf(result, "controller").link_wait_s, CyclesToSeconds(768 + 15), kPicosecond);
}

TEST(SiliconTiming, TaskElementsSwitchedOff) {
  arch::HardwareConfig config =
      With({Effect::kShimTaskStart, Effect::kTaskIssueSpacing, Effect::kTokenLatency});
  config.effects.shim_task_start = false;
  config.effects.task_issue_spacing = false;
  config.effects.token_latency = false;
  EXPECT_NEAR(RunModel(config, test_support::ThreeTasks(config)).total_s, CyclesToSeconds(768),
              kPicosecond);
}

// A two-hop pipeline shim -> memtile -> core(0,0): each route crosses 2 switches, 10.5 cycles
// each, once per transfer: 2 x 21 cycles on top of 2 x 1024.
TEST(SiliconTiming, HopLatencyOfATwoHopPipeline) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "pipe");
  const isa::Engine shim = ShimChannel(0, isa::MM2S, 0);
  const isa::Engine memtile_in = MemtileChannel(0, isa::S2MM, 0);
  const isa::Engine memtile_out = MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine core = isa::CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, shim, {memtile_in});
  isa::AddRoute(layer, 2, memtile_out, {core});
  Move(AddGroup(layer, "to memtile", 1, isa::GROUP_LOAD), shim, {memtile_in}, 1, 4096);
  Move(AddGroup(layer, "to core", 1, isa::GROUP_LOAD), memtile_out, {core}, 2, 4096);
  EXPECT_NEAR(RunModel(With({Effect::kHopLatency}), program).total_s,
              CyclesToSeconds(2 * 1024 + 2 * 21), kPicosecond);
}

// Two shim channels load 4096 B each at once under a DDR total of 4 GB/s: 2 GB/s each, 2048 ns,
// whatever the array clock (at 2 GHz the total is 2 B/cycle).
model::SimResult TwoLoadsUnderFourGbPerSecond(double clock_mhz) {
  arch::HardwareConfig config = With({Effect::kDdrContention});
  config.clock_mhz = clock_mhz;
  config.ddr.total_gb_per_s = 4;
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "loads");
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  for (uint32_t column = 0; column < 2; ++column) {
    const isa::Engine source = ShimChannel(column, isa::MM2S, 0);
    const isa::Engine destination = MemtileChannel(column, isa::S2MM, 0);
    isa::AddRoute(layer, 1 + column, source, {destination});
    Move(group, source, {destination}, 1 + column, 4096);
  }
  return RunModel(config, program);
}

TEST(SiliconTiming, DdrBandwidthInGbPerSecondAtOneGigahertz) {
  EXPECT_NEAR(TwoLoadsUnderFourGbPerSecond(1000).total_s, 2048e-9, kPicosecond);
}

TEST(SiliconTiming, DdrBandwidthInGbPerSecondAtTwoGigahertz) {
  EXPECT_NEAR(TwoLoadsUnderFourGbPerSecond(2000).total_s, 2048e-9, kPicosecond);
}

// npu1, one DDR -> memtile task of N = 16384 words: the start cost, the DMA setup and the
// route's 2 hops, then N at 4 B/cycle. npu1's values are fitted to the silicon suite
// (tests/silicon; D1's points are compared there), so they are read from the config here.
TEST(SiliconTiming, NpuOneShimTransferMatchesD1) {
  arch::HardwareConfig config =
      arch::LoadHardwareConfig(std::string(AIE2SIM_SOURCE_DIR) + "/configs/npu1.yaml", {});
  for (Effect effect : arch::kEffects) {
    arch::EffectSwitch(config.effects, effect) = effect == Effect::kShimTaskStart ||
                                                 effect == Effect::kDmaSetup ||
                                                 effect == Effect::kHopLatency;
  }
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "d1");
  const isa::Engine shim = ShimChannel(0, isa::MM2S, 0);
  const isa::Engine memtile = MemtileChannel(0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, shim, {memtile});
  Move(AddGroup(layer, "load", 1, isa::GROUP_LOAD), shim, {memtile}, 1, 4 * 16384);
  const double start = config.shim.task_start_cycles.mm2s + config.overheads.dma_setup_cycles +
                       2 * config.stream.hop_latency_cycles;
  EXPECT_NEAR(RunModel(config, program).total_s, CyclesToSeconds(start + 16384), kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
