// The model's invariant checks (sim/model/invariants.h), on in Debug and sanitizer builds: a
// hand-built program that breaks one (bypassing the validator, as Simulate does not re-validate)
// stops the simulation with an InvariantError (an InternalError) naming the invariant, the layer,
// the group, the engine and the iteration; programs that keep their buffers apart the way a
// compiler does (locked ping/pong halves, interleaved strided outputs, broadcasts, concurrent
// reads) pass. The tests of broken invariants are skipped in builds without the checks.
#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/base/error.h"
#include "sim/model/invariants.h"
#include "tests/sim/sim_test_support.h"
#include "tests/unit/design_programs.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::CoreProcessor;
using isa::MemtileChannel;
using isa::ShimChannel;
using testing::AllOf;
using testing::HasSubstr;
using testing::StartsWith;

#define SKIP_WITHOUT_INVARIANT_CHECKS()                                             \
  do {                                                                              \
    if (!model::kCheckInvariants) GTEST_SKIP() << "built without invariant checks"; \
  } while (false)

// The message of the InvariantError (an InternalError) the simulation of `program` ends with
// ("" and a failure if it ends otherwise).
std::string InvariantErrorOf(const arch::HardwareConfig& config, const isa::Program& program) {
  try {
    RunModel(config, program);
  } catch (const model::InvariantError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InvariantError";
  return "";
}

// One side of `route` moving `buffer` on `engine`.
void SideOf(isa::Group* group, const isa::Engine& engine, uint32_t route, const isa::Buffer& buffer,
            isa::DataKind data = isa::ACTIVATIONS) {
  Append(group, engine, isa::TransferOp(route, data, buffer));
}

// A compute of `macs` on core(row, column) reading `input` and writing `output`.
void ComputeOn(isa::Group* group, uint32_t row, uint32_t column, uint64_t macs,
               const isa::Buffer& input, const isa::Buffer& output) {
  isa::Compute compute;
  compute.set_kernel(isa::CONV);
  compute.set_macs(macs);
  compute.set_density(1.0);
  *compute.mutable_input() = input;
  *compute.mutable_output() = output;
  Append(group, CoreProcessor(row, column), isa::ComputeOp(compute));
}

// ---- memory bounds ----------------------------------------------------------------------------

// The receiving core's buffer steps 31000 B per iteration: iteration 2 reaches past 64 KiB.
TEST(InvariantMemoryBounds, TransferLeavesCoreMemoryInALaterIteration) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  const isa::Engine sender = MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine receiver = CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, sender, {receiver});
  isa::Group* group = AddGroup(layer, "body", 3);
  Side(group, sender, 1, 4096);
  SideOf(group, receiver, 1, isa::MakeBuffer(isa::Contiguous(0, 4096), /*step=*/31000));

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'memory bounds' broken: layer conv1 group body: core(0,0).s2mm0, "
            "iteration 2: transfer bytes [62000, 66096) outside core(0,0) memory [0, 65536)");
}

// The memtile's pong half lies past its 512 KiB.
TEST(InvariantMemoryBounds, PongHalfLeavesMemtileMemory) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  const isa::Engine sender = MemtileChannel(0, isa::MM2S, 0);
  const isa::Engine receiver = CoreChannel(0, 0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, sender, {receiver});
  isa::Group* group = AddGroup(layer, "body", 2);
  SideOf(group, sender, 1,
         isa::MakeBuffer(isa::Contiguous(512 * 1024 - 4096, 4096), 0, /*pingpong_offset=*/4096));
  Side(group, receiver, 1, 4096);

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'memory bounds' broken: layer conv1 group body: memtile(0).mm2s0, "
            "iteration 1: transfer bytes [524288, 528384) outside memtile(0) memory [0, 524288)");
}

// A shim channel reads past the end of a 1 MiB DDR.
TEST(InvariantMemoryBounds, ShimReadLeavesDdr) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  arch::HardwareConfig config = PaperConfig();
  config.ddr.size_bytes = 1 << 20;
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "load");
  const isa::Engine sender = ShimChannel(0, isa::MM2S, 0);
  const isa::Engine receiver = MemtileChannel(0, isa::S2MM, 0);
  isa::AddRoute(layer, 1, sender, {receiver});
  isa::Group* group = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  SideAt(group, sender, 1, 4096, (1 << 20) - 100);
  Side(group, receiver, 1, 4096);

  EXPECT_EQ(InvariantErrorOf(config, program),
            "invariant 'memory bounds' broken: layer load group load: shim(0).mm2s0, iteration 0: "
            "transfer bytes [1048476, 1052572) outside DDR memory [0, 1048576)");
}

