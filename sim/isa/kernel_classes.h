// Kernel classes (v2 programs, program.proto): the config, not the program, prices a kernel
// call, so that --set and calibration act on an unchanged program and the config hash stays
// geometry-only.
//
// A class has a data type and a work unit: MACs (matrix multiply, convolution) at
// core.macs_per_cycle of its type, or elements (element-wise, copy) at core.vector_lanes of its
// type. One call takes
//     call_overhead_cycles + work / (peak * efficiency)
// cycles, or the class's measured cycles_per_call when the config pins one (with its source).
// Efficiency, overhead and pinned cycles are kernel effects: under `timing_model: paper`, or with
// effects.kernel_efficiency off, a call takes work / peak cycles.
#pragma once

#include <cstdint>
#include <string>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// The config key stem of a class ("mm_i16_i32"); "" for KERNEL_CLASS_UNSPECIFIED.
const char* KernelClassKey(KernelClass kernel_class);
// Its parameters in the config.
const arch::KernelClassParams& KernelClassOf(const arch::HardwareConfig& config,
                                             KernelClass kernel_class);
// The class's peak work per cycle: MACs per cycle of its data type, or vector lanes.
double KernelPeakPerCycle(const arch::HardwareConfig& config, KernelClass kernel_class);
// "MACs" or "elements" (copy: "bytes").
const char* KernelWorkUnit(KernelClass kernel_class);
// Whether the class's work is MACs (matrix multiply, convolution).
bool KernelCountsMacs(KernelClass kernel_class);
// Cycles of one call of `work` (see above); `effects` says whether kernel effects apply.
double KernelCallCycles(const arch::HardwareConfig& config, KernelClass kernel_class, uint64_t work,
                        bool effects);
// Whether kernel effects apply under `config` (realistic timing and effects.kernel_efficiency).
bool KernelEffectsApply(const arch::HardwareConfig& config);

}  // namespace aie2sim::isa
