#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

const char* TimingModelName(TimingModel model) {
  switch (model) {
    case TimingModel::kPaper:
      return "paper";
    case TimingModel::kRealistic:
      return "realistic";
  }
  return "unknown";
}

EffectiveTiming EffectiveTimingOf(const HardwareConfig& config) {
  EffectiveTiming timing;
  if (config.timing_model == TimingModel::kPaper) return timing;
  const EffectSwitches& on = config.effects;
  if (on.kernel_efficiency) timing.kernel_efficiency = config.core.kernel_efficiency;
  if (on.hop_latency) timing.hop_latency_cycles = config.stream.hop_latency_cycles;
  if (on.lock_handshake) {
    timing.overheads.lock_handshake_cycles = config.overheads.lock_handshake_cycles;
  }
  if (on.dma_setup) timing.overheads.dma_setup_cycles = config.overheads.dma_setup_cycles;
  if (on.reconfiguration) {
    timing.overheads.reconfiguration_cycles = config.overheads.reconfiguration_cycles;
  }
  if (on.bd_reload) timing.overheads.bd_reload_cycles = config.overheads.bd_reload_cycles;
  if (on.host_dispatch) timing.host_dispatch_us = config.host.dispatch_us;
  if (on.shim_task_start) timing.shim_task_start_cycles = config.shim.task_start_cycles;
  if (on.task_issue_spacing)
    timing.shim_task_spacing_cycles = config.shim.task_issue_spacing_cycles;
  if (on.token_latency) timing.token_latency_cycles = config.shim.token_latency_cycles;
  timing.link_contention = on.link_contention;
  timing.ddr_contention = on.ddr_contention;
  timing.bank_conflicts = on.bank_conflicts;
  return timing;
}

}  // namespace aie2sim::arch
