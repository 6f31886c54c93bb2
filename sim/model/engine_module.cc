#include "sim/model/engine_module.h"

#include <exception>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/model/group_barrier.h"
#include "sim/model/lock_unit.h"
#include "sim/model/stream_route.h"

namespace aie2sim::model {

using sc_core::sc_time;
using sc_core::sc_time_stamp;
using sc_core::SC_ZERO_TIME;

EngineModule::EngineModule(sc_core::sc_module_name name, const isa::Engine& engine,
                           LockUnit& own_locks, const ModelContext& context)
    : sc_core::sc_module(name),
      context_(context),
      engine_(engine),
      engine_name_(isa::EngineName(engine)),
      own_locks_(own_locks) {
  context_.stats.AddEngine(engine_name_, &counters_);
  SC_THREAD(Run);
}

void EngineModule::Start(const GroupRun& run) {
  AIE2SIM_CHECK(!has_work_, engine_name_ + " started while still running a group");
  run_ = run;
  has_work_ = true;
  start_event_.notify();  // the engine is idle, i.e. waiting on this event
}

bool EngineModule::blocked() const {
  return wait_.kind == WaitKind::kLock || wait_.kind == WaitKind::kRoute;
}

std::string EngineModule::DescribeWait() const {
  if (wait_.kind == WaitKind::kLock) {
    const Op& op = *wait_.op;
    const LockUnit& locks = *op.locks;
    const std::string tile = &locks == &own_locks_ ? "" : locks.tile_name() + ".";
    return engine_name_ + " waits for acquire " + tile + "L" + std::to_string(op.lock_id) +
           ">=" + std::to_string(op.lock_value) + " (value " +
           std::to_string(locks.value(op.lock_id)) + ")";
  }
  if (wait_.kind == WaitKind::kRoute) {
    const StreamRoute& route = *wait_.op->route;
    return engine_name_ + " waits on route " + std::to_string(route.id()) + " for " +
           route.DescribeMissing(this);
  }
  return engine_name_ + " is not blocked";
}

void EngineModule::Run() {
  for (;;) {
    wait_.kind = WaitKind::kIdle;
    while (!has_work_) wait(start_event_);
    wait_.kind = WaitKind::kRunning;
    try {
      RunGroup();
    } catch (const sc_core::sc_unwind_exception&) {
      throw;  // SystemC kills or resets this process: let it unwind
    } catch (...) {
      wait_.kind = WaitKind::kFailed;
      context_.failure.Capture(std::current_exception());
      return;
    }
    has_work_ = false;
    run_.barrier->Arrive();
  }
}

void EngineModule::RunGroup() {
  const sc_time group_start = sc_time_stamp();
  group_mnemonic_ = nullptr;
  group_amount_ = 0;
  if (run_.start_delay > SC_ZERO_TIME) {
    wait(run_.start_delay);
    counters_.busy += run_.start_delay;
    if (run_.trace != nullptr && run_.trace->per_instruction) {
      static const std::string kReload = "BD reload";
      const trace::SliceArgs args{run_.trace->layer, run_.trace->group, -1, "", 0};
      run_.trace->sink->Slice(track_, kReload, group_start, run_.start_delay, args);
    }
  }
  for (uint32_t iteration = 0; iteration < run_.iterations; ++iteration) {
    for (const Op& op : ops_) {
      ++counters_.instructions;
      switch (op.kind) {
        case OpKind::kAcquire:
          Acquire(op, iteration);
          break;
        case OpKind::kRelease:
          Release(op);
          break;
        case OpKind::kTransfer:
          Transfer(op, iteration);
          break;
        case OpKind::kCompute:
          Compute(op, iteration);
          break;
      }
    }
  }
  if (run_.trace != nullptr && !run_.trace->per_instruction && group_mnemonic_ != nullptr) {
    const trace::SliceArgs args{run_.trace->layer, run_.trace->group, -1, group_amount_key_,
                                group_amount_};
    run_.trace->sink->Slice(track_, *group_mnemonic_, group_start, sc_time_stamp() - group_start,
                            args);
  }
}

void EngineModule::Acquire(const Op& op, uint32_t iteration) {
  LockUnit& locks = *op.locks;
  if (!locks.TryAcquire(op.lock_id, op.lock_value)) {
    const sc_time since = sc_time_stamp();
    wait_ = WaitState{WaitKind::kLock, &op};
    do {
      wait(locks.released_event(op.lock_id));
      context_.stats.CountEvent();
    } while (!locks.TryAcquire(op.lock_id, op.lock_value));
    wait_.kind = WaitKind::kRunning;
    const sc_time waited = sc_time_stamp() - since;
    counters_.lock_wait += waited;
    if (waited > SC_ZERO_TIME) TraceInstruction(op, since, waited, iteration, "", 0);
  }
  Handshake();
}

void EngineModule::Release(const Op& op) {
  Handshake();
  op.locks->Release(op.lock_id, op.lock_value, engine_name_);
}

void EngineModule::Handshake() {
  if (context_.lock_handshake == SC_ZERO_TIME) return;
  wait(context_.lock_handshake);
  counters_.lock_wait += context_.lock_handshake;
}

void EngineModule::Transfer(const Op& op, uint32_t iteration) {
  throw InternalError(engine_name_ + ": a transfer on an engine that has no DMA");
}

void EngineModule::Compute(const Op& op, uint32_t iteration) {
  throw InternalError(engine_name_ + ": a compute on an engine that is not a core processor");
}

void EngineModule::TraceInstruction(const Op& op, sc_time start, sc_time duration,
                                    uint32_t iteration, const char* amount_key, uint64_t amount) {
  if (run_.trace == nullptr || !run_.trace->per_instruction || op.mnemonic == nullptr) return;
  const trace::SliceArgs args{run_.trace->layer, run_.trace->group, iteration, amount_key, amount};
  run_.trace->sink->Slice(track_, *op.mnemonic, start, duration, args);
}

}  // namespace aie2sim::model
