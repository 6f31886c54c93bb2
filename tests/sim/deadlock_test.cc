// Deadlock detection: a program whose engines wait forever ends the simulation with a
// DeadlockError whose one-line message says where and when, and whose blocked() list names each
// blocked engine and the lock or the route (and the missing engines) it waits on.
#include <cstdio>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/model/deadlock_report.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::MemtileChannel;
using testing::ElementsAre;

const isa::Engine kLoader = MemtileChannel(0, isa::MM2S, 0);
const isa::Engine kReceiver = CoreChannel(1, 0, isa::S2MM, 0);

// Runs `program`, expecting a deadlock; returns it.
model::DeadlockError ExpectDeadlock(const isa::Program& program) {
  try {
    RunModel(PaperConfig(), program);
  } catch (const model::DeadlockError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a deadlock";
  return model::DeadlockError("none", "", 0, {});
}

// core(1,0).s2mm0 acquires L2, which nobody releases; the memtile waits for it on route 3.
TEST(Deadlock, AcquireThatNobodyReleasesNamesTheEngineAndTheLock) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::AddRoute(layer, 3, kLoader, {kReceiver});
  isa::Group* group = AddGroup(layer, "body", 4);
  Side(group, kLoader, 3, 4096);
  Acquire(group, kReceiver, 2, 1);
  Side(group, kReceiver, 3, 4096);

  const model::DeadlockError error = ExpectDeadlock(program);
  EXPECT_EQ(std::string(error.what()),
            "deadlock: 2 engines blocked in layer conv1 group body at 0.000 us: memtile(0).mm2s0 "
            "waits on route 3 for core(1,0).s2mm0; core(1,0).s2mm0 waits for acquire L2>=1 "
            "(value 0)");
  EXPECT_EQ(error.where(), "layer conv1 group body");
  EXPECT_THAT(error.blocked(), ElementsAre("memtile(0).mm2s0 waits on route 3 for core(1,0).s2mm0",
                                           "core(1,0).s2mm0 waits for acquire L2>=1 (value 0)"));
}

// The ping/pong chain with the processor's "rel in_prod 1" left out: in conv2 two loads go
// through on the two initial input buffers, both subvolumes are computed and stored (the last
// store ends 1024 + 1024 + 1 + 1024 = 3073 cycles into the layer), then the whole pipeline waits.
TEST(Deadlock, ReportsTheLayerGroupAndTimeWhereItStopped) {
  isa::Program program;
  AddPingPongGroup(AddLayer(&program, "warmup"), "body", 0, 1, 3, 4096, 256, 4096);
  isa::Layer* layer = AddLayer(&program, "conv2");
  AddGroup(layer, "head", 1);
  isa::Group* body = AddPingPongGroup(layer, "body", 0, 1, 3, 4096, 256, 4096);
  for (isa::Stream& stream : *body->mutable_streams()) {
    if (stream.engine().kind() == isa::PROCESSOR) {
      stream.mutable_instructions()->DeleteSubrange(3, 1);  // rel in_prod 1
    }
  }

  const model::DeadlockError error = ExpectDeadlock(program);
  const double stall_us = (PingPongCycles(1024, 1, 1024, 3) + 3073) * 1e-3;
  char expected[512];
  std::snprintf(expected, sizeof(expected),
                "deadlock: 5 engines blocked in layer conv2 group body at %.3f us: "
                "memtile(0).mm2s0 waits on route 100 for core(0,0).s2mm0; memtile(0).s2mm0 waits "
                "on route 200 for core(0,0).mm2s0; core(0,0).mm2s0 waits for acquire L3>=1 (value "
                "0); and 2 more",
                stall_us);
  EXPECT_EQ(std::string(error.what()), expected);
  EXPECT_NEAR(error.time_s(), stall_us * 1e-6, 1e-15);
  EXPECT_THAT(error.blocked(),
              ElementsAre("memtile(0).mm2s0 waits on route 100 for core(0,0).s2mm0",
                          "memtile(0).s2mm0 waits on route 200 for core(0,0).mm2s0",
                          "core(0,0).mm2s0 waits for acquire L3>=1 (value 0)",
                          "core(0,0).s2mm0 waits for acquire L0>=1 (value 0)",
                          "core(0,0).proc waits for acquire L1>=1 (value 0)"));
}

// A route whose sides disagree on the number of executions: the sender's second transfer has
// no receiver; the receiver has finished its stream and is not blocked.
TEST(Deadlock, UnmatchedTransferWaitsOnItsRoute) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::AddRoute(layer, 3, kLoader, {kReceiver});
  isa::Group* group = AddGroup(layer, "body", 1);
  Side(group, kLoader, 3, 4096);
  Side(group, kLoader, 3, 4096);
  Side(group, kReceiver, 3, 4096);

  const model::DeadlockError error = ExpectDeadlock(program);
  EXPECT_EQ(std::string(error.what()),
            "deadlock: 1 engine blocked in layer conv1 group body at 1.024 us: memtile(0).mm2s0 "
            "waits on route 3 for core(1,0).s2mm0");
  EXPECT_THAT(error.blocked(),
              ElementsAre("memtile(0).mm2s0 waits on route 3 for core(1,0).s2mm0"));
}

// A memtile channel waiting on its neighbour's lock names that memtile.
TEST(Deadlock, NeighbourLockWaitNamesTheOtherMemtile) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  Acquire(AddGroup(layer, "body", 1), MemtileChannel(1, isa::S2MM, 2), 9, 2, /*column_offset=*/1);

  const model::DeadlockError error = ExpectDeadlock(program);
  EXPECT_THAT(error.blocked(),
              ElementsAre("memtile(1).s2mm2 waits for acquire memtile(2).L9>=2 (value 0)"));
}

// The message format alone (deadlock_report.h), which every program engine shares: at most three
// entries, "; " between them, the rest counted.
TEST(Deadlock, MessageNamesTheFirstThreeAndCountsTheRest) {
  const std::vector<std::string> four = {"a waits for x", "b waits for y, z", "c waits", "d waits"};
  EXPECT_EQ(model::DeadlockMessage("layer l group g", 2.5e-6, four),
            "deadlock: 4 engines blocked in layer l group g at 2.500 us: a waits for x; b waits "
            "for y, z; c waits; and 1 more");
  EXPECT_EQ(model::DeadlockMessage("before the first layer", 0, {}),
            "deadlock: 0 engines blocked before the first layer at 0.000 us");
}

}  // namespace
}  // namespace aie2sim::sim_test
