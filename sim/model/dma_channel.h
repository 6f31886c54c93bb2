// One DMA channel of a tile: an MM2S channel sends its tile's memory into a stream, an S2MM
// channel writes a stream into its tile's memory. Each transfer op is one side of a route
// (StreamRoute), which it joins with the address span it touches in its tile's banks; in
// realistic mode every transfer first pays the DMA (BD) setup. A shim channel also serves the
// controller's task queue (program.proto, v2): a task is one BD, one setup for all its repeats.
// On a shim channel every task (a design's task, or one transfer of a compiled program, which
// the runtime issues as one task) starts no sooner than the issue spacing after the previous
// one started and then pays the shim task start cost (sim/arch/effects.h); the wait for the
// spacing counts as no engine activity (the channel waits for the runtime).
// The bytes count as a read (MM2S) or a write (S2MM) of the tile's memory level.
// With kCheckInvariants each transfer first checks 'memory bounds' and hands its route the access
// to register with its memory's LiveAccesses while the data moves (invariants.h).
#pragma once

#include <cstdint>

#include "sim/model/engine_module.h"
#include "sim/model/memory_banks.h"
#include "sim/stats/stats_collector.h"

namespace aie2sim::model {

class DmaChannel : public EngineModule {
 public:
  DmaChannel(sc_core::sc_module_name name, const isa::Engine& engine, LockUnit& own_locks,
             LiveAccesses& memory, const ModelContext& context, stats::MemoryLevel level,
             MemoryBanks* banks);

  TaskQueue* task_queue() override { return &tasks_; }

 protected:
  void Transfer(const Op& op, uint32_t iteration) override;
  void RunTask(const Task& task) override;

 private:
  void Setup();      // the DMA (BD) setup, realistic only
  void StartTask();  // a shim task's issue spacing and start cost, realistic only
  void Stream(const Op& op, uint32_t iteration);  // one side of the op's route

  const bool sends_;  // MM2S
  const bool shim_;   // a shim channel: its transfers are tasks
  // When this channel last started a task; meaningful once started_task_.
  sc_core::sc_time last_task_start_;
  bool started_task_ = false;
  const stats::MemoryLevel level_;
  MemoryBanks* const banks_;  // the tile's memory banks; null for DDR (shim)
  TaskQueue tasks_;           // used by shim channels of designs only
};

}  // namespace aie2sim::model
