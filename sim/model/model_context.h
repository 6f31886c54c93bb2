// What every part of the SystemC model shares for one simulation: the config, the effective
// timing (paper mode zeroes every overhead), the clock, the stats sink and the failure slot.
// Built once by Simulate and passed down explicitly (no globals, no registries).
#pragma once

#include <cstdint>

#include <systemc>

#include "sim/arch/hardware_config.h"
#include "sim/model/clock_domain.h"
#include "sim/model/failure_slot.h"
#include "sim/stats/stats_collector.h"

namespace aie2sim::model {

class FunctionalMemory;

struct ModelContext {
  // Requires the SystemC time resolution to be set already (the durations below are sc_time).
  // `functional` is null for timing-only simulations.
  ModelContext(const arch::HardwareConfig& config, stats::StatsCollector& stats,
               FailureSlot& failure, FunctionalMemory* functional = nullptr);

  const arch::HardwareConfig& config;
  const arch::EffectiveTiming timing;
  const ClockDomain clock;
  const sc_core::sc_time lock_handshake;   // per acquire and per release
  const sc_core::sc_time dma_setup;        // per transfer, on every side
  const sc_core::sc_time reconfiguration;  // per layer
  const sc_core::sc_time bd_reload;        // per BD rewritten at a group's start
  const sc_core::sc_time host_dispatch;    // per invocation, before the first layer
  // Shim tasks (sim/arch/effects.h): the start cost, the least start-to-start spacing on one
  // channel, by direction (index: 0 MM2S, 1 S2MM), and the completion-token latency.
  const sc_core::sc_time shim_task_start[2];
  const sc_core::sc_time shim_task_spacing[2];
  const sc_core::sc_time token_latency;
  const uint64_t chunk_bytes;  // a transfer advances in events of this many bytes
  stats::StatsCollector& stats;
  FailureSlot& failure;
  FunctionalMemory* const functional;  // real bytes (--functional), else null
};

}  // namespace aie2sim::model
