#include "sim/model/dma_channel.h"

#include "sim/isa/program_io.h"
#include "sim/model/invariants.h"
#include "sim/model/stream_route.h"

namespace aie2sim::model {

DmaChannel::DmaChannel(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
                       LiveAccesses& memory, const ModelContext& context, stats::MemoryLevel level,
                       MemoryBanks* banks)
    : EngineModule(name, engine, own_locks, memory, context),
      sends_(engine.kind() == isa::MM2S),
      shim_(engine.tile() == isa::SHIM),
      level_(level),
      banks_(banks),
      tasks_(isa::EngineName(engine), context.config.shim.task_queue_depth) {}

void DmaChannel::Transfer(const Op& op, uint32_t iteration) {
  StartTask();
  Setup();
  Stream(op, iteration);
}

void DmaChannel::RunTask(const Task& task) {
  // A task is one BD: it pays its setup once, however often it repeats (program.proto).
  StartTask();
  Setup();
  // A shim task's start cost and setup, before its first byte: the "TASK" slice (a hardware
  // trace's DMA start event is its start), so a task's duration can be read from the record.
  if (shim_ && sc_core::sc_time_stamp() > last_task_start_) {
    static const std::string kTaskStart = "TASK";
    TraceNamed(kTaskStart, last_task_start_, sc_core::sc_time_stamp() - last_task_start_);
  }
  for (uint64_t run = 0; run < task.repeat; ++run) Stream(*task.op, 0);
}

void DmaChannel::Setup() {
  if (context_.dma_setup == sc_core::SC_ZERO_TIME) return;
  wait(context_.dma_setup);
  counters_.busy += context_.dma_setup;
}

void DmaChannel::StartTask() {
  if (!shim_) return;
  const int direction = sends_ ? 0 : 1;
  const sc_core::sc_time spacing = context_.shim_task_spacing[direction];
  if (started_task_ && spacing > sc_core::SC_ZERO_TIME) {
    const sc_core::sc_time earliest = last_task_start_ + spacing;
    if (earliest > sc_core::sc_time_stamp()) wait(earliest - sc_core::sc_time_stamp());
  }
  last_task_start_ = sc_core::sc_time_stamp();
  started_task_ = true;
  const sc_core::sc_time start = context_.shim_task_start[direction];
  if (start == sc_core::SC_ZERO_TIME) return;
  wait(start);
  counters_.busy += start;
}

void DmaChannel::Stream(const Op& op, uint32_t iteration) {
  const BufferSpan span = Resolve(op.span);
  if constexpr (kCheckInvariants) CheckInMemory(span, iteration, "transfer");
  StreamRoute::Side side;
  if (banks_ != nullptr && context_.timing.bank_conflicts) {
    side.banks = banks_;
    span.Clamped(iteration, &side.begin, &side.end);
  }
  if constexpr (kCheckInvariants) {
    side.memory = &live_accesses();
    side.access = AccessOf(sends_ ? AccessKind::kRead : AccessKind::kWrite, "transfer", *op.buffer,
                           span, iteration);
  }
  if (context_.functional != nullptr) {
    side.buffer = op.buffer;
    side.iteration = iteration;
  }
  BeginRouteWait(op);
  const StreamRoute::Timing timing =
      sends_ ? op.route->Send(op.amount, side) : op.route->Receive(op.route_slot, op.amount, side);
  EndRouteWait();
  counters_.link_wait += timing.started - timing.arrived;
  counters_.busy += timing.finished - timing.started;
  counters_.bytes += op.amount;
  if (sends_) {
    context_.stats.AddRead(level_, op.amount);
  } else {
    context_.stats.AddWrite(level_, op.amount);
  }
  NoteWork(op, "bytes");
  TraceInstruction(op, timing.started, timing.finished - timing.started, iteration, "bytes",
                   op.amount);
}

}  // namespace aie2sim::model
