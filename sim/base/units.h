// Typed time for the pure-logic parts of aie2sim (compiler, analytic model, reports).
// The SystemC model uses sc_time; conversions happen at its edge, through the clock.
#pragma once

#include <algorithm>

namespace aie2sim {

// A duration in clock cycles of the array clock. Fractional, because a transfer of B bytes over
// a link of w bytes/cycle takes B/w cycles and the analytic model sums such figures exactly.
class Cycles {
 public:
  constexpr Cycles() = default;
  constexpr explicit Cycles(double count) : count_(count) {}
  constexpr double count() const { return count_; }

  constexpr Cycles operator+(Cycles other) const { return Cycles(count_ + other.count_); }
  constexpr Cycles operator-(Cycles other) const { return Cycles(count_ - other.count_); }
  constexpr Cycles operator*(double factor) const { return Cycles(count_ * factor); }
  Cycles& operator+=(Cycles other) {
    count_ += other.count_;
    return *this;
  }
  constexpr bool operator<(Cycles other) const { return count_ < other.count_; }
  constexpr bool operator==(Cycles other) const { return count_ == other.count_; }

 private:
  double count_ = 0.0;
};

inline Cycles Max(Cycles a, Cycles b) { return a < b ? b : a; }

// Seconds of wall time on the modelled machine, derived from cycles and the clock frequency.
struct Seconds {
  double value = 0.0;
};

inline Seconds ToSeconds(Cycles cycles, double clock_hz) { return Seconds{cycles.count() / clock_hz}; }

}  // namespace aie2sim
