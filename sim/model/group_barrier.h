// The barrier that closes a group: the LayerSequencer expects one arrival per stream, each
// engine arrives once when its stream has run all iterations, and the sequencer resumes when the
// last one has arrived. Zero-delay: the next group starts at the same simulated time.
#pragma once

#include <cstdint>

#include <systemc>

#include "sim/base/error.h"

namespace aie2sim::model {

class GroupBarrier {
 public:
  void Expect(uint32_t arrivals) { pending_ = arrivals; }
  void Arrive() {
    AIE2SIM_CHECK(pending_ > 0, "group barrier: more arrivals than streams");
    if (--pending_ == 0) done_.notify();  // the sequencer is waiting: wake it in this delta
  }
  bool open() const { return pending_ == 0; }
  uint32_t pending() const { return pending_; }
  const sc_core::sc_event& done_event() const { return done_; }

 private:
  uint32_t pending_ = 0;
  sc_core::sc_event done_;
};

}  // namespace aie2sim::model