// A compute whose output buffer runs past the core's memory.
TEST(InvariantMemoryBounds, ComputeOutputLeavesCoreMemory) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  ComputeOn(AddGroup(layer, "body", 1), 1, 2, 256 * 100, isa::MakeBuffer(isa::Contiguous(0, 1024)),
            isa::MakeBuffer(isa::Contiguous(65000, 1024)));

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'memory bounds' broken: layer conv1 group body: core(1,2).proc, "
            "iteration 0: compute output bytes [65000, 66024) outside core(1,2) memory "
            "[0, 65536)");
}

// ---- lock range -------------------------------------------------------------------------------

TEST(InvariantLockRange, AcquireValueAbove63) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  Acquire(AddGroup(layer, "body", 1), CoreProcessor(0, 0), 2, 64);

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'lock range' broken: layer conv1 group body: core(0,0).proc, iteration 0: "
            "acquire L2 by 64: values are 6-bit (at most 63)");
}

// L4 starts at 60 and is released once per iteration: the fourth release would make it 64.
TEST(InvariantLockRange, ReleaseAbove63InALaterIteration) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::AddLockInit(layer, isa::CORE, 0, 0, 4, 60);
  Release(AddGroup(layer, "body", 5), CoreProcessor(0, 0), 4, 1);

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'lock range' broken: layer conv1 group body: core(0,0).proc, iteration 3: "
            "release L4 by 1 from 63 would exceed 63");
}

// A memtile channel releasing its east neighbour's lock names that memtile's lock.
TEST(InvariantLockRange, NeighbourLockIsNamedByItsTile) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "halo");
  isa::AddLockInit(layer, isa::MEMTILE, 2, 0, 9, 63);
  Release(AddGroup(layer, "body", 1), MemtileChannel(1, isa::S2MM, 0), 9, 1, /*column_offset=*/1);

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'lock range' broken: layer halo group body: memtile(1).s2mm0, iteration 0: "
            "release memtile(2).L9 by 1 from 63 would exceed 63");
}

TEST(InvariantLockRange, LockInitAbove63) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::AddLockInit(layer, isa::CORE, 0, 1, 1, 64);
  AddGroup(layer, "body", 1);

  EXPECT_EQ(InvariantErrorOf(PaperConfig(), program),
            "invariant 'lock range' broken: layer conv1: lock init core(1,0).L1 = 64: values are "
            "6-bit (at most 63)");
}

// ---- no overlapping live buffers --------------------------------------------------------------

// Two cores store 4096 B each into memtile(0) at the same time, the second from byte 2048.
TEST(InvariantLiveBuffers, TwoCoresWriteOneMemtileRange) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::Group* group = AddGroup(layer, "store", 1);
  for (uint32_t row = 0; row < 2; ++row) {
    const isa::Engine sender = CoreChannel(row, 0, isa::MM2S, 0);
    const isa::Engine receiver = MemtileChannel(0, isa::S2MM, row);
    isa::AddRoute(layer, 1 + row, sender, {receiver});
    Side(group, sender, 1 + row, 4096, isa::OUTPUT);
    SideAt(group, receiver, 1 + row, 4096, 2048 * row, isa::OUTPUT);
  }

  const std::string message = InvariantErrorOf(PaperConfig(), program);
  EXPECT_THAT(message,
              AllOf(StartsWith("invariant 'no overlapping live buffers' broken: layer conv1 group "
                               "store: memtile(0): memtile(0).s2mm"),
                    HasSubstr("memtile(0).s2mm0 writes transfer bytes [0, 4096) in iteration 0"),
                    HasSubstr("memtile(0).s2mm1 writes transfer bytes [2048, 6144) in iteration 0"),
                    HasSubstr("both touch byte 2048")));
}

