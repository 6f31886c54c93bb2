// Program v2 designs in the SystemC model (program.proto): nested loops (counts 1, 2 and large), a
// ring of depth 3 with a sliding window, byte-stream routes with unequal transfer sizes (an 8 KiB
// task into 2 KiB objects, 4 KiB into two 2 KiB), a shared-memory FIFO between vertically
// adjacent cores, a controller stalled by a full task queue, "idle at end" versus deadlock, and
// DESIGNS.md card 2 (vector_scalar_mul), and the end of a design: idle engines, deadlocks,
// unmatched route bytes, engines still running. Paper config: 1 ns cycles, 4 B/cycle streams and
// DDR channels, so 1024 B take 256 cycles; each program also passes the validator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/isa/program_builder.h"
#include "sim/isa/validator.h"
#include "tests/sim/sim_test_support.h"
#include "tests/unit/design_programs.h"

namespace aie2sim::sim_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Validates, then simulates.
model::SimResult RunValid(const arch::HardwareConfig& config, const isa::Program& program) {
  EXPECT_THAT(isa::ValidateProgram(program, config), IsEmpty());
  return RunModel(config, program);
}

void ExpectCycles(const model::SimResult& result, double cycles) {
  EXPECT_NEAR(result.total_s, CyclesToSeconds(cycles), 4 * kPicosecond);
}

// memtile(0).mm2s0 sends `count` x 1024 B to core(0,0).s2mm0, both in a loop.
model::SimResult RunLoopedStream(uint64_t count) {
  const arch::HardwareConfig config = PaperConfig(1, 1);
  test_support::Design design(config, "loop");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Engine source = isa::MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine sink = isa::CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, source, {sink});
  const isa::Buffer buffer = isa::MakeBuffer(isa::Contiguous(0, 1024));
  Append(group, source, isa::LoopOp(count, {isa::TransferOp(1, isa::ACTIVATIONS, buffer)}));
  Append(group, sink, isa::LoopOp(count, {isa::TransferOp(1, isa::ACTIVATIONS, buffer)}));
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 256.0 * count);
  EXPECT_EQ(StatsOf(result, "core(0,0).s2mm0").instructions, count);
  EXPECT_EQ(StatsOf(result, "core(0,0).s2mm0").bytes, 1024 * count);
  return result;
}

TEST(ProgramV2, LoopOfOne) { RunLoopedStream(1); }
TEST(ProgramV2, LoopOfTwo) { RunLoopedStream(2); }
TEST(ProgramV2, LargeLoopStaysOneInstruction) { RunLoopedStream(100000); }

TEST(ProgramV2, NestedLoops) {
  // Loop 3 { Loop 2 { 2 cycles }; 1 cycle }: 3 x (2 x 2 + 1) = 15 cycles, 9 computes.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  test_support::Design design(config, "nested");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Buffer none;
  const isa::Instruction two = isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 512, none, none, none);
  const isa::Instruction one = isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 256, none, none, none);
  Append(group, isa::CoreProcessor(0, 0), isa::LoopOp(3, {isa::LoopOp(2, {two}), one}));
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 15);
  EXPECT_EQ(StatsOf(result, "core(0,0).proc").instructions, 9u);
}

