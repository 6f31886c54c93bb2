#include "sim/arch/target_model.h"

namespace aie2sim::arch {
namespace {

// What every tile kind states; the rest of its facts keep their neutral defaults.
TileFacts Common(const char* name, const char* memory_name, const DmaParams& dma, uint32_t locks,
                 uint64_t memory_bytes, uint32_t memory_banks) {
  TileFacts facts;
  facts.name = name;
  facts.memory_name = memory_name;
  facts.dma = &dma;
  facts.locks = locks;
  facts.memory_bytes = memory_bytes;
  facts.memory_banks = memory_banks;
  return facts;
}

}  // namespace

TileFacts FactsOf(const HardwareConfig& config, TileKind kind) {
  switch (kind) {
    case TileKind::kShim: {
      TileFacts shim = Common("shim", "DDR", config.shim.dma, config.shim.locks,
                              config.ddr.size_bytes, /*memory_banks=*/1);
      shim.task_queue_depth = config.shim.task_queue_depth;
      shim.region_alignment_bytes = 64;  // the smallest shim burst (AIE2_FACTS: 64, 128, 256 B)
      return shim;
    }
    case TileKind::kMemtile: {
      TileFacts memtile =
          Common("memtile", "memtile memory", config.memtile.dma, config.memtile.locks,
                 config.memtile.memory_bytes, config.memtile.memory_banks);
      memtile.neighbour_lock_channels = 4;  // AIE2_FACTS: channels 0-3 reach west and east
      memtile.region_alignment_bytes = 64;  // as DDR, so that moved tensors line up
      return memtile;
    }
    case TileKind::kCore:
      break;
  }
  TileFacts core = Common("core", "core memory", config.core.dma, config.core.locks,
                          config.core.memory_bytes, config.core.memory_banks);
  core.region_alignment_bytes = 4;  // AIE2_FACTS: core DMA addresses are 4-byte aligned
  return core;
}

bool CoreMayReach(int64_t columns, int64_t rows) {
  return (columns == 0 && rows == 0) || (columns == -1 && rows == 0) ||
         (columns == 0 && (rows == 1 || rows == -1));
}

}  // namespace aie2sim::arch
