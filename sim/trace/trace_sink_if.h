// Where the SystemC model sends its timeline: one track per engine, complete slices on it.
//
// Contract: tracks are declared first (AddTrack, at elaboration; cheap, emits nothing by
// itself), then slices arrive in any time order while the simulation runs, then Close finishes
// the output exactly once. A slice's name is its mnemonic (LOADFM, RECV, COMP CONV, acq L2...);
// its arguments say everything a consumer needs (what moved, from where to where, which layer,
// group and iteration, how many bytes or MACs), so that no consumer has to look anything up in
// the program. Implementations may buffer but should stream or aggregate: a whole network's
// timeline must not have to fit in memory twice. Several consumers take the same slices through
// a TraceFanOut (fan_out_sink.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <systemc>

#include "sim/trace/slice.h"

namespace aie2sim::trace {

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
