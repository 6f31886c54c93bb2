#include "sim/model/controller.h"

#include "sim/base/error.h"
#include "sim/model/lock_unit.h"

namespace aie2sim::model {

Controller::Controller(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& locks,
                       LiveAccesses& memory, const ModelContext& context)
    : EngineModule(name, engine, locks, memory, context) {}

void Controller::Control(const Op& op) {
  switch (op.kind) {
    case OpKind::kPushTask: {
      TaskQueue& tasks = *op.tasks;
      if (tasks.full()) {
        const sc_core::sc_time since = sc_core::sc_time_stamp();
        BeginControlWait(op, /*token=*/false);
        while (tasks.full()) wait(tasks.popped_event());
        EndControlWait();
        counters_.lock_wait += sc_core::sc_time_stamp() - since;
      }
      tasks.Push(Task{op.task, op.repeat, op.issue_token});
      return;
    }
    case OpKind::kAwaitToken: {
      TaskQueue& tasks = *op.tasks;
      const sc_core::sc_time since = sc_core::sc_time_stamp();
      sc_core::sc_time visible_at;
      if (!tasks.TakeToken(&visible_at)) {
        BeginControlWait(op, /*token=*/true);
        do {
          wait(tasks.token_event());
        } while (!tasks.TakeToken(&visible_at));
        EndControlWait();
      }
      // The token travels to the controller (token_latency).
      if (visible_at > sc_core::sc_time_stamp()) wait(visible_at - sc_core::sc_time_stamp());
      counters_.link_wait += sc_core::sc_time_stamp() - since;
      return;
    }
    case OpKind::kSetLock:
      op.locks->Set(op.lock_id, op.lock_value);
      return;
    case OpKind::kWriteWord:
      return;  // a runtime parameter: no timing effect (functional mode does not run designs)
    default:
      throw InternalError(engine_name() + ": not a controller instruction");
  }
}

}  // namespace aie2sim::model
