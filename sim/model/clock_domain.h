// Conversion between the array's clock cycles and SystemC time.
//
// Contract: the model keeps durations as fractional cycles (Cycles) or fractional picoseconds
// and rounds to the 1 ps time resolution only when it waits, so rounding errors never
// accumulate inside one transfer or compute (at most 0.5 ps per wait). Requires
// sc_set_time_resolution(1, SC_PS) before construction (Simulate does it first).
#pragma once

#include <cmath>
#include <cstdint>

#include <systemc>

#include "sim/base/error.h"
#include "sim/base/units.h"

namespace aie2sim::model {

class ClockDomain {
 public:
  explicit ClockDomain(double clock_mhz) : ps_per_cycle_(1e6 / clock_mhz) {}

  double ps_per_cycle() const { return ps_per_cycle_; }
  // Fractional picoseconds of `cycles`.
  double Ps(Cycles cycles) const { return cycles.count() * ps_per_cycle_; }
  // `cycles` rounded to the time resolution.
  sc_core::sc_time Duration(Cycles cycles) const { return FromPs(Ps(cycles)); }

  // Picoseconds of a SystemC time (exact: the resolution is 1 ps).
  static double Ps(sc_core::sc_time time) { return static_cast<double>(time.value()); }
  // Throws UserError when `ps` is beyond what sc_time holds (2^63 ps, about 106 days): the
  // time would otherwise saturate silently.
  static sc_core::sc_time FromPs(double ps) {
    if (!(ps < kMaxPs)) {
      throw UserError(
          "simulated time passes 2^63 ps (about 106 days), the most the model represents: a "
          "faster config (clock_mhz, bandwidths, overheads) or a smaller workload or batch");
    }
    return sc_core::sc_time::from_value(
        static_cast<sc_core::sc_time::value_type>(std::llround(ps)));
  }
  static constexpr double kMaxPs = 9.2e18;  // just below 2^63

 private:
  double ps_per_cycle_;
};

// Suspends the calling SystemC thread until absolute time `ps` (rounded to the resolution);
// returns at once, without a delta cycle, when that time is not in the future.
inline void WaitUntilPs(double ps) {
  const sc_core::sc_time target = ClockDomain::FromPs(ps);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  if (target > now) sc_core::wait(target - now);
}

}  // namespace aie2sim::model
