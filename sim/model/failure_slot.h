// Keeps the first exception thrown inside a SystemC process so that Simulate can rethrow it with
// its own type after sc_start returns (SystemC would turn it into an sc_report otherwise).
//
// Contract: a process that catches an exception calls Capture and then ends; Capture stops the
// simulation. Later captures are dropped: the first failure is the cause.
#pragma once

#include <exception>

#include <systemc>

namespace aie2sim::model {

class FailureSlot {
 public:
  void Capture(std::exception_ptr failure) {
    if (failure_) return;  // sc_stop once: a second call only reports a SystemC warning
    failure_ = failure;
    sc_core::sc_stop();
  }
  bool failed() const { return static_cast<bool>(failure_); }
  void RethrowIfFailed() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::exception_ptr failure_;
};

}  // namespace aie2sim::model
