// The TraceSink that feeds a TimelineRecord (timeline_record.h): SystemC times to picoseconds.
#pragma once

#include <cmath>

#include "sim/trace/timeline_record.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::trace {

class RecordingSink : public TraceSink {
 public:
  // `record` must outlive the sink.
  explicit RecordingSink(TimelineRecord& record) : record_(record) {}

  TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                   const std::string& thread) override {
    return record_.AddTrack(pid, process, tid, thread);
  }
  void Slice(TrackId track, std::string_view name, sc_core::sc_time start,
             sc_core::sc_time duration, const SliceArgs& args) override {
    record_.AddSlice(track, name, Picoseconds(start), Picoseconds(duration), args);
  }
  void Close() override { record_.Finish(); }

 private:
  // Exact: a double holds every picosecond count below 2^53 (about 2.5 hours).
  static int64_t Picoseconds(sc_core::sc_time time) {
    return static_cast<int64_t>(std::llround(time.to_seconds() * 1e12));
  }

  TimelineRecord& record_;
};

}  // namespace aie2sim::trace
