#include "sim/arch/effects.h"

#include <algorithm>

namespace aie2sim::arch {

const char* EffectName(Effect effect) {
  switch (effect) {
    case Effect::kHostDispatch:
      return "host_dispatch";
    case Effect::kShimTaskStart:
      return "shim_task_start";
    case Effect::kTaskIssueSpacing:
      return "task_issue_spacing";
    case Effect::kTokenLatency:
      return "token_latency";
    case Effect::kLockHandshake:
      return "lock_handshake";
    case Effect::kDmaSetup:
      return "dma_setup";
    case Effect::kBdReload:
      return "bd_reload";
    case Effect::kHopLatency:
      return "hop_latency";
    case Effect::kLinkContention:
      return "link_contention";
    case Effect::kDdrContention:
      return "ddr_contention";
    case Effect::kBankConflicts:
      return "bank_conflicts";
    case Effect::kReconfiguration:
      return "reconfiguration";
    case Effect::kKernelEfficiency:
      return "kernel_efficiency";
  }
  return "unknown";
}

std::string EffectKey(Effect effect) { return std::string("effects.") + EffectName(effect); }

bool& EffectSwitch(EffectSwitches& switches, Effect effect) {
  switch (effect) {
    case Effect::kHostDispatch:
      return switches.host_dispatch;
    case Effect::kShimTaskStart:
      return switches.shim_task_start;
    case Effect::kTaskIssueSpacing:
      return switches.task_issue_spacing;
    case Effect::kTokenLatency:
      return switches.token_latency;
    case Effect::kLockHandshake:
      return switches.lock_handshake;
    case Effect::kDmaSetup:
      return switches.dma_setup;
    case Effect::kBdReload:
      return switches.bd_reload;
    case Effect::kHopLatency:
      return switches.hop_latency;
    case Effect::kLinkContention:
      return switches.link_contention;
    case Effect::kDdrContention:
      return switches.ddr_contention;
    case Effect::kBankConflicts:
      return switches.bank_conflicts;
    case Effect::kReconfiguration:
      return switches.reconfiguration;
    case Effect::kKernelEfficiency:
      break;
  }
  return switches.kernel_efficiency;
}

bool EffectSwitch(const EffectSwitches& switches, Effect effect) {
  return EffectSwitch(const_cast<EffectSwitches&>(switches), effect);
}

bool EffectActive(const HardwareConfig& config, Effect effect) {
  if (config.timing_model != TimingModel::kRealistic) return false;
  if (!EffectSwitch(config.effects, effect)) return false;
  switch (effect) {
    case Effect::kHostDispatch:
      return config.host.dispatch_us > 0;
    case Effect::kShimTaskStart:
      return config.shim.task_start_cycles.mm2s > 0 || config.shim.task_start_cycles.s2mm > 0;
    case Effect::kTaskIssueSpacing:
      return config.shim.task_issue_spacing_cycles.mm2s > 0 ||
             config.shim.task_issue_spacing_cycles.s2mm > 0;
    case Effect::kTokenLatency:
      return config.shim.token_latency_cycles > 0;
    case Effect::kLockHandshake:
      return config.overheads.lock_handshake_cycles > 0;
    case Effect::kDmaSetup:
      return config.overheads.dma_setup_cycles > 0;
    case Effect::kBdReload:
      return config.overheads.bd_reload_cycles > 0;
    case Effect::kHopLatency:
      return config.stream.hop_latency_cycles > 0;
    case Effect::kDdrContention: {
      const double channel =
          std::min(config.ddr.channel_bytes_per_cycle, config.stream.bytes_per_cycle);
      const double all_channels = static_cast<double>(config.array.columns) *
                                  (config.shim.dma.mm2s_channels + config.shim.dma.s2mm_channels) *
                                  channel;
      return config.ddr_total_bytes_per_cycle() < all_channels;
    }
    case Effect::kReconfiguration:
      return config.overheads.reconfiguration_cycles > 0;
    case Effect::kKernelEfficiency: {
      // Also the kernel classes of v2 programs (sim/isa/kernel_classes.h).
      bool classes = false;
      for (const KernelClassParams* kernel :
           {&config.kernels.mm_i16_i32, &config.kernels.mm_i8_i32, &config.kernels.conv1x1_i8,
            &config.kernels.eltwise_i16, &config.kernels.copy}) {
        classes = classes || kernel->efficiency < 1 || kernel->call_overhead_cycles > 0 ||
                  kernel->cycles_per_call > 0;
      }
      return config.core.kernel_efficiency < 1 || classes;
    }
    case Effect::kLinkContention:
    case Effect::kBankConflicts:
      return true;
  }
  return true;
}

}  // namespace aie2sim::arch
