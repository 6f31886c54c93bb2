// One point of the silicon reference suite (tests/silicon/*.yaml): a published measurement on
// real AIE2 silicon and what the simulation compares with it.
//
// File format (every key known, none twice; errors "file:line: key: problem", exit 2):
//   id: D4-memtile-hop              unique in the suite
//   role: calibration               calibration (parameters are set from it) | held_out (a whole
//                                   design, predicted, never used to set anything) |
//                                   not_modelled (kept, excluded from every statistic)
//   what: "..."                     one line
//   device: {name: "...", arch: npu1, clock_mhz: 1000, clock: stated | inferred}
//   run:                            not for not_modelled points
//     design: ../../workloads/designs/passthrough.yaml   relative to this file
//     params: {N: 16}               --param K=V of `aie2sim run --design`
//     pending: "..."                optional: the design file does not exist yet, and why
//   measured:
//     value: 13
//     unit: cycles                  s | ms | us | cycles | B/cycle | GB/s | MAC/cycle
//     timing: trace | host          a trace count in array cycles, or a host wall-clock time
//     warmup: 0                     warm-up runs before the measured ones, or unknown
//     iterations: 1                 measured runs averaged, or unknown (the source is silent)
//     spread: {low: 102.1, high: 135.7}   optional: the source's own spread of the figure
//   observable: {kind: between, from: {engine, slice, edge, occurrence}, to: {...}}
//               {kind: pair_cycles, from: {engine, slice}, to: {engine, slice}, skip}
//               {kind: slice_cycles | start_spacing, engine, slice, skip}
//               {kind: rate, engine, slice, amount: bytes | macs, over: busy | span}  {kind:
//               host_time | array_time}
//   reason: "..."                   not_modelled only: what the model cannot express
//   source: "paper id + table, or repository + path + commit"
//   note: "..."                     optional
//
// The tolerance follows one written rule (Tolerance below), never chosen per point.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/trace/observable.h"

namespace aie2sim::silicon {

enum class Role { kCalibration, kHeldOut, kNotModelled };
enum class Timing { kTrace, kHost };

const char* RoleName(Role role);

struct Device {
  std::string name;
  std::string arch;  // a config preset or path, as --arch takes it
  double clock_mhz = 0;
  bool clock_inferred = false;
};

struct RunSpec {
  std::string design;  // resolved path (relative to the entry's folder in the file)
  std::vector<std::pair<std::string, std::string>> params;  // in file order
  std::string pending;  // non-empty: the design is not written yet (why)
};

struct Measurement {
  double value = 0;
  std::string unit;
  Timing timing = Timing::kTrace;
  int64_t warmup = 0;      // -1: unknown
  int64_t iterations = 1;  // -1: unknown
  std::optional<double> spread_low;
  std::optional<double> spread_high;
};

// The band a simulated value must fall in: the source's spread when it states one, else
// +-25% of the measurement for host-timed points and +-10% for trace-cycle points.
struct Tolerance {
  double low = 0;
  double high = 0;
  std::string rule;  // "source spread" | "host +-25%" | "trace +-10%"
};

struct SuiteEntry {
  std::string file;
  std::string id;
  Role role = Role::kCalibration;
  std::string what;
  Device device;
  std::optional<RunSpec> run;  // absent for not_modelled points
  Measurement measured;
  std::optional<trace::Observable> observable;  // absent for not_modelled points
  std::string reason;                           // not_modelled
  std::string source;
  std::string note;
};

SuiteEntry LoadSuiteEntry(const std::string& path);

Tolerance ToleranceOf(const Measurement& measured);

// The factor turning a value in the observable's unit into `unit` at `clock_hz` (times to
// s/ms/us, B/cycle to GB/s); UserError naming `where` when the units do not convert.
double UnitFactor(const std::string& from_unit, const std::string& to_unit, double clock_hz,
                  const std::string& where);

}  // namespace aie2sim::silicon
