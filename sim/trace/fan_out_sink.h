// A TraceSink that hands every track and slice to several sinks, so that one simulation feeds
// e.g. the Chrome trace file and the HTML report's in-memory record with the same events.
//
// Contract: sinks are added before the first AddTrack and outlive the fan-out. Close closes
// every sink, even when one of them throws, then rethrows the first failure.
#pragma once

#include <vector>

#include "sim/trace/trace_sink_if.h"

namespace aie2sim::trace {

class TraceFanOut : public TraceSink {
 public:
  void Add(TraceSink& sink);
  bool empty() const { return sinks_.empty(); }

  TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                   const std::string& thread) override;
  void Slice(TrackId track, std::string_view name, sc_core::sc_time start,
             sc_core::sc_time duration, const SliceArgs& args) override;
  void Close() override;

 private:
  std::vector<TraceSink*> sinks_;
  // Per track of the fan-out, its id in each sink (sinks may number tracks differently).
  std::vector<std::vector<TrackId>> tracks_;
};

}  // namespace aie2sim::trace
