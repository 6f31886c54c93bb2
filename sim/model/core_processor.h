// The processor of a core tile: runs compute ops (kernels on one subvolume) and takes part in
// the lock protocol like any engine. A compute takes
//   macs * density / (core.macs_per_cycle.int8 * kernel_efficiency)
// cycles (efficiency 1 in paper mode), resolved per op when the group starts.
#pragma once

#include <cstdint>

#include "sim/model/engine_module.h"

namespace aie2sim::model {

class CoreProcessor : public EngineModule {
 public:
  CoreProcessor(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
                const ModelContext& context);

 protected:
  void Compute(const Op& op, uint32_t iteration) override;
};

}  // namespace aie2sim::model