TEST(ProgramV2, RingOfDepthThreeWithASlidingWindow) {
  // 5 objects of 1 KiB (256 cycles each) into a ring of depth 3; the core computes over windows
  // (0,1,2), (1,2,3), (2,3,4), 1000 cycles each: acquire 3 then 1 at a time, release 1.
  // Objects arrive at 256, 512, 768; window 1 runs 768..1768 and frees one object, which
  // arrives at 2024; window 2 runs 2024..3024; object 5 arrives at 3280; window 3 ends at 4280.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  test_support::Design design(config, "window");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Engine source = isa::MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine sink = isa::CoreChannel(0, 0, isa::S2MM, 0);
  const isa::Engine proc = isa::CoreProcessor(0, 0);
  isa::AddRoute(layer, 1, source, {sink});
  isa::AddRing(layer, 1, "rows", isa::MakeTile(isa::CORE, 0, 0), 0x4000, 1024, 3);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 0, 3);  // producer
  isa::AddLockInit(layer, isa::CORE, 0, 0, 1, 0);  // consumer
  Append(group, source,
         isa::LoopOp(
             5, {isa::TransferOp(1, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0, 1024)))}));
  Append(group, sink,
         isa::LoopOp(5, {isa::AcquireOp(0, 1),
                         isa::TransferOp(1, isa::ACTIVATIONS, isa::RingBuffer(1, 0, 1024)),
                         isa::ReleaseRing(1, 1, 1)}));
  // One call reads the whole window: input w0, weights w1, output w2 (each 1 KiB).
  const isa::Instruction window =
      isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 256000, isa::RingBuffer(1, 0, 1024),
                        isa::RingBuffer(1, 1, 1024), isa::RingBuffer(1, 2, 1024));
  Append(group, proc, isa::AcquireOp(1, 3));
  Append(group, proc, window);
  Append(group, proc, isa::ReleaseRing(0, 1, 1));
  Append(group, proc, isa::LoopOp(2, {isa::AcquireOp(1, 1), window, isa::ReleaseRing(0, 1, 1)}));
  Append(group, proc, isa::ReleaseRing(0, 2, 1));
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 4280);
}

// A design: the controller pushes `task_bytes` (in `repeat` runs of one task, with a token) on
// shim(0).mm2s0 to core(0,0).s2mm0, which receives 4 x 2 KiB objects into a ring of depth 2 that
// the core copies (2048 B at 64 B/cycle = 32 cycles), then awaits the token.
isa::Program EightKibIntoTwoKibObjects(const arch::HardwareConfig& config, uint32_t task_bytes,
                                       uint32_t repeat) {
  test_support::Design design(config, "bytes");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Engine shim = isa::ShimChannel(0, isa::MM2S, 0);
  const isa::Engine sink = isa::CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, shim, {sink});
  isa::AddRing(layer, 1, "in", isa::MakeTile(isa::CORE, 0, 0), 0, 2048, 2);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 0, 2);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 1, 0);
  Append(group, isa::Controller(),
         isa::PushTaskOp(
             shim,
             isa::TransferOp(1, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0, task_bytes))),
             repeat, true));
  Append(group, isa::Controller(), isa::AwaitTokenOp(shim));
  Append(group, sink,
         isa::LoopOp(4, {isa::AcquireOp(0, 1),
                         isa::TransferOp(1, isa::ACTIVATIONS, isa::RingBuffer(1, 0, 2048)),
                         isa::ReleaseRing(1, 1, 1)}));
  const isa::Buffer none;
  Append(group, isa::CoreProcessor(0, 0),
         isa::LoopOp(
             4, {isa::AcquireOp(1, 1),
                 isa::KernelCallOp(isa::KERNEL_COPY, 2048, isa::RingBuffer(1, 0, 2048), none, none),
                 isa::ReleaseRing(0, 1, 1)}));
  return program;
}

TEST(ProgramV2, EightKibTaskIntoTwoKibObjects) {
  const arch::HardwareConfig config = PaperConfig(1, 1);
  const model::SimResult result = RunValid(config, EightKibIntoTwoKibObjects(config, 8192, 1));
  ExpectCycles(result, 2048);
  EXPECT_EQ(StatsOf(result, "shim(0).mm2s0").bytes, 8192u);
  EXPECT_EQ(StatsOf(result, "core(0,0).s2mm0").bytes, 8192u);
  EXPECT_THAT(result.idle_at_end, IsEmpty());
}

TEST(ProgramV2, ShimTaskPaysItsSetupOnce) {
  // DMA setup 100 cycles: the shim task pays it once (0..100) for all its runs; each core BD
  // pays its own, 4 times, stalling the stream 100 cycles between objects:
  // 100 + 4 x 512 + 3 x 100.
  arch::HardwareConfig config = PaperConfig(1, 1);
  config.overheads.dma_setup_cycles = 100;
  config = OnlyEffect(config, arch::Effect::kDmaSetup);
  const model::SimResult result = RunValid(config, EightKibIntoTwoKibObjects(config, 4096, 2));
  ExpectCycles(result, 100 + 4 * 512 + 3 * 100);
}

