// ISA-specific code of the block-sparse kernels, and only here. The project builds without
// -march (TOOLCHAIN.md), so each kernel instance is compiled three times through GCC/clang's
// target_clones, for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline, and the
// loader picks the best one the CPU has (an ifunc). CMake option AIE2SIM_SPGEMM_CLONES=OFF, or a
// compiler or target without the attribute, leaves the baseline build alone.
#pragma once

#if defined(AIE2SIM_SPGEMM_CLONES) && AIE2SIM_SPGEMM_CLONES && defined(__x86_64__) && \
    defined(__has_attribute)
#if __has_attribute(target_clones)
#define AIE2SIM_SPGEMM_TARGETS \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
#endif
#ifndef AIE2SIM_SPGEMM_TARGETS
#define AIE2SIM_SPGEMM_TARGETS
#endif

// Instantiates MACRO(T, H, W) for every block shape of spgemm.h's kBlockShapes.
#define AIE2SIM_SPGEMM_FOR_EACH_SHAPE(MACRO, T) \
  MACRO(T, 1, 1) MACRO(T, 4, 4) MACRO(T, 8, 8) MACRO(T, 16, 4) MACRO(T, 4, 16)