// memtile(0) sends [0, 4096) to a core while another core's output lands in [1024, 2048).
TEST(InvariantLiveBuffers, WriteIntoARangeAnotherEngineReads) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::Group* group = AddGroup(layer, "body", 1);
  isa::AddRoute(layer, 1, MemtileChannel(0, isa::MM2S, 0), {CoreChannel(0, 0, isa::S2MM, 0)});
  Move(group, MemtileChannel(0, isa::MM2S, 0), {CoreChannel(0, 0, isa::S2MM, 0)}, 1, 4096);
  isa::AddRoute(layer, 2, CoreChannel(1, 0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 1)});
  Side(group, CoreChannel(1, 0, isa::MM2S, 0), 2, 1024, isa::OUTPUT);
  SideAt(group, MemtileChannel(0, isa::S2MM, 1), 2, 1024, 1024, isa::OUTPUT);

  const std::string message = InvariantErrorOf(PaperConfig(), program);
  EXPECT_THAT(message,
              AllOf(StartsWith("invariant 'no overlapping live buffers' broken: layer conv1 group "
                               "body: memtile(0): "),
                    HasSubstr("memtile(0).mm2s0 reads transfer bytes [0, 4096) in iteration 0"),
                    HasSubstr("memtile(0).s2mm1 writes transfer bytes [1024, 2048) in iteration 0"),
                    HasSubstr("both touch byte 1024")));
}

// The ping/pong pipeline of sim_test_support.h on one core, with real buffers: the core
// receives into `input` and computes from it into `output`, which it sends. The locks allow two
// subvolumes in flight, so the input and output buffers must toggle between halves.
isa::Program PingPongWithBuffers(const isa::Buffer& input, const isa::Buffer& output) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::Group* group = AddPingPongGroup(layer, "body", 0, 1, 6, 4096, 2000 * kMacsPerCycle, 1024);
  for (isa::Stream& stream : *group->mutable_streams()) {
    const isa::Engine& engine = stream.engine();
    if (engine.tile() != isa::CORE) continue;
    for (isa::Instruction& instruction : *stream.mutable_instructions()) {
      if (instruction.has_transfer()) {
        *instruction.mutable_transfer()->mutable_buffer() =
            engine.kind() == isa::S2MM ? input : output;
      } else if (instruction.has_compute()) {
        *instruction.mutable_compute()->mutable_input() = input;
        *instruction.mutable_compute()->mutable_output() = output;
      }
    }
  }
  return program;
}

// Without the toggle, the next subvolume arrives in the buffer the core is computing from.
TEST(InvariantLiveBuffers, PingPongWithoutToggleOverwritesTheComputeInput) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  const isa::Program program =
      PingPongWithBuffers(isa::MakeBuffer(isa::Contiguous(0, 4096)),
                          isa::MakeBuffer(isa::Contiguous(kCoreOutAddress, 1024), 0, 1024));

  // Both start 1024 cycles in; either may find the other live.
  const std::string message = InvariantErrorOf(PaperConfig(), program);
  EXPECT_THAT(message,
              AllOf(StartsWith("invariant 'no overlapping live buffers' broken: layer conv1 group "
                               "body: core(0,0): core(0,0)."),
                    HasSubstr("core(0,0).s2mm0 writes transfer bytes [0, 4096) in iteration 1"),
                    HasSubstr("core(0,0).proc reads compute input bytes [0, 4096) in iteration 0"),
                    HasSubstr("both touch byte 0")));
}

// A ring of depth 2 at 0x4000 in core(0,0) (program.proto v2): core(0,0).s2mm0 receives 3
// objects of 1 KiB, the processor reads each for 2000 cycles; `credits` is the producer lock's
// initial value. Ring addresses follow the engines' cursors, so with 3 credits for 2 objects the
// third object lands on the one being read.
isa::Program RingProgram(const arch::HardwareConfig& config, uint32_t credits) {
  test_support::Design design(config, "ring");
  isa::Layer* layer = design.layer();
  isa::Group* group = design.group();
  isa::AddRoute(layer, 1, MemtileChannel(0, isa::MM2S, 0), {CoreChannel(0, 0, isa::S2MM, 0)});
  isa::AddRing(layer, 1, "in", isa::MakeTile(isa::CORE, 0, 0), 0x4000, 1024, 2);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 0, credits);
  isa::AddLockInit(layer, isa::CORE, 0, 0, 1, 0);
  Append(group, MemtileChannel(0, isa::MM2S, 0),
         isa::LoopOp(
             3, {isa::TransferOp(1, isa::ACTIVATIONS, isa::MakeBuffer(isa::Contiguous(0, 1024)))}));
  Append(group, CoreChannel(0, 0, isa::S2MM, 0),
         isa::LoopOp(3, {isa::AcquireOp(0, 1),
                         isa::TransferOp(1, isa::ACTIVATIONS, isa::RingBuffer(1, 0, 1024)),
                         isa::ReleaseRing(1, 1, 1)}));
  const isa::Buffer none;
  Append(group, CoreProcessor(0, 0),
         isa::LoopOp(3, {isa::AcquireOp(1, 1),
                         isa::KernelCallOp(isa::KERNEL_MM_I8_I32, 512000,
                                           isa::RingBuffer(1, 0, 1024), none, none),
                         isa::ReleaseRing(0, 1, 1)}));
  return design.program();
}

