#include "sim/trace/observer.h"

#include <fnmatch.h>

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::trace {
namespace {

bool Matches(const std::string& pattern, std::string_view text) {
  return fnmatch(pattern.c_str(), std::string(text).c_str(), 0) == 0;
}

}  // namespace

Observer::Observer(Observable observable, double clock_hz)
    : observable_(std::move(observable)), clock_hz_(clock_hz) {
  AIE2SIM_CHECK(clock_hz_ > 0, "an observer needs a positive clock");
}

uint32_t Observer::AddEngine(const std::string& name) {
  EngineMatch match;
  if (observable_.kind == ObservableKind::kBetween ||
      observable_.kind == ObservableKind::kPairCycles) {
    match.from = Matches(observable_.from.engine, name);
    match.to = Matches(observable_.to.engine, name);
  } else {
    match.main = Matches(observable_.engine, name);
  }
  engines_.push_back(match);
  return static_cast<uint32_t>(engines_.size() - 1);
}

void Observer::Slice(uint32_t engine, std::string_view name, double start_s, double duration_s,
                     std::string_view amount_key, uint64_t amount) {
  AIE2SIM_CHECK(engine < engines_.size(), "a slice on an undeclared engine");
  const double end = start_s + duration_s;
  if (first_start_ < 0 || start_s < first_start_) first_start_ = start_s;
  last_end_ = std::max(last_end_, end);
  const EngineMatch& match = engines_[engine];
  const Span span{start_s, duration_s};
  if (match.from && Matches(observable_.from.slice, name)) {
    from_spans_.push_back(span);
    ++matched_;
  }
  if (match.to && Matches(observable_.to.slice, name)) {
    to_spans_.push_back(span);
    ++matched_;
  }
  if (match.main && Matches(observable_.slice, name)) {
    main_spans_.push_back(span);
    if (amount_key == (observable_.macs ? "macs" : "bytes")) {
      amount_ += static_cast<double>(amount);
    }
    ++matched_;
  }
}

void Observer::RunEnded(double end_s) { run_end_ = end_s; }

void Observer::Fail(const std::string& problem) const {
  throw UserError(DescribeObservable(observable_) + ": " + problem);
}

std::vector<Observer::Span> Observer::Sorted(std::vector<Span> spans) const {
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.start < b.start; });
  return spans;
}

double Observer::EventTime(const EventSpec& spec, std::vector<Span> spans) const {
  if (spans.empty()) Fail("no slice " + spec.slice + " on " + spec.engine);
  spans = Sorted(std::move(spans));
  if (spec.occurrence > spans.size()) {
    Fail("asks for occurrence " + std::to_string(spec.occurrence) + " of " + spec.slice + " on " +
         spec.engine + ", the run has " + std::to_string(spans.size()));
  }
  const Span& span = spec.occurrence == 0 ? spans.back() : spans[spec.occurrence - 1];
  return spec.edge == Edge::kStart ? span.start : span.start + span.duration;
}

double Observer::Value() const {
  switch (observable_.kind) {
    case ObservableKind::kHostTime:
      return std::max(run_end_, last_end_);
    case ObservableKind::kArrayTime:
      if (first_start_ < 0) Fail("the run has no slice");
      return last_end_ - first_start_;
    case ObservableKind::kBetween:
      return (EventTime(observable_.to, to_spans_) - EventTime(observable_.from, from_spans_)) *
             clock_hz_;
    case ObservableKind::kPairCycles:
      return PairCycles();
    default:
      break;
  }
  const std::vector<Span> all = Sorted(main_spans_);
  if (all.size() <= observable_.skip) {
    Fail("needs more than " + std::to_string(observable_.skip) + " slices " + observable_.slice +
         " on " + observable_.engine + ", the run has " + std::to_string(all.size()));
  }
  const std::vector<Span> kept(all.begin() + observable_.skip, all.end());
  double busy = 0;
  for (const Span& span : kept) busy += span.duration;
  if (observable_.kind == ObservableKind::kSliceCycles) {
    return busy * clock_hz_ / static_cast<double>(kept.size());
  }
  if (observable_.kind == ObservableKind::kStartSpacing) {
    if (kept.size() < 2)
      Fail("needs two slices to space, the run has " + std::to_string(kept.size()));
    return (kept.back().start - kept.front().start) * clock_hz_ /
           static_cast<double>(kept.size() - 1);
  }
  // kRate: the amount of every matching slice (a warm-up skip does not apply to amounts).
  if (observable_.skip > 0) Fail("rate takes no skip");
  double span = 0;
  for (const Span& s : kept) span = std::max(span, s.start + s.duration);
  span -= kept.front().start;
  const double cycles = (observable_.span ? span : busy) * clock_hz_;
  if (cycles <= 0) Fail("the matching slices take no time");
  return amount_ / cycles;
}

double Observer::PairCycles() const {
  const std::vector<Span> from = Sorted(from_spans_);
  const std::vector<Span> to = Sorted(to_spans_);
  const size_t pairs = std::min(from.size(), to.size());
  if (pairs <= observable_.skip) {
    Fail("needs more than " + std::to_string(observable_.skip) + " pairs, the run has " +
         std::to_string(pairs) + " (" + std::to_string(from.size()) + " " + observable_.from.slice +
         ", " + std::to_string(to.size()) + " " + observable_.to.slice + ")");
  }
  double sum = 0;
  for (size_t k = observable_.skip; k < pairs; ++k) {
    sum += to[k].start + to[k].duration - from[k].start;
  }
  return sum * clock_hz_ / static_cast<double>(pairs - observable_.skip);
}

}  // namespace aie2sim::trace
