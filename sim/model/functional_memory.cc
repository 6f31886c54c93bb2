#include "sim/model/functional_memory.h"

#include <algorithm>
#include <cstring>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/isa/region_walk.h"

namespace aie2sim::model {

FunctionalMemory::FunctionalMemory(const arch::HardwareConfig& config, const isa::Program& program)
    : rows_(config.array.rows) {
  if (!program.has_functional()) {
    throw UserError("program " + program.workload() +
                    ": has no functional data (compile it with --functional)");
  }
  const isa::FunctionalData& data = program.functional();
  if (data.ddr_bytes() > config.ddr.size_bytes) {
    throw ProgramError("functional DDR image of " + std::to_string(data.ddr_bytes()) +
                       " bytes exceeds ddr.size_bytes " + std::to_string(config.ddr.size_bytes));
  }
  ddr_.assign(data.ddr_bytes(), 0);
  for (const isa::DdrInit& init : data.ddr()) {
    if (init.address() > ddr_.size() || init.data().size() > ddr_.size() - init.address()) {
      throw ProgramError(
          "functional DDR contents '" + init.what() + "' at " + std::to_string(init.address()) +
          " (" + std::to_string(init.data().size()) + " bytes) outside the functional DDR (" +
          std::to_string(ddr_.size()) + " bytes)");
    }
    std::memcpy(ddr_.data() + init.address(), init.data().data(), init.data().size());
  }
  const size_t columns = config.array.columns;
  memtiles_.assign(columns, std::vector<uint8_t>(config.memtile.memory_bytes, 0));
  cores_.assign(columns * rows_, std::vector<uint8_t>(config.core.memory_bytes, 0));
  accumulators_.assign(columns * rows_,
                       std::vector<int32_t>(config.core.buffers.scratch_bytes / 4, 0));
}

std::vector<uint8_t>& FunctionalMemory::MemoryOf(const isa::Engine& engine) {
  switch (engine.tile()) {
    case isa::SHIM:
      return ddr_;
    case isa::MEMTILE:
      return memtiles_.at(engine.column());
    case isa::CORE:
      AIE2SIM_PROGRAM_CHECK(engine.row() < rows_, isa::EngineName(engine) + " outside the array");
      return cores_.at(static_cast<size_t>(engine.column()) * rows_ + engine.row());
    default:
      throw InternalError("an engine without a tile kind");
  }
}

std::vector<int32_t>& FunctionalMemory::AccumulatorOf(uint32_t row, uint32_t column) {
  AIE2SIM_PROGRAM_CHECK(row < rows_, "core row outside the array");
  return accumulators_.at(static_cast<size_t>(column) * rows_ + row);
}

namespace {

[[noreturn]] void OutOfBounds(const isa::Engine& engine, int64_t address, int64_t length,
                              size_t size) {
  throw ProgramError(isa::EngineName(engine) + ": access to bytes [" + std::to_string(address) +
                     ", " + std::to_string(address + length) + ") outside its memory of " +
                     std::to_string(size) + " bytes");
}

}  // namespace

void FunctionalMemory::Gather(const isa::Engine& engine, const isa::Buffer& buffer,
                              uint32_t iteration, std::vector<uint8_t>* out) {
  const std::vector<uint8_t>& memory = MemoryOf(engine);
  const int64_t size = static_cast<int64_t>(memory.size());
  isa::ForEachRun(
      buffer.region(), isa::BufferAddress(buffer, iteration), [&](int64_t address, int64_t length) {
        if (address < 0 || address + length > size) {
          OutOfBounds(engine, address, length, memory.size());
        }
        out->insert(out->end(), memory.begin() + address, memory.begin() + address + length);
      });
}

void FunctionalMemory::Scatter(const isa::Engine& engine, const isa::Buffer& buffer,
                               uint32_t iteration, const uint8_t* data, uint64_t size) {
  AIE2SIM_PROGRAM_CHECK(isa::RegionBytes(buffer.region()) == size,
                        isa::EngineName(engine) + ": " + std::to_string(size) +
                            " bytes arrive for a region of " +
                            std::to_string(isa::RegionBytes(buffer.region())));
  std::vector<uint8_t>& memory = MemoryOf(engine);
  const int64_t limit = static_cast<int64_t>(memory.size());
  uint64_t taken = 0;
  isa::ForEachRun(buffer.region(), isa::BufferAddress(buffer, iteration),
                  [&](int64_t address, int64_t length) {
                    if (address < 0 || address + length > limit) {
                      OutOfBounds(engine, address, length, memory.size());
                    }
                    std::memcpy(memory.data() + address, data + taken, static_cast<size_t>(length));
                    taken += static_cast<uint64_t>(length);
                  });
}

}  // namespace aie2sim::model
