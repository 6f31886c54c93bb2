// AIE2 lock semantics in the SystemC model: acquire(v) blocks until the value is >= v and then
// subtracts v, release(v) adds v and wakes the waiters, 6-bit values overflow into an error,
// and memtile channels may use a neighbouring memtile's locks.
#include <string>

#include <gtest/gtest.h>

#include "sim/base/error.h"
#include "sim/model/invariants.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::CoreProcessor;
using isa::MemtileChannel;

const isa::Engine kCoreOut = CoreChannel(0, 0, isa::MM2S, 0);
const isa::Engine kMemtileIn = MemtileChannel(0, isa::S2MM, 0);

// A layer whose core(0,0).mm2s0 sends 4096 B (1024 cycles) per transfer to memtile(0).s2mm0.
isa::Layer* WriteLayer(isa::Program* program) {
  isa::Layer* layer = AddLayer(program, "conv");
  isa::AddRoute(layer, 1, kCoreOut, {kMemtileIn});
  return layer;
}

// The sender waits on L0 until the processor releases it after 700 cycles of compute.
TEST(Locks, AcquireBlocksUntilRelease) {
  isa::Program program;
  isa::Group* group = AddGroup(WriteLayer(&program), "body", 1);
  Compute(group, 0, 0, 700 * kMacsPerCycle);
  Release(group, CoreProcessor(0, 0), 0, 1);
  Acquire(group, kCoreOut, 0, 1);
  Move(group, kCoreOut, {kMemtileIn}, 1, 4096);

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(700 + 1024), kPicosecond);
  EXPECT_NEAR(StatsOf(result, "core(0,0).mm2s0").lock_wait_s, CyclesToSeconds(700), kPicosecond);
  // The receiver waited for the sender's side of the route meanwhile.
  EXPECT_NEAR(StatsOf(result, "memtile(0).s2mm0").link_wait_s, CyclesToSeconds(700), kPicosecond);
}

// acquire(2) needs the value to reach 2: two releases of 1, after 300 and 300 + 500 cycles.
TEST(Locks, AcquireWaitsUntilTheValueReachesItsArgument) {
  isa::Program program;
  isa::Group* group = AddGroup(WriteLayer(&program), "body", 1);
  Compute(group, 0, 0, 300 * kMacsPerCycle);
  Release(group, CoreProcessor(0, 0), 0, 1);
  Compute(group, 0, 0, 500 * kMacsPerCycle);
  Release(group, CoreProcessor(0, 0), 0, 1);
  Acquire(group, kCoreOut, 0, 2);
  Move(group, kCoreOut, {kMemtileIn}, 1, 4096);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(800 + 1024), kPicosecond);
}

// Acquire subtracts: with L0 = 3 the first acquire(2) passes at once and leaves 1, so the
// second acquire(2) waits for the release at 3000 cycles.
TEST(Locks, AcquireSubtractsItsValue) {
  isa::Program program;
  isa::Layer* layer = WriteLayer(&program);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 0, 3);
  isa::Group* group = AddGroup(layer, "body", 1);
  Compute(group, 0, 0, 3000 * kMacsPerCycle);
  Release(group, CoreProcessor(0, 0), 0, 1);
  for (int transfer = 0; transfer < 2; ++transfer) {
    Acquire(group, kCoreOut, 0, 2);
    Move(group, kCoreOut, {kMemtileIn}, 1, 4096);
  }

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(3000 + 1024), kPicosecond);
}

// One release of 3 lets three acquire(1) through, back to back.
TEST(Locks, ReleaseAddsItsValue) {
  isa::Program program;
  isa::Group* group = AddGroup(WriteLayer(&program), "body", 1);
  Compute(group, 0, 0, 100 * kMacsPerCycle);
  Release(group, CoreProcessor(0, 0), 0, 3);
  for (int transfer = 0; transfer < 3; ++transfer) {
    Acquire(group, kCoreOut, 0, 1);
    Move(group, kCoreOut, {kMemtileIn}, 1, 4096);
  }

  const model::SimResult result = RunModel(PaperConfig(), program);
  EXPECT_NEAR(result.total_s, CyclesToSeconds(100 + 3 * 1024), kPicosecond);
  EXPECT_EQ(StatsOf(result, "core(0,0).mm2s0").instructions, 6u);
}

// Lock values persist across groups of a layer and are reset by the next layer's inits.
TEST(Locks, ValuesPersistAcrossGroupsAndLayerInitsResetThem) {
  isa::Program program;
  isa::Layer* first = WriteLayer(&program);
  Release(AddGroup(first, "produce", 1), CoreProcessor(0, 0), 0, 1);
  isa::Group* consume = AddGroup(first, "consume", 1);
  Acquire(consume, kCoreOut, 0, 1);
  Move(consume, kCoreOut, {kMemtileIn}, 1, 4096);
  isa::Layer* second = WriteLayer(&program);
  second->set_name("conv2");
  isa::AddLockInit(second, isa::CORE, 0, 0, 0, 1);
  isa::Group* again = AddGroup(second, "consume", 1);
  Acquire(again, kCoreOut, 0, 1);
  Move(again, kCoreOut, {kMemtileIn}, 1, 4096);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(2 * 1024), kPicosecond);
}

// 63 is the largest 6-bit value: a release beyond it is a program bug, found in every build and
// named by its place (a user's program file gets exit 2 with this message).
TEST(Locks, ReleaseAbove63IsAnError) {
  isa::Program program;
  isa::Layer* layer = WriteLayer(&program);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 4, 63);
  Release(AddGroup(layer, "body", 1), CoreProcessor(0, 0), 4, 1);

  try {
    RunModel(PaperConfig(), program);
    FAIL() << "expected a lock overflow";
  } catch (const ProgramError& error) {
    EXPECT_EQ(std::string(error.what()),
              "invariant 'lock range' broken: layer conv group body: core(0,0).proc, iteration "
              "0: release L4 by 1 from 63 would exceed 63");
  }
}

// Memtile channels reach the west/east memtile's locks through column_offset: memtile(1)'s
// sender waits on memtile(0)'s L7, released by a memtile(0) channel after its own transfer.
TEST(Locks, MemtileChannelsUseTheNeighboursLocks) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  const isa::Engine west = MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine east = MemtileChannel(1, isa::MM2S, 0);
  isa::AddRoute(layer, 1, west, {CoreChannel(0, 0, isa::S2MM, 0)});
  isa::AddRoute(layer, 2, east, {CoreChannel(0, 1, isa::S2MM, 0)});
  isa::Group* group = AddGroup(layer, "body", 1);
  Move(group, west, {CoreChannel(0, 0, isa::S2MM, 0)}, 1, 4096);
  Release(group, west, 7, 1);
  Acquire(group, east, 7, 1, /*column_offset=*/-1);
  Move(group, east, {CoreChannel(0, 1, isa::S2MM, 0)}, 2, 4096);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(2 * 1024), kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
