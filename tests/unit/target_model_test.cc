// The target model (sim/arch/target_model.h): per-tile-kind facts from the npu1 preset (the
// device of SILICON.md: 4 columns x 1 shim + 1 memtile + 4 core rows, 2+2 shim channels with
// 4-deep task queues, 6+6 memtile channels with 48 BDs and 64 locks, 2+2 core channels with 16
// BDs and 16 locks), AIE2's neighbour rules, the lock limit and region alignment.
#include "sim/arch/target_model.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/arch/config_loader.h"

namespace aie2sim::arch {
namespace {

HardwareConfig Npu1() {
  return LoadHardwareConfig(std::string(AIE2SIM_SOURCE_DIR) + "/configs/npu1.yaml", {});
}

TEST(TargetModel, NpuOneIsTheDeviceOfSiliconMd) {
  const HardwareConfig config = Npu1();
  EXPECT_EQ(config.array.columns, 4u);
  EXPECT_EQ(config.array.rows, 4u);
  EXPECT_EQ(config.clock_mhz, 1000.0);  // Phoenix, stated
  EXPECT_EQ(config.timing_model, TimingModel::kRealistic);
  EXPECT_EQ(config.ddr.channel_bytes_per_cycle, 4.0);
  EXPECT_EQ(config.ddr.total_gb_per_s, 15.0);                     // SILICON.md D7
  EXPECT_EQ(config.host.dispatch_us, 118.9);  // fitted on D10 (gen-presets NPU1_FITTED)
  EXPECT_EQ(config.shim.task_issue_spacing_cycles.mm2s, 2700.0);  // D2
  EXPECT_EQ(config.shim.task_issue_spacing_cycles.s2mm, 2870.0);
}

TEST(TargetModel, FactsPerTileKind) {
  const HardwareConfig config = Npu1();
  const TileFacts shim = FactsOf(config, TileKind::kShim);
  EXPECT_STREQ(shim.name, "shim");
  EXPECT_EQ(shim.dma->mm2s_channels, 2u);
  EXPECT_EQ(shim.dma->s2mm_channels, 2u);
  EXPECT_EQ(shim.dma->bds, 16u);
  EXPECT_EQ(shim.locks, 16u);
  EXPECT_EQ(shim.task_queue_depth, 4u);
  EXPECT_EQ(shim.memory_bytes, config.ddr.size_bytes);
  EXPECT_EQ(shim.region_alignment_bytes, 64u);

  const TileFacts memtile = FactsOf(config, TileKind::kMemtile);
  EXPECT_EQ(memtile.dma->mm2s_channels, 6u);
  EXPECT_EQ(memtile.dma->s2mm_channels, 6u);
  EXPECT_EQ(memtile.dma->bds, 48u);
  EXPECT_EQ(memtile.locks, 64u);
  EXPECT_EQ(memtile.memory_bytes, 512u * 1024);
  EXPECT_EQ(memtile.memory_banks, 16u);
  EXPECT_EQ(memtile.neighbour_lock_channels, 4u);
  EXPECT_EQ(memtile.region_alignment_bytes, 64u);

  const TileFacts core = FactsOf(config, TileKind::kCore);
  EXPECT_EQ(core.dma->mm2s_channels, 2u);
  EXPECT_EQ(core.dma->bds, 16u);
  EXPECT_EQ(core.locks, 16u);
  EXPECT_EQ(core.memory_bytes, 64u * 1024);
  EXPECT_EQ(core.neighbour_lock_channels, 0u);
  EXPECT_EQ(core.region_alignment_bytes, 4u);
  EXPECT_STREQ(core.memory_name, "core memory");
}

TEST(TargetModel, CoreNeighbourMemoryIsOwnWestNorthSouth) {
  EXPECT_TRUE(CoreMayReach(0, 0));
  EXPECT_TRUE(CoreMayReach(-1, 0));  // west
  EXPECT_TRUE(CoreMayReach(0, 1));   // north
  EXPECT_TRUE(CoreMayReach(0, -1));  // south
  EXPECT_FALSE(CoreMayReach(1, 0));  // east
  EXPECT_FALSE(CoreMayReach(-1, 1));
  EXPECT_FALSE(CoreMayReach(0, 2));
}

TEST(TargetModel, LocksAreSixBitAndRegionsAlignUp) {
  EXPECT_EQ(kLockMaxValue, 63u);
  EXPECT_EQ(AlignUp(0, 64), 0u);
  EXPECT_EQ(AlignUp(1, 64), 64u);
  EXPECT_EQ(AlignUp(64, 64), 64u);
  EXPECT_EQ(AlignUp(65, 4), 68u);
}

}  // namespace
}  // namespace aie2sim::arch
