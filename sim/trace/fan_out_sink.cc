#include "sim/trace/fan_out_sink.h"

#include <exception>

#include "sim/base/error.h"

namespace aie2sim::trace {

void TraceFanOut::Add(TraceSink& sink) {
  AIE2SIM_CHECK(tracks_.empty(), "trace sink added after the first track");
  sinks_.push_back(&sink);
}

TrackId TraceFanOut::AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                              const std::string& thread) {
  std::vector<TrackId> ids;
  ids.reserve(sinks_.size());
  for (TraceSink* sink : sinks_) ids.push_back(sink->AddTrack(pid, process, tid, thread));
  tracks_.push_back(std::move(ids));
  return static_cast<TrackId>(tracks_.size() - 1);
}

void TraceFanOut::Slice(TrackId track, std::string_view name, sc_core::sc_time start,
                        sc_core::sc_time duration, const SliceArgs& args) {
  AIE2SIM_CHECK(track < tracks_.size(), "unknown trace track");
  const std::vector<TrackId>& ids = tracks_[track];
  for (size_t i = 0; i < sinks_.size(); ++i) sinks_[i]->Slice(ids[i], name, start, duration, args);
}

void TraceFanOut::Close() {
  std::exception_ptr first;
  for (TraceSink* sink : sinks_) {
    try {
      sink->Close();
    } catch (...) {
      if (!first) first = std::current_exception();
    }
  }
  if (first) std::rethrow_exception(first);
}

}  // namespace aie2sim::trace
