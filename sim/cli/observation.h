// --observe ENTRY (simulate, run): the observable of a silicon-suite entry (tests/silicon/*.yaml,
// sim/silicon/suite_entry.h), read from the simulation's slices and written to the report as
// `observed` {entry, id, observable, value, unit, slices}, in the entry's measured unit. This is
// how `aie2sim validate` gets each point's simulated value from a child run.
#pragma once

#include <memory>
#include <string>

#include "sim/arch/hardware_config.h"
#include "sim/report/report.h"
#include "sim/silicon/suite_entry.h"
#include "sim/trace/observer.h"

namespace aie2sim::cli {

class Observation {
 public:
  // Loads the entry (UserError for a bad or not-modelled one).
  Observation(const std::string& entry_path, const arch::HardwareConfig& config);

  trace::Observer& observer() { return *observer_; }
  // After the simulation: the value into report.extra["observed"] (UserError naming the entry
  // when the run lacks the events its observable needs).
  void AddTo(report::Report& report) const;

 private:
  std::string path_;
  silicon::SuiteEntry entry_;
  double clock_hz_ = 0;
  std::unique_ptr<trace::Observer> observer_;
};

}  // namespace aie2sim::cli
