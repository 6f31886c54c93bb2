// What a timeline slice carries besides its track and time span (sim/trace/trace_sink_if.h):
// plain data, no SystemC, so that consumers of a recorded timeline stay pure logic.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace aie2sim::trace {

using TrackId = uint32_t;

// What a slice is, in the paper's instruction classes (sim/isa/listing.h). A transfer's kind is
// the same on both its sides: the receiving side of a LOADFM is a LOADFM too.
enum class SliceKind : uint8_t {
  kLoad,     // DDR -> memtile (designs: -> core), activations
  kLoadW,    // DDR -> memtile, weights
  kLoadFm,   // memtile -> core, activations
  kLoadWm,   // memtile -> core, weights
  kCompute,  // a kernel call on a core
  kWriteFm,  // core -> memtile
  kWrite,    // memtile (designs: core) -> DDR
  kMove,     // any other path (memtile -> memtile, ...)
  kWait,     // blocked in a lock acquire
  kReload,   // the tile's buffer descriptors being rewritten before a group
  kOther,
};

inline constexpr std::array<const char*, 11> kSliceKindNames = {
    "LOAD",  "LOADW", "LOADFM", "LOADWM", "COMP", "WRITEFM",
    "WRITE", "MOVE",  "WAIT",   "RELOAD", "OTHER"};

inline const char* SliceKindName(SliceKind kind) {
  return kSliceKindNames[static_cast<size_t>(kind)];
}

// What a slice carries besides its name and time span.
struct SliceArgs {
  std::string_view layer;
  std::string_view group;
  int64_t iteration = -1;       // 0-based; -1 for a slice covering a whole group
  const char* amount_key = "";  // "bytes" or "macs"; empty for none
  uint64_t amount = 0;
  SliceKind kind = SliceKind::kOther;
  // A transfer's ends, as engine names (isa::EngineName): the sending engine and the receiving
  // one(s), a broadcast's space-separated; empty for anything else.
  std::string_view from;
  std::string_view to;
};

}  // namespace aie2sim::trace
