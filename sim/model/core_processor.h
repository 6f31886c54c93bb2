// The processor of a core tile: runs compute ops (kernels on one subvolume) and takes part in
// the lock protocol like any engine. A compute takes
//   macs * density / (core.macs_per_cycle.int8 * kernel_efficiency)
// cycles (efficiency 1 in paper mode), or its kernel class's price (sim/isa/kernel_classes.h),
// resolved per op when the group starts.
// In functional mode the kernel also runs on the core's memory when the compute ends: it reads
// its input (and weight) buffer, and writes its output buffer, or keeps int32 partial sums in
// the core's accumulator (sim/functional/core_kernel.h).
// With kCheckInvariants a compute first checks 'memory bounds' for its buffers and registers them
// with the core's LiveAccesses while it runs (invariants.h).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/model/engine_module.h"

namespace aie2sim::model {

class CoreProcessor : public EngineModule {
 public:
  CoreProcessor(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
                LiveAccesses& memory, const ModelContext& context);

 protected:
  void Compute(const Op& op, uint32_t iteration) override;

 private:
  void RunKernel(const Op& op, uint32_t iteration);
  // Invariant checks: the compute's buffers are inside the core's memory; registers them with
  // it (input and weights read, output written unless partial); releases them.
  void BeginAccesses(const Op& op, uint32_t iteration);
  void EndAccesses();

  // Reused between computes (functional mode).
  std::vector<uint8_t> input_;
  std::vector<uint8_t> weights_;
  std::vector<uint8_t> output_;
  // The accesses of the compute in progress (invariant checks).
  std::vector<std::pair<LiveAccesses*, LiveAccesses::Handle>> accesses_;
};

}  // namespace aie2sim::model
