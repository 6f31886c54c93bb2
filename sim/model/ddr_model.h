// The DDR behind the shim tiles: every shim DMA channel is limited to
// ddr.channel_bytes_per_cycle, and with the ddr_contention effect (realistic timing) all shim
// channels moving data at the same time share ddr.total_gb_per_s (in bytes per cycle of the array
// clock) equally (reads and writes alike).
//
// Contract: a route with k shim endpoints calls Begin(k) when its data starts to move and
// End(k) when it stops; while moving, each of its chunks runs at no more than
// ShareBytesPerCycle() per shim endpoint. Shares are re-evaluated per chunk, so a transfer
// slows down (or speeds up) at its next chunk when others start (or finish).
#pragma once

#include <algorithm>
#include <cstdint>

#include <systemc>

#include "sim/arch/hardware_config.h"
#include "sim/base/error.h"

namespace aie2sim::model {

class DdrModel : public sc_core::sc_module {
 public:
  // `contention`: whether channels share the total (EffectiveTiming::ddr_contention).
  DdrModel(sc_core::sc_module_name name, const arch::HardwareConfig& config, bool contention)
      : sc_core::sc_module(name),
        channel_bytes_per_cycle_(config.ddr.channel_bytes_per_cycle),
        total_bytes_per_cycle_(config.ddr_total_bytes_per_cycle()),
        contention_(contention) {}

  double channel_bytes_per_cycle() const { return channel_bytes_per_cycle_; }
  void Begin(uint32_t channels) { active_channels_ += channels; }
  void End(uint32_t channels) {
    AIE2SIM_CHECK(active_channels_ >= channels, "DDR: more channels ended than begun");
    active_channels_ -= channels;
  }
  // What one active channel may use now: the channel limit or its share of the total.
  double ShareBytesPerCycle() const {
    if (!contention_) return channel_bytes_per_cycle_;
    const double share = total_bytes_per_cycle_ / std::max<uint32_t>(active_channels_, 1);
    return std::min(channel_bytes_per_cycle_, share);
  }
  uint32_t active_channels() const { return active_channels_; }

 private:
  const double channel_bytes_per_cycle_;
  const double total_bytes_per_cycle_;
  const bool contention_;
  uint32_t active_channels_ = 0;
};

}  // namespace aie2sim::model
