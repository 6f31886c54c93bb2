// Where the SystemC model sends its timeline: one track per engine, complete slices on it.
//
// Contract: tracks are declared first (AddTrack, at elaboration; cheap, emits nothing by
// itself), then slices arrive in any time order while the simulation runs, then Close finishes
// the output exactly once. A slice's name is its mnemonic (LOADFM, RECV, COMP CONV, wait L2...).
// Implementations may buffer but should stream: a whole network's trace must not have to fit in
// memory twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <systemc>

namespace aie2sim::trace {

using TrackId = uint32_t;

// What a slice carries besides its name and time span.
struct SliceArgs {
  std::string_view layer;
  std::string_view group;
  int64_t iteration = -1;       // 0-based; -1 for a slice covering a whole group
  const char* amount_key = "";  // "bytes" or "macs"; empty for none
  uint64_t amount = 0;
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;

  // Declares the track of thread `thread` (tid) in process `process` (pid), e.g. a DMA channel
  // "s2mm0" of tile "core(1,2)". Returns the id slices name it by.
  virtual TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                           const std::string& thread) = 0;
  // A complete slice [start, start + duration) on `track`.
  virtual void Slice(TrackId track, std::string_view name, sc_core::sc_time start,
                     sc_core::sc_time duration, const SliceArgs& args) = 0;
  // Finishes the output; no Slice may follow.
  virtual void Close() = 0;
};

}  // namespace aie2sim::trace
