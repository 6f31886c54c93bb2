// The observation sink's logic (sim/trace/observer.h): every observable answered from slices
// given in any time order, and the exact error when the record lacks what one needs.
#include <gtest/gtest.h>

#include <string>

#include "sim/base/error.h"
#include "sim/trace/observer.h"

namespace aie2sim::trace {
namespace {

constexpr double kClock = 1e9;  // 1 GHz: a cycle is 1 ns
constexpr double kNs = 1e-9;

Observable Between(const std::string& from_engine, const std::string& from_slice, Edge from_edge,
                   const std::string& to_engine, const std::string& to_slice, Edge to_edge) {
  Observable observable;
  observable.kind = ObservableKind::kBetween;
  observable.from = {from_engine, from_slice, from_edge, 1};
  observable.to = {to_engine, to_slice, to_edge, 1};
  return observable;
}

Observable OnSlices(ObservableKind kind, const std::string& engine, const std::string& slice,
                    uint32_t skip = 0) {
  Observable observable;
  observable.kind = kind;
  observable.engine = engine;
  observable.slice = slice;
  observable.skip = skip;
  return observable;
}

std::string ValueError(const Observer& observer) {
  try {
    observer.Value();
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Observer, BetweenTwoEnginesTakesTheNamedOccurrenceInTimeOrder) {
  Observer observer(
      Between("memtile(0).s2mm0", "RECV", Edge::kEnd, "memtile(0).mm2s0", "LOADFM", Edge::kEnd),
      kClock);
  const uint32_t s2mm = observer.AddEngine("memtile(0).s2mm0");
  const uint32_t mm2s = observer.AddEngine("memtile(0).mm2s0");
  const uint32_t other = observer.AddEngine("core(0,0).s2mm0");
  // Out of time order, as the model may emit them; the other engine's RECV does not count.
  observer.Slice(mm2s, "LOADFM", 120 * kNs, 20 * kNs, "bytes", 64);  // ends at 140
  observer.Slice(s2mm, "RECV", 200 * kNs, 16 * kNs, "bytes", 64);    // the second RECV
  observer.Slice(s2mm, "RECV", 100 * kNs, 27 * kNs, "bytes", 64);    // the first: ends at 127
  observer.Slice(other, "RECV", 0, 5 * kNs, "bytes", 64);
  observer.RunEnded(300 * kNs);
  EXPECT_NEAR(observer.Value(), 13, 1e-9);
  EXPECT_EQ(observer.matched(), 3u);
}

TEST(Observer, LastOccurrenceAndStartEdge) {
  Observable observable =
      Between("shim(0).mm2s0", "LOAD*", Edge::kStart, "shim(0).mm2s0", "LOAD*", Edge::kStart);
  observable.to.occurrence = 0;        // the last
  Observer observer(observable, 2e9);  // 2 GHz: 2 cycles per ns
  const uint32_t shim = observer.AddEngine("shim(0).mm2s0");
  observer.Slice(shim, "LOADW", 10 * kNs, 5 * kNs, "bytes", 256);
  observer.Slice(shim, "LOAD", 50 * kNs, 5 * kNs, "bytes", 256);
  observer.Slice(shim, "LOAD", 30 * kNs, 5 * kNs, "bytes", 256);
  EXPECT_NEAR(observer.Value(), (50 - 10) * 2, 1e-9);
}

TEST(Observer, SliceCyclesAndStartSpacingSkipTheWarmUp) {
  Observer cycles(OnSlices(ObservableKind::kSliceCycles, "shim(0).s2mm0", "RECV", 1), kClock);
  Observer spacing(OnSlices(ObservableKind::kStartSpacing, "shim(0).s2mm0", "RECV", 1), kClock);
  for (Observer* observer : {&cycles, &spacing}) {
    const uint32_t shim = observer->AddEngine("shim(0).s2mm0");
    observer->Slice(shim, "RECV", 0, 1000 * kNs, "bytes", 256);  // the cold first task
    observer->Slice(shim, "RECV", 2800 * kNs, 240 * kNs, "bytes", 256);
    observer->Slice(shim, "RECV", 5600 * kNs, 250 * kNs, "bytes", 256);
    observer->Slice(shim, "RECV", 8500 * kNs, 245 * kNs, "bytes", 256);
  }
  EXPECT_NEAR(cycles.Value(), 245, 1e-9);
  EXPECT_NEAR(spacing.Value(), (8500 - 2800) / 2.0, 1e-9);
}

TEST(Observer, PairCyclesPairTheKthStartWithTheKthEnd) {
  // A shim task: its TASK slice (start cost and setup) then its transfer; the first is cold.
  Observable observable;
  observable.kind = ObservableKind::kPairCycles;
  observable.from = {"shim(0).mm2s0", "TASK", Edge::kStart, 1};
  observable.to = {"shim(0).mm2s0", "LOAD*", Edge::kEnd, 1};
  observable.skip = 1;
  Observer observer(observable, kClock);
  const uint32_t shim = observer.AddEngine("shim(0).mm2s0");
  for (int task = 0; task < 3; ++task) {
    const double start = task * 3000 * kNs;
    const double cost = (task == 0 ? 700 : 250) * kNs;
    observer.Slice(shim, "TASK", start, cost, "", 0);
    observer.Slice(shim, "LOAD", start + cost, (task == 2 ? 70 : 64) * kNs, "bytes", 256);
  }
  EXPECT_NEAR(observer.Value(), (314 + 320) / 2.0, 1e-9);
  EXPECT_EQ(DescribeObservable(observable),
            "pair_cycles shim(0).mm2s0 TASK start -> shim(0).mm2s0 LOAD* end skip 1");
}

TEST(Observer, RateOverBusyTimeAndOverTheSpan) {
  Observable busy = OnSlices(ObservableKind::kRate, "shim(*).mm2s*", "LOAD*");
  Observable span = busy;
  span.span = true;
  Observer per_channel(busy, kClock);
  Observer aggregate(span, kClock);
  for (Observer* observer : {&per_channel, &aggregate}) {
    const uint32_t a = observer->AddEngine("shim(0).mm2s0");
    const uint32_t b = observer->AddEngine("shim(1).mm2s1");
    const uint32_t core = observer->AddEngine("core(0,0).proc");
    observer->Slice(a, "LOAD", 0, 100 * kNs, "bytes", 400);
    observer->Slice(b, "LOAD", 0, 100 * kNs, "bytes", 400);
    observer->Slice(core, "COMP mm_i8_i32", 0, 100 * kNs, "macs", 1000000);
  }
  EXPECT_NEAR(per_channel.Value(), 4, 1e-9);  // 800 B over 200 busy cycles
  EXPECT_NEAR(aggregate.Value(), 8, 1e-9);    // 800 B over a span of 100 cycles

  Observable macs = OnSlices(ObservableKind::kRate, "core(0,0).proc", "COMP *");
  macs.macs = true;
  Observer kernel(macs, kClock);
  const uint32_t proc = kernel.AddEngine("core(0,0).proc");
  kernel.Slice(proc, "COMP mm_i8_i32", 0, 100 * kNs, "macs", 19200);
  kernel.Slice(proc, "acq L1", 100 * kNs, 50 * kNs, "", 0);
  EXPECT_NEAR(kernel.Value(), 192, 1e-9);
}

TEST(Observer, HostTimeIncludesTheRunEndAndArrayTimeSpansTheSlices) {
  Observable host;
  host.kind = ObservableKind::kHostTime;
  Observable array;
  array.kind = ObservableKind::kArrayTime;
  Observer host_observer(host, kClock);
  Observer array_observer(array, kClock);
  for (Observer* observer : {&host_observer, &array_observer}) {
    const uint32_t shim = observer->AddEngine("shim(0).mm2s0");
    observer->Slice(shim, "LOAD", 100e-6, 2e-6, "bytes", 4096);  // after a 100 us dispatch
    observer->Slice(shim, "LOAD", 103e-6, 2e-6, "bytes", 4096);
    observer->RunEnded(110e-6);  // completion signalled after the last slice
  }
  EXPECT_NEAR(host_observer.Value(), 110e-6, 1e-15);
  EXPECT_NEAR(array_observer.Value(), 5e-6, 1e-15);
}

TEST(Observer, MissingEventsAreOneLineErrorsNamingTheObservable) {
  Observer none(
      Between("memtile(0).s2mm0", "RECV", Edge::kEnd, "core(0,0).proc", "acq *", Edge::kEnd),
      kClock);
  const uint32_t memtile = none.AddEngine("memtile(0).s2mm0");
  none.AddEngine("core(0,0).proc");
  none.Slice(memtile, "RECV", 0, 10 * kNs, "bytes", 64);
  EXPECT_EQ(ValueError(none),
            "between memtile(0).s2mm0 RECV#1 end -> core(0,0).proc acq *#1 end: no slice acq * "
            "on core(0,0).proc");

  Observable third =
      Between("memtile(0).s2mm0", "RECV", Edge::kEnd, "memtile(0).s2mm0", "RECV", Edge::kEnd);
  third.to.occurrence = 3;
  Observer few(third, kClock);
  const uint32_t engine = few.AddEngine("memtile(0).s2mm0");
  few.Slice(engine, "RECV", 0, 10 * kNs, "bytes", 64);
  EXPECT_EQ(ValueError(few),
            "between memtile(0).s2mm0 RECV#1 end -> memtile(0).s2mm0 RECV#3 end: asks for "
            "occurrence 3 of RECV on memtile(0).s2mm0, the run has 1");

  Observer spacing(OnSlices(ObservableKind::kStartSpacing, "shim(0).mm2s0", "LOAD*", 1), kClock);
  const uint32_t shim = spacing.AddEngine("shim(0).mm2s0");
  spacing.Slice(shim, "LOAD", 0, 10 * kNs, "bytes", 64);
  EXPECT_EQ(ValueError(spacing),
            "start_spacing shim(0).mm2s0 LOAD* skip 1: needs more than 1 slices LOAD* on "
            "shim(0).mm2s0, the run has 1");

  Observable array;
  array.kind = ObservableKind::kArrayTime;
  EXPECT_EQ(ValueError(Observer(array, kClock)), "array_time: the run has no slice");
}

}  // namespace
}  // namespace aie2sim::trace
