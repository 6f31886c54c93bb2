// The contents of every memory of the array in functional mode (--functional): DDR, each
// memtile's 512 KiB, each core's data memory and each core's int32 accumulator (the partial
// sums of input-channel pieces; held beside the data memory, as the program's scratch).
//
// Contract: DDR starts with the program's FunctionalData (weights and the network input at their
// addresses, zeros elsewhere); every other memory starts zeroed. Gather and Scatter move a
// Buffer's bytes in one iteration in element order (sim/isa/region_walk.h) and throw
// InternalError naming the engine when a byte falls outside its memory (a validated program
// never does: this is the model's own bounds invariant, checked on every access).
// Timing-only simulations build no FunctionalMemory at all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::model {

class FunctionalMemory {
 public:
  // Throws UserError when the program carries no functional data or its DDR image is larger
  // than the configured DDR.
  FunctionalMemory(const arch::HardwareConfig& config, const isa::Program& program);

  // The memory an engine's addresses refer to (program.proto): DDR for shim channels, the
  // memtile for memtile channels, the core's data memory for core channels and processors.
  std::vector<uint8_t>& MemoryOf(const isa::Engine& engine);
  std::vector<int32_t>& AccumulatorOf(uint32_t row, uint32_t column);

  std::vector<uint8_t>& ddr() { return ddr_; }
  std::vector<uint8_t>& memtile(uint32_t column) { return memtiles_.at(column); }

  // Appends the bytes of `buffer` in `iteration` from `engine`'s memory to `out`.
  void Gather(const isa::Engine& engine, const isa::Buffer& buffer, uint32_t iteration,
              std::vector<uint8_t>* out);
  // Writes `size` bytes from `data` into `buffer` in `iteration` of `engine`'s memory; `size`
  // must equal the region's bytes.
  void Scatter(const isa::Engine& engine, const isa::Buffer& buffer, uint32_t iteration,
               const uint8_t* data, uint64_t size);

 private:
  uint32_t rows_;
  std::vector<uint8_t> ddr_;
  std::vector<std::vector<uint8_t>> memtiles_;      // by column
  std::vector<std::vector<uint8_t>> cores_;         // column * rows + row
  std::vector<std::vector<int32_t>> accumulators_;  // column * rows + row
};

}  // namespace aie2sim::model
