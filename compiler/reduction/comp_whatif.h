// A what-if, not a measurement: the COMP time a multiplication count would take on a mesh if
// every core ran its int8 MACs at the config's peak rate, perfectly balanced, with no data
// movement, no kernel overhead and nothing else in the way (the paper's optimistic COMP term,
// PAPER.md §5, applied to a count). It shows what a method's saving could at best be worth.
#pragma once

#include <cstdint>
#include <string>

namespace aie2sim::reduction {

struct CompWhatIf {
  std::string config;          // the config's name
  int64_t cores = 1;           // rows x columns
  int64_t macs_per_cycle = 1;  // int8 MACs per cycle of one core
  double clock_hz = 1e9;

  // Seconds for `multiplications` (per image).
  double Seconds(double multiplications) const {
    return multiplications / (static_cast<double>(cores) * static_cast<double>(macs_per_cycle)) /
           clock_hz;
  }
};

}  // namespace aie2sim::reduction
