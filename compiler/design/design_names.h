// What a design's locks and routes stand for, so that a simulation's messages about a lowered
// design (a deadlock's blocked engines) name its FIFOs, not only lock and route numbers.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace aie2sim::design {

struct DesignNames {
  // "core(0,0) L1" (program tile names, isa::TileName) -> "fifo in: full".
  std::map<std::string, std::string> locks;
  std::map<uint32_t, std::string> routes;  // route id -> "fifo in"
  // "core(0,0) L1" -> the ring whose objects the lock counts.
  std::map<std::string, uint32_t> lock_rings;
};

// `text` with every "E waits for acquire [T.]L<id>>=v (value x)" followed by " [fifo F: free]"
// and every "route <id>" by " [fifo F]", where the names know them.
std::string NameDesignParts(const std::string& text, const DesignNames& names);

}  // namespace aie2sim::design
