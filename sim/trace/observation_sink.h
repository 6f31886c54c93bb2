// A TraceSink that feeds an Observer (observer.h): the simulation's slices, engine by engine,
// as the model emits them. It needs per-instruction slices of every layer (no layer filter).
#pragma once

#include <string>

#include "sim/trace/observer.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::trace {

class ObservationSink : public TraceSink {
 public:
  explicit ObservationSink(Observer& observer) : observer_(observer) {}

  // Engine "<process>.<thread>", as the model names it (e.g. "core(0,0)" + "proc").
  TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                   const std::string& thread) override {
    return observer_.AddEngine(process + "." + thread);
  }
  void Slice(TrackId track, std::string_view name, sc_core::sc_time start,
             sc_core::sc_time duration, const SliceArgs& args) override {
    observer_.Slice(track, name, start.to_seconds(), duration.to_seconds(), args.amount_key,
                    args.amount);
  }
  void Close() override {}

 private:
  Observer& observer_;
};

}  // namespace aie2sim::trace