TEST(ProgramV2, FourKibObjectsIntoTwoKibObjects) {
  // The memtile sends 2 x 4 KiB, the core receives 4 x 2 KiB: one byte stream of 2048 cycles.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  test_support::Design design(config, "split");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Engine source = isa::MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine sink = isa::CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, source, {sink});
  Append(group, source,
         isa::LoopOp(
             2, {isa::TransferOp(1, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0, 4096)))}));
  Append(group, sink,
         isa::LoopOp(
             4, {isa::TransferOp(1, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0, 2048)))}));
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 2048);
  EXPECT_EQ(StatsOf(result, "memtile(0).mm2s0").instructions, 2u);
  EXPECT_EQ(StatsOf(result, "core(0,0).s2mm0").instructions, 4u);
}

TEST(ProgramV2, SharedMemoryFifoBetweenVerticallyAdjacentCores) {
  // core(0,0) produces 4 objects (1000 cycles each) into a ring of depth 2 in its own memory;
  // core(1,0), its north neighbour, consumes each (500 cycles) through core(0,0)'s locks: no
  // DMA, 4 x 1000 + 500 cycles.
  const arch::HardwareConfig config = PaperConfig(2, 1);
  test_support::Design design(config, "fifo");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::Program& program = design.program();
  const isa::Tile below = isa::MakeTile(isa::CORE, 0, 0);
  isa::AddRing(layer, 1, "shared", below, 0, 1024, 2);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 0, 2);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 1, 0);
  const isa::Buffer none;
  Append(group, isa::CoreProcessor(0, 0),
         isa::LoopOp(4, {isa::AcquireOp(0, 1),
                         isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 256000, none, none,
                                           isa::RingBuffer(1, 0, 1024)),
                         isa::ReleaseRing(1, 1, 1)}));
  Append(group, isa::CoreProcessor(1, 0),
         isa::LoopOp(4, {isa::AcquireAt(below, 1, 1),
                         isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 128000,
                                           isa::RingBuffer(1, 0, 1024), none, none),
                         isa::ReleaseRing(0, 1, 1, &below)}));
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 4500);
}

TEST(ProgramV2, ControllerStallsOnAFullTaskQueue) {
  // Depth 1: task 1 starts at once, task 2 waits in the queue, the third push stalls until the
  // channel takes task 2 at 256; the token comes at 768.
  arch::HardwareConfig config = PaperConfig(1, 1);
  config.shim.task_queue_depth = 1;
  const model::SimResult result = RunValid(config, test_support::ThreeTasks(config));
  ExpectCycles(result, 768);
  EXPECT_NEAR(StatsOf(result, "controller").lock_wait_s, CyclesToSeconds(256), kPicosecond);
  EXPECT_EQ(StatsOf(result, "shim(0).mm2s0").instructions, 3u);
}

TEST(ProgramV2, ControllerDoesNotStallWithADeepQueue) {
  const arch::HardwareConfig config = PaperConfig(1, 1);  // depth 4
  const model::SimResult result = RunValid(config, test_support::ThreeTasks(config));
  ExpectCycles(result, 768);
  EXPECT_EQ(StatsOf(result, "controller").lock_wait_s, 0.0);
}

TEST(ProgramV2, VectorScalarMulLikeCardTwo) {
  // Objects of A arrive every 512 cycles; each call takes 1024 / 32 = 32 cycles; each output
  // object streams out for 512 cycles right after its call: the last ends at 4 x 512 + 32 + 512.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  const model::SimResult result = RunValid(config, test_support::VectorScalarMulProgram(config));
  ExpectCycles(result, 2592);
  EXPECT_THAT(result.idle_at_end, IsEmpty());
  EXPECT_EQ(result.traffic.ddr_read_bytes, 8196u);
  EXPECT_EQ(result.traffic.ddr_write_bytes, 8192u);
}

