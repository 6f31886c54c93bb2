// The common part of every engine (DMA channel or core processor): one persistent SC_THREAD
// that, for each group it is started for, walks its compiled ops `iterations` times.
//
// Acquire and release are handled here (they are the same on every engine); transfers and
// computes are the subclasses' business. Every time the thread spends is attributed to one of
// the counters: busy, lock wait (blocked in acquire, and lock handshakes) or link wait (waiting
// for the other side of a route); the rest of a group's time the engine has finished its stream.
// Exceptions thrown while executing go to the FailureSlot, which stops the simulation.
// With kCheckInvariants (invariants.h) it checks 'lock range' before every acquire and release,
// and offers its subclasses the 'memory bounds' check and the LiveAccesses of its memory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/engine_if.h"
#include "sim/model/live_accesses.h"
#include "sim/model/model_context.h"
#include "sim/model/task_queue.h"
#include "sim/stats/engine_counters.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

class EngineModule : public sc_core::sc_module, public EngineIf {
 public:
  SC_HAS_PROCESS(EngineModule);
  // `own_locks` are the locks of the engine's tile; `memory` holds the accesses in flight in the
  // memory its addresses refer to (program.proto: DDR for shim channels, else its tile's). The
  // engine's stats register with the context's collector under isa::EngineName(engine).
  EngineModule(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
               LiveAccesses& memory, const ModelContext& context);

  // EngineIf.
  std::vector<Op>& ops() override { return ops_; }
  void Start(const GroupRun& run) override;
  bool blocked() const override;
  std::string DescribeWait() const override;
  const std::string& engine_name() const override { return engine_name_; }

  const isa::Engine& engine() const { return engine_; }
  LockUnit& own_locks() const { return own_locks_; }
  const stats::EngineCounters& counters() const { return counters_; }
  // The task queue a controller feeds (shim DMA channels), else null.
  virtual TaskQueue* task_queue() { return nullptr; }
  // At the end of a design (program.proto, v2): the engine waits on an acquire or for a task,
  // i.e. it is idle, not stuck.
  bool idle_at_end() const { return wait_.kind == WaitKind::kLock; }
  // Executing an instruction (not waiting on a lock, a route, a task or for work).
  bool running() const { return wait_.kind == WaitKind::kRunning; }
  void set_trace_track(trace::TrackId track) { track_ = track; }

 protected:
  // Executes one transfer or compute; the defaults throw InternalError (the validator keeps
  // transfers on DMA channels and computes on processors).
  virtual void Transfer(const Op& op, uint32_t iteration);
  virtual void Compute(const Op& op, uint32_t iteration);
  // Runs one task from the queue (shim DMA channels): its transfer `repeat` times as one BD.
  virtual void RunTask(const Task& task);
  // Executes a controller instruction (the controller only).
  virtual void Control(const Op& op);

  // `span` at this engine's cursor when it lies in a ring (program.proto, v2), else itself.
  BufferSpan Resolve(const BufferSpan& span) const {
    if (span.ring == nullptr) return span;
    const RingInfo& ring = *span.ring;
    const int64_t slot = (cursors_[ring.index] + span.window) % ring.depth;
    BufferSpan resolved = span;
    resolved.ring = nullptr;
    resolved.begin += ring.address + slot * ring.object_bytes;
    resolved.end += ring.address + slot * ring.object_bytes;
    return resolved;
  }
  // While the controller waits for a free task slot or a token, and while a channel waits for
  // a task.
  void BeginControlWait(const Op& op, bool token) {
    wait_ = WaitState{token ? WaitKind::kToken : WaitKind::kQueueFull, &op};
  }
  void EndControlWait() { wait_.kind = WaitKind::kRunning; }
  // A slice named `name` (not an instruction's mnemonic), in per-instruction traces only.
  void TraceNamed(const std::string& name, sc_core::sc_time start, sc_core::sc_time duration) const;
  // A slice of an instruction, if this group is traced per instruction.
  void TraceInstruction(const Op& op, sc_core::sc_time start, sc_core::sc_time duration,
                        uint32_t iteration, const char* amount_key, uint64_t amount);
  // Accounts a transfer or compute for the group-granularity slice.
  void NoteWork(const Op& op, const char* amount_key) {
    if (group_label_ == nullptr) group_label_ = op.label;
    group_amount_key_ = amount_key;
    group_amount_ += op.amount;
  }
  // Invariant 'memory bounds': throws unless `span` in `iteration` lies in the engine's memory;
  // `what` names the buffer ("transfer", "compute input"). An empty span touches nothing.
  void CheckInMemory(const BufferSpan& span, uint32_t iteration, const char* what) const;
  // The access of `buffer` (whose span is `span`) in `iteration`, for LiveAccesses.
  LiveAccess AccessOf(AccessKind kind, const char* what, const isa::Buffer& buffer,
                      const BufferSpan& span, uint32_t iteration) const;
  LiveAccesses& live_accesses() const { return memory_; }
  // "layer L group G: <engine>, iteration i", for messages.
  std::string Where(uint32_t iteration) const;

  // While waiting on the other side(s) of a route.
  void BeginRouteWait(const Op& op) { wait_ = WaitState{WaitKind::kRoute, &op}; }
  void EndRouteWait() { wait_.kind = WaitKind::kRunning; }

  const ModelContext& context_;
  stats::EngineCounters counters_;

 private:
  enum class WaitKind { kIdle, kRunning, kLock, kRoute, kQueueFull, kToken, kTask, kFailed };
  struct WaitState {
    WaitKind kind = WaitKind::kIdle;
    const Op* op = nullptr;
  };

  void Run();
  void RunGroup();
  void RunOps(uint32_t iteration);
  void ServeTasks();
  void Acquire(const Op& op, uint32_t iteration);
  void Release(const Op& op, uint32_t iteration);
  void Handshake();
  // Invariant 'lock range' for an acquire or a release about to happen.
  void CheckLockOp(const Op& op, uint32_t iteration, bool release) const;

  const isa::Engine engine_;
  const std::string engine_name_;
  LockUnit& own_locks_;
  LiveAccesses& memory_;
  const uint64_t memory_bytes_;  // of the memory its addresses refer to
  std::vector<Op> ops_;
  std::vector<uint64_t> loops_;    // trips left of the loops being run, innermost last
  std::vector<uint32_t> cursors_;  // per ring of the layer (RingInfo::index)
  uint32_t cursor_layer_ = 0;      // layer_serial + 1 of the cursors; 0 = none yet
  GroupRun run_;
  bool has_work_ = false;
  sc_core::sc_event start_event_;
  WaitState wait_;
  trace::TrackId track_ = 0;
  // The group-granularity slice of the current group.
  const TraceLabel* group_label_ = nullptr;
  const char* group_amount_key_ = "";
  uint64_t group_amount_ = 0;
};

}  // namespace aie2sim::model
