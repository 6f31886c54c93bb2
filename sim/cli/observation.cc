#include "sim/cli/observation.h"

#include "sim/base/error.h"

namespace aie2sim::cli {

Observation::Observation(const std::string& entry_path, const arch::HardwareConfig& config)
    : path_(entry_path), entry_(silicon::LoadSuiteEntry(entry_path)), clock_hz_(config.clock_hz()) {
  if (!entry_.observable) {
    throw UserError("--observe: " + entry_path + ": a " + silicon::RoleName(entry_.role) +
                    " point has no observable");
  }
  observer_ = std::make_unique<trace::Observer>(*entry_.observable, clock_hz_);
}

void Observation::AddTo(report::Report& report) const {
  double value = 0;
  try {
    value = observer_->Value();
  } catch (const UserError& error) {
    throw UserError("--observe: " + path_ + ": " + error.what());
  }
  const std::string unit = entry_.measured.unit;
  value *= silicon::UnitFactor(trace::ObservableUnit(*entry_.observable), unit, clock_hz_,
                               path_ + ": measured.unit");
  report.extra["observed"] = {{"entry", path_},
                              {"id", entry_.id},
                              {"observable", trace::DescribeObservable(*entry_.observable)},
                              {"value", value},
                              {"unit", unit},
                              {"slices", observer_->matched()}};
}

}  // namespace aie2sim::cli
