// What a silicon-suite point compares with its measurement, read from the simulation's event
// record (the slices the model sends to its TraceSink), never computed beside it.
//
// Engines are named as the model names them ("shim(0).mm2s0", "memtile(0).s2mm1",
// "core(0,0).proc"); a slice by its mnemonic ("LOAD", "RECV", "LOADFM", "COMP eltwise_i16",
// "acq L2"; see sim/isa/listing.h). Both are shell-style patterns (fnmatch: "core(*).proc",
// "COMP *"). An acquire makes a slice only when it had to wait.
#pragma once

#include <cstdint>
#include <string>

namespace aie2sim::trace {

enum class ObservableKind {
  kHostTime,      // from the host's submission (time 0) to the end of the run, dispatch included
  kArrayTime,     // from the first slice's start to the last slice's end on any engine
  kBetween,       // cycles from event `from` to event `to`
  kSliceCycles,   // mean duration of the matching slices (after `skip`), cycles: per kernel call
  kStartSpacing,  // mean cycles between consecutive starts of the matching slices (after `skip`)
  kPairCycles,    // mean cycles from the start of the k-th `from` slice to the end of the k-th
                  // `to` slice, over k after `skip` (e.g. a shim task: TASK start -> LOAD end)
  kRate,          // amount (bytes or MACs) of the matching slices per cycle of their durations,
                  // or (span) per cycle from the first one's start to the last one's end
};

enum class Edge { kStart, kEnd };

// One event: the start or end of the `occurrence`-th (1-based, in time order; 0 = the last)
// slice named `slice` on an engine named `engine`.
struct EventSpec {
  std::string engine;
  std::string slice;
  Edge edge = Edge::kEnd;
  uint32_t occurrence = 1;
};

struct Observable {
  ObservableKind kind = ObservableKind::kHostTime;
  EventSpec from;  // kBetween
  EventSpec to;    // kBetween
  // kSliceCycles, kStartSpacing, kRate: the slices observed.
  std::string engine;
  std::string slice;
  uint32_t skip = 0;  // leading slices (in time order) left out: a warm-up
  bool macs = false;  // kRate: MACs instead of bytes
  bool span = false;  // kRate: over the span of the slices (aggregate), not their durations
};

// "host_time", "array_time", "between", "slice_cycles", "start_spacing", "rate".
const char* ObservableKindName(ObservableKind kind);
// The unit of the observed value: "s" (times), "cycles", "B/cycle" or "MAC/cycle".
const char* ObservableUnit(const Observable& observable);
// One line for tables and reports, e.g. "between memtile(0).s2mm0 RECV#1 end -> ...".
std::string DescribeObservable(const Observable& observable);

}  // namespace aie2sim::trace
