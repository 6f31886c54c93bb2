// libFuzzer target: the strict hardware-config loader (arch::ParseHardwareConfig).
// Input: YAML text. Leading lines "#set KEY=VALUE" (YAML comments, so seeds stay valid YAML)
// are also passed as --set overrides, so the override parser is fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/arch/config_hash.h"
#include "sim/arch/config_loader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  size_t line_start = 0;
  while (text.compare(line_start, 5, "#set ") == 0) {
    const size_t end = text.find('\n', line_start);
    overrides.push_back(text.substr(
        line_start + 5, end == std::string::npos ? std::string::npos : end - line_start - 5));
    if (end == std::string::npos) break;
    line_start = end + 1;
  }
  aie2sim::fuzz::RunExpectingOnlyUserError([&] {
    const aie2sim::arch::HardwareConfig config =
        aie2sim::arch::ParseHardwareConfig(text, "fuzz.yaml", overrides);
    (void)aie2sim::arch::ConfigHash(config);  // every accepted config must hash
  });
  return 0;
}
