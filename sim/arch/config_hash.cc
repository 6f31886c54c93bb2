#include "sim/arch/config_hash.h"

#include <cstdint>
#include <cstdio>

#include "sim/arch/config_schema.h"

namespace aie2sim::arch {
namespace {

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
  // Canonical text "key=value;" of the schema's compiled keys, in schema order.
  std::string text;
  for (const ConfigParam& param : ConfigSchema()) {
    if (param.compiled()) text += param.key() + '=' + param.ValueText(config) + ';';
  }
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(Fnv1a64(text)));
  return hex;
}

}  // namespace aie2sim::arch
