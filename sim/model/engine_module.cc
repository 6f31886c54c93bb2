#include "sim/model/engine_module.h"

#include <exception>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/isa/tile_facts.h"
#include "sim/model/group_barrier.h"
#include "sim/model/invariants.h"
#include "sim/model/lock_unit.h"
#include "sim/model/stream_route.h"

namespace aie2sim::model {

using sc_core::sc_time;
using sc_core::sc_time_stamp;
using sc_core::SC_ZERO_TIME;

namespace {

// The size of the memory an engine's addresses refer to (program.proto); the controller has none.
uint64_t MemoryBytesOf(const isa::Engine& engine, const arch::HardwareConfig& config) {
  if (engine.kind() == isa::CONTROLLER) return 0;
  return isa::FactsOf(config, engine.tile()).memory_bytes;
}

}  // namespace

EngineModule::EngineModule(sc_core::sc_module_name name, const isa::Engine& engine,
                           LockUnit& own_locks, LiveAccesses& memory, const ModelContext& context)
    : sc_core::sc_module(name),
      context_(context),
      engine_(engine),
      engine_name_(isa::EngineName(engine)),
      own_locks_(own_locks),
      memory_(memory),
      memory_bytes_(MemoryBytesOf(engine, context.config)) {
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
  return wait_.kind == WaitKind::kLock || wait_.kind == WaitKind::kRoute ||
         wait_.kind == WaitKind::kQueueFull || wait_.kind == WaitKind::kToken;
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
  if (wait_.kind == WaitKind::kQueueFull) {
    const TaskQueue& tasks = *wait_.op->tasks;
    return engine_name_ + " waits for a free slot in " + tasks.channel_name() + "'s task queue (" +
           std::to_string(tasks.pending()) + " tasks pending)";
  }
  if (wait_.kind == WaitKind::kToken) {
    return engine_name_ + " waits for a token from " + wait_.op->tasks->channel_name();
  }
  if (wait_.kind == WaitKind::kTask) return engine_name_ + " waits for a task";
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
  group_label_ = nullptr;
  group_amount_ = 0;
  if (run_.start_delay > SC_ZERO_TIME) {
    wait(run_.start_delay);
    counters_.busy += run_.start_delay;
    if (run_.trace != nullptr && run_.trace->per_instruction) {
      static const std::string kReload = "BD reload";
      const trace::SliceArgs args{
          run_.trace->layer, run_.trace->group, -1, "", 0, trace::SliceKind::kReload, "", ""};
      run_.trace->sink->Slice(track_, kReload, group_start, run_.start_delay, args);
    }
  }
  if (cursor_layer_ != run_.layer_serial + 1) {
    cursor_layer_ = run_.layer_serial + 1;
    cursors_.assign(run_.rings, 0);
  }
  if (run_.serve_tasks) {
    ServeTasks();  // until the simulation ends
    return;
  }
  for (uint32_t iteration = 0; iteration < run_.iterations; ++iteration) RunOps(iteration);
  if (run_.trace != nullptr && !run_.trace->per_instruction && group_label_ != nullptr) {
    const TraceLabel& label = *group_label_;
    const trace::SliceArgs args{run_.trace->layer, run_.trace->group, -1,         group_amount_key_,
                                group_amount_,     label.kind,        label.from, label.to};
    run_.trace->sink->Slice(track_, label.mnemonic, group_start, sc_time_stamp() - group_start,
                            args);
  }
}

void EngineModule::RunOps(uint32_t iteration) {
  loops_.clear();
  const size_t count = ops_.size();
  for (size_t index = 0; index < count; ++index) {
    const Op& op = ops_[index];
    switch (op.kind) {
      case OpKind::kLoopBegin:
        loops_.push_back(op.count);
        continue;
      case OpKind::kLoopEnd:
        if (--loops_.back() > 0) {
          index = op.jump;  // the loop's begin: the body starts after it
        } else {
          loops_.pop_back();
        }
        continue;
      default:
        break;
    }
    ++counters_.instructions;
    switch (op.kind) {
      case OpKind::kAcquire:
        Acquire(op, iteration);
        break;
      case OpKind::kRelease:
        Release(op, iteration);
        break;
      case OpKind::kTransfer:
        Transfer(op, iteration);
        break;
      case OpKind::kCompute:
        Compute(op, iteration);
        break;
      default:
        Control(op);
        break;
    }
  }
}

void EngineModule::ServeTasks() {
  TaskQueue* tasks = task_queue();
  AIE2SIM_CHECK(tasks != nullptr, engine_name_ + " serves tasks but has no task queue");
  for (;;) {
    wait_.kind = WaitKind::kTask;
    while (tasks->empty()) wait(tasks->pushed_event());
    wait_.kind = WaitKind::kRunning;
    const Task task = tasks->Pop();
    ++counters_.instructions;
    RunTask(task);
    if (task.issue_token) tasks->IssueToken(sc_time_stamp() + context_.token_latency);
  }
}

void EngineModule::Acquire(const Op& op, uint32_t iteration) {
  if constexpr (kCheckInvariants) CheckLockOp(op, iteration, /*release=*/false);
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

void EngineModule::Release(const Op& op, uint32_t iteration) {
  Handshake();
  // Always checked: an overflowing release in a hand-edited program must name its layer and
  // engine (the LockUnit below knows neither).
  CheckLockOp(op, iteration, /*release=*/true);
  op.locks->Release(op.lock_id, op.lock_value, engine_name_);
  if (op.advance != nullptr) cursors_[op.advance->index] += op.lock_value;
}

void EngineModule::CheckLockOp(const Op& op, uint32_t iteration, bool release) const {
  // Lock ids are checked when the op is compiled (OpCompiler) and by the LockUnit, always.
  const LockUnit& locks = *op.locks;
  const bool too_large = op.lock_value > LockUnit::kMaxValue;
  const bool overflow = release && locks.value(op.lock_id) + op.lock_value > LockUnit::kMaxValue;
  if (!too_large && !overflow) return;
  const std::string lock =
      (&locks == &own_locks_ ? "" : locks.tile_name() + ".") + "L" + std::to_string(op.lock_id);
  std::string problem = std::string(release ? "release " : "acquire ") + lock + " by " +
                        std::to_string(op.lock_value);
  if (too_large) {
    problem += ": values are 6-bit (at most " + std::to_string(LockUnit::kMaxValue) + ")";
  } else {
    problem += " from " + std::to_string(locks.value(op.lock_id)) + " would exceed " +
               std::to_string(LockUnit::kMaxValue);
  }
  InvariantBroken("lock range", Where(iteration), problem);
}

std::string EngineModule::Where(uint32_t iteration) const {
  return GroupWhere(run_.layer, run_.group) + ": " + engine_name_ + ", iteration " +
         std::to_string(iteration);
}

void EngineModule::CheckInMemory(const BufferSpan& span, uint32_t iteration,
                                 const char* what) const {
  if (span.empty()) return;
  int64_t first = 0;
  int64_t last = 0;
  span.In(iteration, &first, &last);
  if (first >= 0 && static_cast<uint64_t>(last) <= memory_bytes_) return;
  InvariantBroken("memory bounds", Where(iteration),
                  std::string(what) + " bytes [" + std::to_string(first) + ", " +
                      std::to_string(last) + ") outside " + memory_.memory_name() + " memory [0, " +
                      std::to_string(memory_bytes_) + ")");
}

LiveAccess EngineModule::AccessOf(AccessKind kind, const char* what, const isa::Buffer& buffer,
                                  const BufferSpan& span, uint32_t iteration) const {
  LiveAccess access;
  access.kind = kind;
  access.what = what;
  access.engine = &engine_name_;
  access.layer = run_.layer;
  access.group = run_.group;
  access.iteration = iteration;
  access.buffer = &buffer;
  span.In(iteration, &access.begin, &access.end);
  return access;
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

void EngineModule::RunTask(const Task& task) {
  throw InternalError(engine_name_ + ": a task on an engine that has no task queue");
}

void EngineModule::Control(const Op& op) {
  throw InternalError(engine_name_ +
                      ": a controller instruction on an engine that is not the "
                      "controller");
}

void EngineModule::TraceNamed(const std::string& name, sc_time start, sc_time duration) const {
  if (run_.trace == nullptr || !run_.trace->per_instruction) return;
  const trace::SliceArgs args{run_.trace->layer, run_.trace->group, -1, "", 0};
  run_.trace->sink->Slice(track_, name, start, duration, args);
}

void EngineModule::TraceInstruction(const Op& op, sc_time start, sc_time duration,
                                    uint32_t iteration, const char* amount_key, uint64_t amount) {
  if (run_.trace == nullptr || !run_.trace->per_instruction || op.label == nullptr) return;
  const TraceLabel& label = *op.label;
  const trace::SliceArgs args{run_.trace->layer, run_.trace->group, iteration, amount_key, amount,
                              label.kind,        label.from,        label.to};
  run_.trace->sink->Slice(track_, label.mnemonic, start, duration, args);
}

}  // namespace aie2sim::model
