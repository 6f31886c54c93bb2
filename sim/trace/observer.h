// Answers one Observable from the slices of a simulation, as they arrive (pure logic: no
// SystemC; sim/trace/observation_sink.h feeds it from the model).
//
// Contract: engines are declared first (AddEngine), then slices arrive in any time order, then
// RunEnded gives the end of the run (the design's finishing time), then Value answers. Only the
// slices the observable needs are kept (a handful per run), so observing costs no memory.
// Value throws UserError "<observable>: ..." when the record lacks what it needs (no matching
// slice, fewer occurrences than asked, a zero span): the observable does not fit the design.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/observable.h"

namespace aie2sim::trace {

class Observer {
 public:
  Observer(Observable observable, double clock_hz);

  // Declares engine `name`; returns the id slices name it by.
  uint32_t AddEngine(const std::string& name);
  // A slice [start_s, start_s + duration_s) on `engine`, carrying `amount` of `amount_key`
  // ("bytes", "macs" or "").
  void Slice(uint32_t engine, std::string_view name, double start_s, double duration_s,
             std::string_view amount_key, uint64_t amount);
  void RunEnded(double end_s);

  // The observed value in ObservableUnit(observable()).
  double Value() const;
  // The number of slices that matched the observable (for reports).
  uint64_t matched() const { return matched_; }
  const Observable& observable() const { return observable_; }

 private:
  struct EngineMatch {
    bool from = false;
    bool to = false;
    bool main = false;
  };
  struct Span {
    double start = 0;
    double duration = 0;
  };

  double EventTime(const EventSpec& spec, std::vector<Span> spans) const;
  double PairCycles() const;
  std::vector<Span> Sorted(std::vector<Span> spans) const;
  [[noreturn]] void Fail(const std::string& problem) const;

  Observable observable_;
  double clock_hz_;
  std::vector<EngineMatch> engines_;
  std::vector<Span> from_spans_;
  std::vector<Span> to_spans_;
  std::vector<Span> main_spans_;
  double amount_ = 0;
  double first_start_ = -1;
  double last_end_ = 0;
  double run_end_ = 0;
  uint64_t matched_ = 0;
};

}  // namespace aie2sim::trace
