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
  timing.kernel_efficiency = config.core.kernel_efficiency;
  timing.hop_latency_cycles = config.stream.hop_latency_cycles;
  timing.overheads = config.overheads;
  return timing;
}

}  // namespace aie2sim::arch
