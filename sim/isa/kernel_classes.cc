#include "sim/isa/kernel_classes.h"

#include "sim/base/error.h"

namespace aie2sim::isa {

const char* KernelClassKey(KernelClass kernel_class) {
  switch (kernel_class) {
    case KERNEL_MM_I16_I32:
      return "mm_i16_i32";
    case KERNEL_MM_I8_I32:
      return "mm_i8_i32";
    case KERNEL_CONV1X1_I8:
      return "conv1x1_i8";
    case KERNEL_ELTWISE_I16:
      return "eltwise_i16";
    case KERNEL_COPY:
      return "copy";
    default:
      return "";
  }
}

const arch::KernelClassParams& KernelClassOf(const arch::HardwareConfig& config,
                                             KernelClass kernel_class) {
  switch (kernel_class) {
    case KERNEL_MM_I16_I32:
      return config.kernels.mm_i16_i32;
    case KERNEL_MM_I8_I32:
      return config.kernels.mm_i8_i32;
    case KERNEL_CONV1X1_I8:
      return config.kernels.conv1x1_i8;
    case KERNEL_ELTWISE_I16:
      return config.kernels.eltwise_i16;
    case KERNEL_COPY:
      return config.kernels.copy;
    default:
      throw InternalError("no kernel class " + std::to_string(kernel_class));
  }
}

double KernelPeakPerCycle(const arch::HardwareConfig& config, KernelClass kernel_class) {
  switch (kernel_class) {
    case KERNEL_MM_I16_I32:
      return config.core.macs_per_cycle.int16;
    case KERNEL_MM_I8_I32:
    case KERNEL_CONV1X1_I8:
      return config.core.macs_per_cycle.int8;
    case KERNEL_ELTWISE_I16:
      return config.core.vector_lanes.int16;
    case KERNEL_COPY:
      return config.core.vector_lanes.int8;
    default:
      throw InternalError("no kernel class " + std::to_string(kernel_class));
  }
}

const char* KernelWorkUnit(KernelClass kernel_class) {
  switch (kernel_class) {
    case KERNEL_ELTWISE_I16:
      return "elements";
    case KERNEL_COPY:
      return "bytes";
    default:
      return "MACs";
  }
}

bool KernelCountsMacs(KernelClass kernel_class) {
  return kernel_class == KERNEL_MM_I16_I32 || kernel_class == KERNEL_MM_I8_I32 ||
         kernel_class == KERNEL_CONV1X1_I8;
}

bool KernelEffectsApply(const arch::HardwareConfig& config) {
  return config.timing_model == arch::TimingModel::kRealistic && config.effects.kernel_efficiency;
}

double KernelCallCycles(const arch::HardwareConfig& config, KernelClass kernel_class, uint64_t work,
                        bool effects) {
  const arch::KernelClassParams& params = KernelClassOf(config, kernel_class);
  const double peak = KernelPeakPerCycle(config, kernel_class);
  if (!effects) return static_cast<double>(work) / peak;
  if (params.cycles_per_call > 0) return params.cycles_per_call;
  return params.call_overhead_cycles + static_cast<double>(work) / (peak * params.efficiency);
}

}  // namespace aie2sim::isa