TEST(ProgramV2, WorkerLoopIsIdleAtEndNotDeadlocked) {
  // The Worker's loop runs "forever": after the run it waits for the next factor.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  isa::Program program = test_support::VectorScalarMulProgram(config);
  isa::Stream* proc =
      isa::StreamFor(program.mutable_layers(0)->mutable_groups(0), isa::CoreProcessor(0, 0));
  const isa::Instruction forever = isa::LoopOp(
      0xFFFFFFFF, {proc->instructions(0), proc->instructions(1), proc->instructions(2)});
  proc->clear_instructions();
  *proc->add_instructions() = forever;
  const model::SimResult result = RunValid(config, program);
  ExpectCycles(result, 2592);
  EXPECT_THAT(result.idle_at_end, ElementsAre("core(0,0).proc waits for acquire L3>=1 (value 0)"));
}

TEST(ProgramV2, ControllerThatCannotFinishIsADeadlock) {
  // No room for output objects: the core never computes, the drain never ends.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  isa::Program program = test_support::VectorScalarMulProgram(config);
  program.mutable_layers(0)->mutable_lock_inits(4)->set_value(0);  // out producer lock L4
  try {
    RunValid(config, program);
    FAIL() << "expected a deadlock";
  } catch (const model::DeadlockError& error) {
    EXPECT_THAT(error.what(), HasSubstr("blocked in layer vector_scalar_mul group run"));
    EXPECT_THAT(error.blocked(), ::testing::Contains("controller waits for a token from "
                                                     "shim(0).s2mm0"));
    EXPECT_THAT(error.blocked(),
                ::testing::Contains("core(0,0).proc waits for acquire L4>=1 (value 0)"));
  }
}

TEST(ProgramV2, UnmatchedBytesAtTheEndNameTheRoute) {
  // The controller does not await the 8 KiB fill, only a 4 KiB task on another channel (1024
  // cycles), and the core frees no object: the fill is left inside its transfer after 4 KiB.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  isa::Program program = EightKibIntoTwoKibObjects(config, 8192, 1);
  isa::Layer* layer = program.mutable_layers(0);
  isa::Group* group = layer->mutable_groups(0);
  isa::Stream* controller = isa::StreamFor(group, isa::Controller());
  controller->mutable_instructions(0)->mutable_push_task()->set_issue_token(false);
  controller->mutable_instructions()->RemoveLast();
  const isa::Engine other = isa::ShimChannel(0, isa::MM2S, 1);
  const isa::Engine sink = isa::CoreChannel(0, 0, isa::S2MM, 1);
  isa::AddRoute(layer, 2, other, {sink});
  const isa::Instruction task =
      isa::TransferOp(2, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0x8000, 4096)));
  *controller->add_instructions() = isa::PushTaskOp(other, task, 1, true);
  *controller->add_instructions() = isa::AwaitTokenOp(other);
  Append(group, sink, task);
  isa::StreamFor(group, isa::CoreProcessor(0, 0))->clear_instructions();
  *isa::StreamFor(group, isa::CoreProcessor(0, 0))->add_instructions() = isa::AcquireOp(1, 4);
  try {
    RunModel(config, program);
    FAIL() << "expected unmatched bytes";
  } catch (const model::DesignEndError& error) {
    EXPECT_STREQ(error.what(),
                 "route 1: unmatched bytes at the end: shim(0).mm2s0 sent 8192 B, "
                 "core(0,0).s2mm0 received 4096 B");
  }
}

TEST(ProgramV2, EngineStillRunningLongAfterTheControllerIsAnError) {
  // The controller's run takes 768 cycles; a core loop of a million 1-cycle calls without locks
  // is still running when the model stops at twice that.
  const arch::HardwareConfig config = PaperConfig(1, 1);
  isa::Program program = test_support::ThreeTasks(config);
  isa::Group* group = program.mutable_layers(0)->mutable_groups(0);
  const isa::Buffer none;
  Append(group, isa::CoreProcessor(0, 0),
         isa::LoopOp(1000000, {isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 256, none, none, none)}));
  try {
    RunValid(config, program);
    FAIL() << "expected an engine still running";
  } catch (const model::DesignEndError& error) {
    EXPECT_STREQ(error.what(),
                 "core(0,0).proc still runs at 1.536 us, long after the controller finished at "
                 "0.768 us");
  }
}

}  // namespace
}  // namespace aie2sim::sim_test
