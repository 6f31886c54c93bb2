// Hardware configs built directly as structs, so unit tests do not depend on the YAML loader or
// on the shipped configs/ files.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "sim/arch/hardware_config.h"

namespace aie2sim::test_support {

// A paper-preset-like R x C mesh: the numbers of the paper (64 KiB cores in 8 banks with
// 2 x 8 KiB input, 2 x 8 KiB output, 16 KiB weights and 16 KiB scratch; 256 int8 MACs/cycle;
// 512 KiB memtiles; 4 B/cycle links; 1 GHz) and memtile channels sized to the mesh so every
// memtile-core connection can run in parallel: S2MM 2 (from DDR) + R (one per core of the
// column), MM2S 1 (activations down the column) + ceil(R/C) (weights along the rows it serves),
// at least 2. Every overhead is zero.
inline arch::HardwareConfig PaperConfig(uint32_t rows, uint32_t columns) {
  arch::HardwareConfig config;
  config.version = arch::kConfigVersion;
  config.name = "paper-" + std::to_string(rows) + "x" + std::to_string(columns);
  config.description = "unit-test paper preset";
  config.timing_model = arch::TimingModel::kPaper;
  config.clock_mhz = 1000;
  config.array = {rows, columns};

  config.core.memory_bytes = 64 * 1024;
  config.core.memory_banks = 8;
  config.core.buffers = {8192, 8192, 16384, 16384};
  config.core.macs_per_cycle = {256, 64, 128};
  config.core.vector_ops_per_cycle = 64;
  config.core.kernel_efficiency = 1.0;
  config.core.dma = {2, 2, 16, 3};
  config.core.locks = 16;

  const uint32_t rows_per_memtile = (rows + columns - 1) / columns;
  config.memtile.memory_bytes = 512 * 1024;
  config.memtile.memory_banks = 16;
  config.memtile.dma = {2 + rows, std::max<uint32_t>(2, 1 + rows_per_memtile), 48, 4};
  config.memtile.locks = 64;

  config.shim.dma = {2, 2, 16, 3};
  config.shim.locks = 16;

  config.ddr.size_bytes = uint64_t{4} << 30;
  config.ddr.channel_bytes_per_cycle = 4;
  config.ddr.total_gb_per_s = 4.0 * 2 * columns;  // two channels per memtile, all busy (1 GHz)

  config.stream.bytes_per_cycle = 4;
  config.stream.hop_latency_cycles = 0;
  config.overheads = {0, 0, 0};
  config.simulation.chunk_bytes = 4096;
  return config;
}

}  // namespace aie2sim::test_support
