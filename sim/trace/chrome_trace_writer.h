// A TraceSink writing Chrome trace-event JSON (opens in Perfetto and chrome://tracing).
//
// Output: {"traceEvents":[...],"displayTimeUnit":"ns"} with one "X" (complete) event per slice,
// ts and dur in microseconds, pid = tile, tid = engine, args {layer, group, iteration, bytes or
// macs, mnemonic, kind, from, to}; plus "M" metadata events naming each process and thread, written
// just before the first slice of a track, so tracks that stay empty (filtered layers, idle engines)
// cost nothing. Events are streamed to the file as they come; only the track table is kept. The
// file appears only when Close succeeds (sim/base/output_file.h): a writer destroyed before that
// leaves the path as it was.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/base/output_file.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::trace {

class ChromeTraceWriter : public TraceSink {
 public:
  // Opens `path` for writing; throws UserError "path: cannot write: reason" when it cannot.
  explicit ChromeTraceWriter(const std::string& path);

  TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                   const std::string& thread) override;
  void Slice(TrackId track, std::string_view name, sc_core::sc_time start,
             sc_core::sc_time duration, const SliceArgs& args) override;
  // Writes the closing of the JSON document and puts the file in place; throws UserError if
  // writing failed.
  void Close() override;

  uint64_t slices_written() const { return slices_; }

 private:
  struct Track {
    uint32_t pid = 0;
    uint32_t tid = 0;
    std::string process;
    std::string thread;
    bool announced = false;  // its metadata events have been written
  };

  void Announce(Track& track);
  void WriteEvent(const std::string& json);

  OutputFile out_;
  std::vector<Track> tracks_;
  std::vector<uint32_t> announced_pids_;  // processes whose name is already written
  bool first_event_ = true;
  bool closed_ = false;
  uint64_t slices_ = 0;
};

}  // namespace aie2sim::trace
