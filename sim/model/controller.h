// The controller (program.proto, v2): the host-side runtime sequence of a design. It pushes
// tasks on shim DMA channels' task queues (stalling while a queue is full), awaits their tokens,
// writes runtime parameters and sets locks; the last two act at once and take no time (an
// assumption, program.proto). It runs as an engine of its own ("controller"), with no tile.
#pragma once

#include "sim/model/engine_module.h"

namespace aie2sim::model {

class Controller : public EngineModule {
 public:
  Controller(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& locks,
             LiveAccesses& memory, const ModelContext& context);

 protected:
  void Control(const Op& op) override;
};

}  // namespace aie2sim::model
