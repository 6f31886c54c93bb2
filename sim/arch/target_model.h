// The target model: every per-tile-kind fact of the AIE2 (AIE-ML) array in one place, in the
// spirit of mlir-aie's AIETargetModel. The compiler, the validator and the SystemC model ask it
// how many DMA channels, BDs and locks a tile has, how big its memory is, which neighbours' memory
// and locks it may use, how deep its task queue is and how the compiler aligns the regions it
// places there; the counts come from the HardwareConfig, the rules of the architecture are here.
// Sources: ../shared/design/AIE2_FACTS.md (AM020, aie-rt, mlir-aie).
#pragma once

#include <cstdint>

#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

// The kinds of tile in a column: one shim (the array interface to DDR), one memtile, core rows.
enum class TileKind { kShim, kMemtile, kCore };

// AIE2 locks hold 6-bit values: acquire, release and initial values stay in 0..63.
inline constexpr uint32_t kLockMaxValue = 63;

struct TileFacts {
  const char* name = "";           // "shim", "memtile", "core": also its config group
  const char* memory_name = "";    // what its DMA addresses: "DDR", "memtile memory", "core memory"
  const DmaParams* dma = nullptr;  // its DMA channels, BDs and address dimensions
  uint32_t locks = 0;              // locks per tile
  uint64_t memory_bytes = 0;       // the memory its DMA addresses (a shim's: DDR)
  uint32_t memory_banks = 0;       // banks of that memory (DDR: 1, not modelled as banks)
  // Tasks a DMA channel holds waiting to start; only shim channels take tasks in our programs
  // (the controller pushes them), so 0 elsewhere.
  uint32_t task_queue_depth = 0;
  // Channels 0..n-1 of each direction may use the west and east neighbour's locks (and memory):
  // a memtile's channels 0..3; none elsewhere.
  uint32_t neighbour_lock_channels = 0;
  // The compiler aligns the regions it places in this memory to this many bytes: 64 in DDR (the
  // shim's smallest burst) and, so that the tensors it moves line up, in memtiles; 4 in cores
  // (AIE2 DMA addresses are 4-byte aligned).
  uint64_t region_alignment_bytes = 0;
};

TileFacts FactsOf(const HardwareConfig& config, TileKind kind);

// A core processor may use the memory and locks of its own tile and of its west, north and south
// core neighbours (AIE2's neighbour-memory rule); `columns` and `rows` are the neighbour's offset
// from it.
bool CoreMayReach(int64_t columns, int64_t rows);

// `value` rounded up to a multiple of `alignment` (> 0).
inline uint64_t AlignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

}  // namespace aie2sim::arch
