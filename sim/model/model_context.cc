#include "sim/model/model_context.h"

#include "sim/base/error.h"

namespace aie2sim::model {

ModelContext::ModelContext(const arch::HardwareConfig& config, stats::StatsCollector& stats,
                           FailureSlot& failure, FunctionalMemory* functional)
    : config(config),
      timing(arch::EffectiveTimingOf(config)),
      clock(config.clock_mhz),
      lock_handshake(clock.Duration(Cycles(timing.overheads.lock_handshake_cycles))),
      dma_setup(clock.Duration(Cycles(timing.overheads.dma_setup_cycles))),
      reconfiguration(clock.Duration(Cycles(timing.overheads.reconfiguration_cycles))),
      bd_reload(clock.Duration(Cycles(timing.overheads.bd_reload_cycles))),
      host_dispatch(ClockDomain::FromPs(timing.host_dispatch_us * 1e6)),
      shim_task_start{clock.Duration(Cycles(timing.shim_task_start_cycles.mm2s)),
                      clock.Duration(Cycles(timing.shim_task_start_cycles.s2mm))},
      shim_task_spacing{clock.Duration(Cycles(timing.shim_task_spacing_cycles.mm2s)),
                        clock.Duration(Cycles(timing.shim_task_spacing_cycles.s2mm))},
      token_latency(clock.Duration(Cycles(timing.token_latency_cycles))),
      chunk_bytes(config.simulation.chunk_bytes),
      stats(stats),
      failure(failure),
      functional(functional) {
  AIE2SIM_CHECK(sc_core::sc_get_time_resolution() == sc_core::sc_time(1, sc_core::SC_PS),
                "the model needs a 1 ps time resolution");
  AIE2SIM_CHECK(config.clock_mhz > 0, "clock_mhz must be positive");
  AIE2SIM_CHECK(chunk_bytes > 0, "simulation.chunk_bytes must be positive");
  AIE2SIM_CHECK(config.stream.bytes_per_cycle > 0, "stream.bytes_per_cycle must be positive");
  AIE2SIM_CHECK(config.core.macs_per_cycle.int8 > 0, "core.macs_per_cycle.int8 must be positive");
  AIE2SIM_CHECK(timing.kernel_efficiency > 0, "kernel efficiency must be positive");
}

}  // namespace aie2sim::model
