#include "sim/trace/observable.h"

namespace aie2sim::trace {
namespace {

std::string DescribeEvent(const EventSpec& event) {
  return event.engine + " " + event.slice + "#" +
         (event.occurrence == 0 ? std::string("last") : std::to_string(event.occurrence)) + " " +
         (event.edge == Edge::kStart ? "start" : "end");
}

}  // namespace

const char* ObservableKindName(ObservableKind kind) {
  switch (kind) {
    case ObservableKind::kHostTime:
      return "host_time";
    case ObservableKind::kArrayTime:
      return "array_time";
    case ObservableKind::kBetween:
      return "between";
    case ObservableKind::kSliceCycles:
      return "slice_cycles";
    case ObservableKind::kStartSpacing:
      return "start_spacing";
    case ObservableKind::kPairCycles:
      return "pair_cycles";
    case ObservableKind::kRate:
      return "rate";
  }
  return "?";
}

const char* ObservableUnit(const Observable& observable) {
  switch (observable.kind) {
    case ObservableKind::kHostTime:
    case ObservableKind::kArrayTime:
      return "s";
    case ObservableKind::kRate:
      return observable.macs ? "MAC/cycle" : "B/cycle";
    default:
      return "cycles";
  }
}

std::string DescribeObservable(const Observable& observable) {
  const std::string kind = ObservableKindName(observable.kind);
  switch (observable.kind) {
    case ObservableKind::kHostTime:
    case ObservableKind::kArrayTime:
      return kind;
    case ObservableKind::kBetween:
      return kind + " " + DescribeEvent(observable.from) + " -> " + DescribeEvent(observable.to);
    case ObservableKind::kPairCycles:
      return kind + " " + observable.from.engine + " " + observable.from.slice + " start -> " +
             observable.to.engine + " " + observable.to.slice + " end" +
             (observable.skip > 0 ? " skip " + std::to_string(observable.skip) : "");
    default: {
      std::string text = kind + " " + observable.engine + " " + observable.slice;
      if (observable.kind == ObservableKind::kRate) {
        text += observable.macs ? " macs" : " bytes";
        text += observable.span ? " over span" : " over busy";
      }
      if (observable.skip > 0) text += " skip " + std::to_string(observable.skip);
      return text;
    }
  }
}

}  // namespace aie2sim::trace
