#include "sim/trace/chrome_trace_writer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sim/base/error.h"

namespace aie2sim::trace {
namespace {

double Microseconds(sc_core::sc_time time) { return time.to_seconds() * 1e6; }

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(const std::string& path) : out_(path) {
  out_.Write("{\"traceEvents\":[");
}

TrackId ChromeTraceWriter::AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                                    const std::string& thread) {
  tracks_.push_back(Track{pid, tid, process, thread, false});
  return static_cast<TrackId>(tracks_.size() - 1);
}

void ChromeTraceWriter::WriteEvent(const std::string& json) {
  if (!first_event_) out_.Write(",\n");
  first_event_ = false;
  out_.Write(json);
}

void ChromeTraceWriter::Announce(Track& track) {
  track.announced = true;
  if (std::find(announced_pids_.begin(), announced_pids_.end(), track.pid) ==
      announced_pids_.end()) {
    announced_pids_.push_back(track.pid);
    WriteEvent(nlohmann::json{{"ph", "M"},
                              {"name", "process_name"},
                              {"pid", track.pid},
                              {"args", {{"name", track.process}}}}
                   .dump());
    WriteEvent(nlohmann::json{{"ph", "M"},
                              {"name", "process_sort_index"},
                              {"pid", track.pid},
                              {"args", {{"sort_index", track.pid}}}}
                   .dump());
  }
  WriteEvent(nlohmann::json{{"ph", "M"},
                            {"name", "thread_name"},
                            {"pid", track.pid},
                            {"tid", track.tid},
                            {"args", {{"name", track.thread}}}}
                 .dump());
}

void ChromeTraceWriter::Slice(TrackId track_id, std::string_view name, sc_core::sc_time start,
                              sc_core::sc_time duration, const SliceArgs& args) {
  AIE2SIM_CHECK(!closed_, "trace slice after Close");
  AIE2SIM_CHECK(track_id < tracks_.size(), "unknown trace track");
  Track& track = tracks_[track_id];
  if (!track.announced) Announce(track);
  nlohmann::json event_args{{"layer", args.layer}, {"group", args.group}, {"mnemonic", name}};
  if (args.iteration >= 0) event_args["iteration"] = args.iteration;
  if (args.amount_key[0] != '\0') event_args[args.amount_key] = args.amount;
  event_args["kind"] = SliceKindName(args.kind);
  if (!args.from.empty()) event_args["from"] = args.from;
  if (!args.to.empty()) event_args["to"] = args.to;
  WriteEvent(nlohmann::json{{"ph", "X"},
                            {"name", name},
                            {"pid", track.pid},
                            {"tid", track.tid},
                            {"ts", Microseconds(start)},
                            {"dur", Microseconds(duration)},
                            {"args", std::move(event_args)}}
                 .dump());
  ++slices_;
}

void ChromeTraceWriter::Close() {
  if (closed_) return;
  closed_ = true;
  out_.Write("],\n\"displayTimeUnit\":\"ns\"}\n");
  out_.Commit();
}

}  // namespace aie2sim::trace