TEST(InvariantLiveBuffers, RingWithMoreCreditsThanObjectsOverwritesTheReader) {
  SKIP_WITHOUT_INVARIANT_CHECKS();
  const arch::HardwareConfig config = PaperConfig(1, 1);
  EXPECT_THAT(InvariantErrorOf(config, RingProgram(config, 3)),
              AllOf(HasSubstr("core(0,0).s2mm0 writes transfer bytes [16384, 17408)"),
                    HasSubstr("core(0,0).proc reads compute input bytes [16384, 17408)")));
}

TEST(InvariantLiveBuffers, RingWithOneCreditPerObjectPasses) {
  const arch::HardwareConfig config = PaperConfig(1, 1);
  EXPECT_NO_THROW(RunModel(config, RingProgram(config, 2)));
}

// With the toggle on both buffers, receive, compute and send overlap in time but never in bytes.
TEST(InvariantLiveBuffers, LockedPingPongHalvesPass) {
  const isa::Program program =
      PingPongWithBuffers(isa::MakeBuffer(isa::Contiguous(0, 4096), 0, 4096),
                          isa::MakeBuffer(isa::Contiguous(kCoreOutAddress, 1024), 0, 1024));

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s,
              CyclesToSeconds(PingPongCycles(1024, 2000, 256, 6)), kPicosecond);
}

// Four cores store 8 channels each of 16 pixels into alternating channel ranges of one memtile
// row (stride 32 B): their spans overlap, their bytes do not. memtile(0) broadcasts [0, 4096)
// to the cores and, at the same time, a second channel reads [2048, 6144) (reads may overlap).
TEST(InvariantLiveBuffers, InterleavedStoresBroadcastsAndSharedReadsPass) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  isa::Group* group = AddGroup(layer, "body", 1);
  std::vector<isa::Engine> cores;
  for (uint32_t row = 0; row < 4; ++row) cores.push_back(CoreChannel(row, 0, isa::S2MM, 0));
  isa::AddRoute(layer, 1, MemtileChannel(0, isa::MM2S, 0), cores);
  Move(group, MemtileChannel(0, isa::MM2S, 0), cores, 1, 4096);
  isa::AddRoute(layer, 2, MemtileChannel(0, isa::MM2S, 1), {CoreChannel(0, 1, isa::S2MM, 0)});
  SideAt(group, MemtileChannel(0, isa::MM2S, 1), 2, 4096, 2048);
  Side(group, CoreChannel(0, 1, isa::S2MM, 0), 2, 4096);
  for (uint32_t row = 0; row < 4; ++row) {
    const isa::Engine sender = CoreChannel(row, 0, isa::MM2S, 0);
    const isa::Engine receiver = MemtileChannel(0, isa::S2MM, row);
    isa::AddRoute(layer, 10 + row, sender, {receiver});
    SideAt(group, sender, 10 + row, 128, 32 * 1024, isa::OUTPUT);
    SideOf(group, receiver, 10 + row,
           isa::MakeBuffer(isa::MakeRegion(64 * 1024 + 8 * row, {{8, 1}, {16, 32}})), isa::OUTPUT);
  }

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(1024), kPicosecond);
}

// A compute may read and write one buffer (in place): one engine's accesses never conflict.
TEST(InvariantLiveBuffers, InPlaceComputePasses) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv1");
  const isa::Buffer buffer = isa::MakeBuffer(isa::Contiguous(0, 1024));
  ComputeOn(AddGroup(layer, "body", 2), 0, 0, 256 * 10, buffer, buffer);

  EXPECT_NEAR(RunModel(PaperConfig(), program).total_s, CyclesToSeconds(20), kPicosecond);
}

}  // namespace
}  // namespace aie2sim::sim_test
