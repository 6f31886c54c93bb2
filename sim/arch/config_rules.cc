#include "sim/arch/config_rules.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim::arch {
namespace {

// The key to blame among `keys`: the one overridden last by --set, else `fallback`.
const ConfigEntry& Responsible(const ConfigTree& tree, const std::vector<std::string>& keys,
                               const std::string& fallback) {
  const ConfigEntry* blamed = &tree.leaves.at(fallback);
  int latest = -1;
  for (const std::string& key : keys) {
    const ConfigEntry& entry = tree.leaves.at(key);
    if (entry.override_index > latest) {
      latest = entry.override_index;
      blamed = &entry;
    }
  }
  return *blamed;
}

void CheckBuffersFit(const HardwareConfig& config, const ConfigTree& tree) {
  const CoreBuffers& buffers = config.core.buffers;
  struct Term {
    const char* key;
    uint64_t bytes;
    std::string text;
  };
  const std::vector<Term> terms = {
      {"core.buffers.input_bytes", 2 * buffers.input_bytes,
       "2*" + std::to_string(buffers.input_bytes)},
      {"core.buffers.output_bytes", 2 * buffers.output_bytes,
       "2*" + std::to_string(buffers.output_bytes)},
      {"core.buffers.weight_bytes", buffers.weight_bytes, std::to_string(buffers.weight_bytes)},
      {"core.buffers.scratch_bytes", buffers.scratch_bytes, std::to_string(buffers.scratch_bytes)},
  };
  uint64_t total = 0;  // each term is at most 2^33 (schema ranges), so no overflow
  std::string sum;
  const Term* largest = &terms[0];
  std::vector<std::string> keys = {"core.memory_bytes"};
  for (const Term& term : terms) {
    total += term.bytes;
    sum += (sum.empty() ? "" : " + ") + term.text;
    if (term.bytes > largest->bytes) largest = &term;
    keys.push_back(term.key);
  }
  if (total <= config.core.memory_bytes) return;
  const ConfigEntry& blamed = Responsible(tree, keys, largest->key);
  throw UserError(
      blamed.where + ": core buffers need " + sum + " = " + std::to_string(total) +
      " bytes, more than core.memory_bytes = " + std::to_string(config.core.memory_bytes));
}

void CheckBanksDivide(const ConfigTree& tree, const std::string& tile, uint64_t memory_bytes,
                      uint32_t banks) {
  if (memory_bytes % banks == 0) return;
  const std::string memory_key = tile + ".memory_bytes";
  const std::string banks_key = tile + ".memory_banks";
  const ConfigEntry& blamed = Responsible(tree, {memory_key, banks_key}, banks_key);
  throw UserError(blamed.where + ": " + std::to_string(banks) + " banks do not divide " +
                  memory_key + " = " + std::to_string(memory_bytes) + " evenly");
}

// A pinned kernel cycle count is a measurement: it must name its source.
void CheckKernelSources(const HardwareConfig& config, const ConfigTree& tree) {
  const std::pair<const char*, const KernelClassParams*> classes[] = {
      {"mm_i16_i32", &config.kernels.mm_i16_i32},
      {"mm_i8_i32", &config.kernels.mm_i8_i32},
      {"conv1x1_i8", &config.kernels.conv1x1_i8},
      {"eltwise_i16", &config.kernels.eltwise_i16},
      {"copy", &config.kernels.copy}};
  for (const auto& [name, params] : classes) {
    if (params->cycles_per_call == 0 || !params->source.empty()) continue;
    const std::string key = std::string("kernels.") + name;
    const ConfigEntry& blamed =
        Responsible(tree, {key + ".cycles_per_call", key + ".source"}, key + ".cycles_per_call");
    throw UserError(blamed.where + ": " + key + ".cycles_per_call is set but " + key +
                    ".source does not name where it was measured");
  }
}

}  // namespace

void CheckConfigRules(const HardwareConfig& config, const ConfigTree& tree) {
  CheckBuffersFit(config, tree);
  CheckBanksDivide(tree, "core", config.core.memory_bytes, config.core.memory_banks);
  CheckBanksDivide(tree, "memtile", config.memtile.memory_bytes, config.memtile.memory_banks);
  CheckKernelSources(config, tree);
}

}  // namespace aie2sim::arch
