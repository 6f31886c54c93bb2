// Simulating silicon-suite points as child processes (validate, calibrate --suite): one
// `aie2sim` run per point and config variant, in parallel, each reporting the point's observable
// (--observe) in its JSON.
//
// A point's run names a design (`run --arch A --design F --param K=V`, the design front-end) or
// a hand-written program in protobuf text format (`*.textproto`: encoded here, then `simulate
// --program`). Every child gets the point's arch and clock (--set clock_mhz=...), then the
// caller's overrides. A child that fails gives its exit code and last stderr line, never a value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/temporary_directory.h"
#include "sim/silicon/suite_entry.h"

namespace aie2sim::cli {

struct PointRun {
  const silicon::SuiteEntry* entry = nullptr;  // a modelled point whose design exists
  std::vector<std::string> sets;               // --set overrides after the point's own
  bool attribution = false;                    // also attribute (the largest cause)
};

struct PointOutput {
  std::optional<double> value;  // in the entry's measured unit
  std::string cause;            // the largest cause, when attributed
  std::string problem;          // the child's last stderr line when it failed
};

// "clock_mhz=<the point's clock>": the first --set of every run of the point.
std::string ClockSet(const silicon::SuiteEntry& entry);

class SuiteRunner {
 public:
  explicit SuiteRunner(int jobs) : jobs_(jobs), folder_("aie2sim-validate") {}

  // Runs every point, at most `jobs` at a time; outputs in the order of `runs`.
  std::vector<PointOutput> Run(const std::vector<PointRun>& runs);

 private:
  std::string ProgramFor(const silicon::SuiteEntry& entry);

  int jobs_;
  TemporaryDirectory folder_;
  int serial_ = 0;
};

}  // namespace aie2sim::cli
