// The realistic effects' config side (sim/arch/effects.h): every effect has a true/false switch
// key, the switches and the new timing keys stay out of the config hash, paper mode forces every
// effect off, and EffectActive says which effects can change a simulation. Also the shipped
// realistic presets: AIE2's channel and BD counts, realistic timing, every switch on.
#include "sim/arch/effects.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/arch/config_hash.h"
#include "sim/arch/config_loader.h"
#include "sim/arch/config_schema.h"
#include "sim/base/error.h"

namespace aie2sim::arch {
namespace {

const std::string kConfigsDir = std::string(AIE2SIM_SOURCE_DIR) + "/configs";

HardwareConfig Preset(const std::string& name, const std::vector<std::string>& sets = {}) {
  return LoadHardwareConfig(kConfigsDir + "/" + name + ".yaml", sets);
}

std::string ErrorOf(const std::string& name, const std::vector<std::string>& sets) {
  try {
    Preset(name, sets);
  } catch (const UserError& error) {
    return error.what();
  }
  return "(no UserError)";
}

TEST(EffectSwitches, EveryEffectHasABooleanKey) {
  for (Effect effect : kEffects) {
    const ConfigParam* param = FindConfigParam(EffectKey(effect));
    ASSERT_NE(param, nullptr) << EffectKey(effect);
    EXPECT_EQ(param->type(), ConfigParam::Type::kBool);
    EXPECT_EQ(param->RangeText(), "[true | false]");
  }
}

TEST(EffectSwitches, OnlyPlainTrueOrFalse) {
  EXPECT_EQ(ErrorOf("realistic-4x4", {"effects.bd_reload=yes"}),
            "--set effects.bd_reload: expected true or false, got \"yes\"");
  EXPECT_EQ(ErrorOf("realistic-4x4", {"effects.bd_reload='true'"}),
            "--set effects.bd_reload: expected true or false, got the string \"true\"");
  EXPECT_FALSE(Preset("realistic-4x4", {"effects.bd_reload=false"}).effects.bd_reload);
}

TEST(EffectSwitches, StayOutOfTheConfigHash) {
  const std::string hash = ConfigHash(Preset("realistic-4x4"));
  for (Effect effect : kEffects) {
    EXPECT_EQ(ConfigHash(Preset("realistic-4x4", {EffectKey(effect) + "=false"})), hash);
  }
  for (const char* timing : {"overheads.bd_reload_cycles=7", "stream.north_ports=2",
                             "stream.south_ports=2", "stream.east_west_ports=2",
                             "core.bank_bytes_per_cycle=4", "memtile.bank_bytes_per_cycle=4"}) {
    EXPECT_EQ(ConfigHash(Preset("realistic-4x4", {timing})), hash) << timing;
  }
  // The realistic and paper presets of a mesh differ in memtile channels, hence in hash.
  EXPECT_NE(ConfigHash(Preset("paper-4x4")), hash);
}

TEST(EffectiveTiming, PaperModeForcesEveryEffectOff) {
  const HardwareConfig config = Preset("realistic-4x4", {"timing_model=paper"});
  const EffectiveTiming timing = EffectiveTimingOf(config);
  EXPECT_EQ(timing.kernel_efficiency, 1.0);
  EXPECT_EQ(timing.hop_latency_cycles, 0.0);
  EXPECT_EQ(timing.overheads.lock_handshake_cycles, 0.0);
  EXPECT_EQ(timing.overheads.dma_setup_cycles, 0.0);
  EXPECT_EQ(timing.overheads.reconfiguration_cycles, 0.0);
  EXPECT_EQ(timing.overheads.bd_reload_cycles, 0.0);
  EXPECT_FALSE(timing.link_contention || timing.ddr_contention || timing.bank_conflicts);
  for (Effect effect : kEffects) EXPECT_FALSE(EffectActive(config, effect)) << EffectName(effect);
}

TEST(EffectiveTiming, EachSwitchTurnsOffItsEffectOnly) {
  const HardwareConfig all = Preset("realistic-4x4");
  const EffectiveTiming on = EffectiveTimingOf(all);
  EXPECT_EQ(on.kernel_efficiency, all.core.kernel_efficiency);
  EXPECT_EQ(on.overheads.dma_setup_cycles, all.overheads.dma_setup_cycles);
  EXPECT_TRUE(on.link_contention && on.ddr_contention && on.bank_conflicts);
  const EffectiveTiming no_setup =
      EffectiveTimingOf(Preset("realistic-4x4", {"effects.dma_setup=false"}));
  EXPECT_EQ(no_setup.overheads.dma_setup_cycles, 0.0);
  EXPECT_EQ(no_setup.overheads.lock_handshake_cycles, all.overheads.lock_handshake_cycles);
  EXPECT_EQ(no_setup.kernel_efficiency, all.core.kernel_efficiency);
  EXPECT_FALSE(
      EffectiveTimingOf(Preset("realistic-4x4", {"effects.bank_conflicts=false"})).bank_conflicts);
  EXPECT_EQ(EffectiveTimingOf(Preset("realistic-4x4", {"effects.kernel_efficiency=false"}))
                .kernel_efficiency,
            1.0);
}

TEST(EffectActive, NeutralParametersAreInactive) {
  EXPECT_TRUE(EffectActive(Preset("realistic-4x4"), Effect::kDmaSetup));
  EXPECT_FALSE(
      EffectActive(Preset("realistic-4x4", {"overheads.dma_setup_cycles=0"}), Effect::kDmaSetup));
  EXPECT_FALSE(
      EffectActive(Preset("realistic-4x4", {"effects.dma_setup=false"}), Effect::kDmaSetup));
  // Kernel efficiency: the CNN kernels' and every kernel class's (v2 programs).
  const std::vector<std::string> neutral_kernels = {
      "core.kernel_efficiency=1",         "kernels.mm_i16_i32.efficiency=1",
      "kernels.mm_i8_i32.efficiency=1",   "kernels.conv1x1_i8.efficiency=1",
      "kernels.eltwise_i16.efficiency=1", "kernels.copy.efficiency=1"};
  EXPECT_FALSE(EffectActive(Preset("realistic-4x4", neutral_kernels), Effect::kKernelEfficiency));
  std::vector<std::string> one_class = neutral_kernels;
  one_class.push_back("kernels.copy.call_overhead_cycles=10");
  EXPECT_TRUE(EffectActive(Preset("realistic-4x4", one_class), Effect::kKernelEfficiency));
  // 4 columns x 4 shim channels x 4 B/cycle = 64 B/cycle: a total of 60 can bind, 64 cannot.
  EXPECT_TRUE(EffectActive(Preset("realistic-4x4"), Effect::kDdrContention));
  EXPECT_FALSE(
      EffectActive(Preset("realistic-4x4", {"ddr.total_gb_per_s=64"}), Effect::kDdrContention));
  EXPECT_TRUE(EffectActive(Preset("realistic-4x4"), Effect::kLinkContention));
}

TEST(RealisticPresets, AieTwoNumbers) {
  for (const std::string name :
       {"realistic-2x2", "realistic-3x3", "realistic-4x4", "realistic-5x5", "realistic-6x6",
        "realistic-7x7", "realistic-8x8", "realistic-4x8", "npu1"}) {
    SCOPED_TRACE(name);
    const HardwareConfig config = Preset(name);
    EXPECT_EQ(config.timing_model, TimingModel::kRealistic);
    EXPECT_EQ(config.memtile.dma.s2mm_channels, 6u);
    EXPECT_EQ(config.memtile.dma.mm2s_channels, 6u);
    EXPECT_EQ(config.memtile.dma.bds, 48u);
    EXPECT_EQ(config.memtile.memory_banks, 16u);
    EXPECT_EQ(config.core.dma.s2mm_channels, 2u);
    EXPECT_EQ(config.core.dma.mm2s_channels, 2u);
    EXPECT_EQ(config.core.dma.bds, 16u);
    EXPECT_EQ(config.core.memory_banks, 8u);
    EXPECT_EQ(config.shim.dma.s2mm_channels, 2u);
    EXPECT_EQ(config.shim.dma.mm2s_channels, 2u);
    EXPECT_EQ(config.stream.bytes_per_cycle, 4.0);
    EXPECT_GT(config.stream.hop_latency_cycles, 0.0);
    for (Effect effect : kEffects)
      EXPECT_TRUE(EffectActive(config, effect) || effect == Effect::kDdrContention)
          << EffectName(effect);
  }
  const HardwareConfig npu = Preset("npu1");
  EXPECT_EQ(npu.array.rows, 4u);
  EXPECT_EQ(npu.array.columns, 4u);
}

TEST(PaperPresets, EverySwitchOff) {
  const HardwareConfig config = Preset("paper-4x4");
  for (Effect effect : kEffects) EXPECT_FALSE(EffectSwitch(config.effects, effect));
}

}  // namespace
}  // namespace aie2sim::arch
