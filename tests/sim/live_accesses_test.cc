// LiveAccesses, the registry behind the invariant 'no overlapping live buffers', on its own (no
// simulation): which pairs of accesses conflict, exact byte sets for strided regions whose spans
// overlap, and slot reuse. The class is built in every build; only the model's use of it depends
// on the invariant checks.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/base/error.h"
#include "sim/isa/program_builder.h"
#include "sim/model/live_accesses.h"

namespace aie2sim::model {
namespace {

using testing::HasSubstr;

const std::string kEngineA = "memtile(0).s2mm0";
const std::string kEngineB = "memtile(0).s2mm1";
const std::string kEngineC = "memtile(0).mm2s0";

// An access of `buffer` in iteration 0 by `engine`; the span is computed from the region.
LiveAccess AccessOf(const std::string& engine, AccessKind kind, const isa::Buffer& buffer,
                    uint32_t iteration = 0) {
  LiveAccess access;
  access.kind = kind;
  access.what = "transfer";
  access.engine = &engine;
  access.layer = "conv1";
  access.group = "body";
  access.iteration = iteration;
  access.buffer = &buffer;
  int64_t low = 0;
  int64_t high = 0;
  for (const isa::Dim& dim : buffer.region().dims()) {
    const int64_t reach = static_cast<int64_t>(dim.size() - 1) * dim.stride();
    (reach < 0 ? low : high) += reach;
  }
  const int64_t address = static_cast<int64_t>(buffer.region().address()) +
                          static_cast<int64_t>(iteration) * buffer.step() +
                          (iteration % 2 == 1 ? static_cast<int64_t>(buffer.pingpong_offset()) : 0);
  access.begin = address + low;
  access.end = address + high + 1;
  return access;
}

isa::Buffer Strided(uint64_t address, std::vector<std::pair<uint32_t, int64_t>> dims) {
  return isa::MakeBuffer(isa::MakeRegion(address, dims));
}

TEST(LiveAccesses, OverlappingWritesOfTwoEnginesConflict) {
  LiveAccesses memory("memtile(0)");
  const isa::Buffer a = Strided(0, {{4096, 1}});
  const isa::Buffer b = Strided(4000, {{1000, 1}});
  memory.Register(AccessOf(kEngineA, AccessKind::kWrite, a));
  try {
    memory.Register(AccessOf(kEngineB, AccessKind::kWrite, b));
    FAIL() << "expected a conflict";
  } catch (const InternalError& error) {
    EXPECT_EQ(std::string(error.what()),
              "invariant 'no overlapping live buffers' broken: layer conv1 group body: "
              "memtile(0): memtile(0).s2mm1 writes transfer bytes [4000, 5000) in iteration 0 "
              "while memtile(0).s2mm0 writes transfer bytes [0, 4096) in iteration 0: both touch "
              "byte 4000");
  }
  EXPECT_EQ(memory.live_count(), 1u);
}

TEST(LiveAccesses, ReadsShareWritesDoNot) {
  LiveAccesses memory("core(0,0)");
  const isa::Buffer buffer = Strided(0, {{1024, 1}});
  memory.Register(AccessOf(kEngineA, AccessKind::kRead, buffer));
  memory.Register(AccessOf(kEngineB, AccessKind::kRead, buffer));  // read + read: fine
  EXPECT_THROW(memory.Register(AccessOf(kEngineC, AccessKind::kWrite, buffer)), InternalError);
}

TEST(LiveAccesses, OneEnginesAccessesNeverConflict) {
  LiveAccesses memory("core(0,0)");
  const isa::Buffer buffer = Strided(0, {{1024, 1}});
  memory.Register(AccessOf(kEngineA, AccessKind::kRead, buffer));
  memory.Register(AccessOf(kEngineA, AccessKind::kWrite, buffer));
  EXPECT_EQ(memory.live_count(), 2u);
}

// Two outputs of 8 channels in alternating channel ranges of 16-channel pixels: their spans
// overlap, their bytes do not; a third that is shifted by 4 channels hits both.
TEST(LiveAccesses, InterleavedStridedRegionsAreComparedByteForByte) {
  LiveAccesses memory("memtile(0)");
  const isa::Buffer even = Strided(0, {{8, 1}, {8, 16}, {4, 128}});
  const isa::Buffer odd = Strided(8, {{8, 1}, {8, 16}, {4, 128}});
  const isa::Buffer shifted = Strided(4, {{8, 1}, {8, 16}, {4, 128}});
  memory.Register(AccessOf(kEngineA, AccessKind::kWrite, even));
  memory.Register(AccessOf(kEngineB, AccessKind::kWrite, odd));
  try {
    memory.Register(AccessOf(kEngineC, AccessKind::kRead, shifted));
    FAIL() << "expected a conflict";
  } catch (const InternalError& error) {
    EXPECT_THAT(error.what(), HasSubstr("memtile(0).mm2s0 reads transfer bytes [4, 508)"));
    EXPECT_THAT(error.what(), HasSubstr("both touch byte 4"));
  }
}

// A region walked backwards (negative stride) holds the same bytes as the forward one.
TEST(LiveAccesses, NegativeStridesAreSortedBeforeComparing) {
  LiveAccesses memory("DDR");
  const isa::Buffer forward = Strided(0, {{8, 1}, {16, 32}});
  const isa::Buffer backward = Strided(15 * 32 + 16, {{8, 1}, {16, -32}});
  const isa::Buffer between = Strided(8, {{8, 1}, {16, 32}});
  memory.Register(AccessOf(kEngineA, AccessKind::kWrite, forward));
  memory.Register(AccessOf(kEngineB, AccessKind::kWrite, between));
  // [16, 24) + k * 32 against [0, 8) + k * 32 and [8, 16) + k * 32: disjoint.
  memory.Register(AccessOf(kEngineC, AccessKind::kWrite, backward));
  EXPECT_EQ(memory.live_count(), 3u);
}

// Ping/pong: the same buffer in consecutive iterations lies in different halves.
TEST(LiveAccesses, PingPongHalvesOfConsecutiveIterationsAreDisjoint) {
  LiveAccesses memory("core(0,0)");
  const isa::Buffer buffer = isa::MakeBuffer(isa::Contiguous(0, 4096), 0, 4096);
  memory.Register(AccessOf(kEngineA, AccessKind::kRead, buffer, 0));
  memory.Register(AccessOf(kEngineB, AccessKind::kWrite, buffer, 1));
  EXPECT_THROW(memory.Register(AccessOf(kEngineC, AccessKind::kWrite, buffer, 2)), InternalError);
}

TEST(LiveAccesses, ReleasedAccessesFreeTheirBytesAndSlots) {
  LiveAccesses memory("memtile(0)");
  const isa::Buffer buffer = Strided(0, {{64, 1}});
  const LiveAccesses::Handle first =
      memory.Register(AccessOf(kEngineA, AccessKind::kWrite, buffer));
  memory.Release(first);
  EXPECT_EQ(memory.live_count(), 0u);
  const LiveAccesses::Handle second =
      memory.Register(AccessOf(kEngineB, AccessKind::kWrite, buffer));
  EXPECT_EQ(second, first);  // the slot is reused
  EXPECT_EQ(memory.DescribeLive(), "memtile(0).s2mm1 writes transfer bytes [0, 64) in iteration 0");
  EXPECT_THROW(memory.Release(first + 1), InternalError);
}

}  // namespace
}  // namespace aie2sim::model
