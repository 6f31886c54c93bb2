#include "sim/arch/config_hash.h"

#include <cstdint>
#include <cstdio>
#include <sstream>

namespace aie2sim::arch {
namespace {

void AppendDma(std::ostringstream& out, const char* name, const DmaParams& dma) {
  out << name << ".dma=" << dma.s2mm_channels << ',' << dma.mm2s_channels << ',' << dma.bds << ','
      << dma.address_dims << ';';
}

uint64_t Fnv1a64(const std::string& text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char byte : text) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

std::string ConfigHash(const HardwareConfig& config) {
  // Canonical text of exactly the fields the compiler reads; timing fields stay out.
  std::ostringstream text;
  text << "v" << config.version << ";array=" << config.array.rows << 'x' << config.array.columns
       << ";core.mem=" << config.core.memory_bytes << '/' << config.core.memory_banks
       << ";core.buf=" << config.core.buffers.input_bytes << ',' << config.core.buffers.output_bytes
       << ',' << config.core.buffers.weight_bytes << ',' << config.core.buffers.scratch_bytes
       << ";core.locks=" << config.core.locks << ';';
  AppendDma(text, "core", config.core.dma);
  text << "memtile.mem=" << config.memtile.memory_bytes << '/' << config.memtile.memory_banks
       << ";memtile.locks=" << config.memtile.locks << ';';
  AppendDma(text, "memtile", config.memtile.dma);
  text << "shim.locks=" << config.shim.locks << ';';
  AppendDma(text, "shim", config.shim.dma);
  text << "ddr.size=" << config.ddr.size_bytes << ';';
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(Fnv1a64(text.str())));
  return hex;
}

}  // namespace aie2sim::arch
