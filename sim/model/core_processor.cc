#include "sim/model/core_processor.h"

namespace aie2sim::model {

CoreProcessor::CoreProcessor(sc_core::sc_module_name name, const isa::Engine& engine,
                             LockUnit& own_locks, const ModelContext& context)
    : EngineModule(name, engine, own_locks, context) {}

void CoreProcessor::Compute(const Op& op, uint32_t iteration) {
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  WaitUntilPs(ClockDomain::Ps(start) + context_.clock.Ps(op.cycles));
  const sc_core::sc_time duration = sc_core::sc_time_stamp() - start;
  counters_.busy += duration;
  context_.stats.CountEvent();
  NoteWork(op, "macs");
  TraceInstruction(op, start, duration, iteration, "macs", op.amount);
}

}  // namespace aie2sim::model
