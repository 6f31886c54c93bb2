// The accesses in flight in one memory (a memtile, a core's data memory, or DDR): the registry
// behind the invariant 'no overlapping live buffers' (invariants.h). Used only when
// kCheckInvariants is on.
//
// Contract:
//  * An engine registers an access when its bytes start to move (a transfer side once every side
//    of its route has arrived, a compute's buffers when it starts) and releases it, by the handle
//    Register returned, when they stop.
//  * Register throws InternalError ("invariant 'no overlapping live buffers' broken: ...", naming
//    the layer, group, both engines, their iterations and a common byte) when the new access
//    conflicts with a live access of another engine: both write, or one writes and the other
//    reads, some common byte. Accesses of one engine never conflict with each other.
//  * Cost: spans are compared first; only when two spans overlap, and one of the two writes, are
//    their exact byte sets built (each at most once per access: sorted, merged runs of the
//    region) and intersected. Slots and their run buffers are reused, so a steady state
//    allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/isa/program.pb.h"

namespace aie2sim::model {

enum class AccessKind : uint8_t { kRead, kWrite };

// One engine reading or writing one buffer in one iteration.
struct LiveAccess {
  AccessKind kind = AccessKind::kRead;
  const char* what = "";                // "transfer", "compute input", ...
  const std::string* engine = nullptr;  // isa::EngineName of the owner; identifies it
  std::string_view layer;
  std::string_view group;
  uint32_t iteration = 0;
  const isa::Buffer* buffer = nullptr;  // its bytes: the region placed for `iteration`
  int64_t begin = 0;                    // the region's span in `iteration`, [begin, end)
  int64_t end = 0;
};

class LiveAccesses {
 public:
  using Handle = uint32_t;

  // `memory_name` names the memory in messages: "memtile(0)", "core(1,2)", "DDR".
  explicit LiveAccesses(std::string memory_name) : memory_name_(std::move(memory_name)) {}

  // `access.buffer` must stay valid until Release.
  Handle Register(const LiveAccess& access);
  void Release(Handle handle);

  size_t live_count() const { return live_count_; }
  // The live accesses, "core(0,0).proc writes compute output [a, b) (iteration i); ...".
  std::string DescribeLive() const;
  const std::string& memory_name() const { return memory_name_; }

 private:
  using Run = std::pair<int64_t, int64_t>;  // [first, last)
  struct Slot {
    LiveAccess access;
    bool live = false;
    bool has_runs = false;
    std::vector<Run> runs;  // the exact bytes, sorted and merged; built on demand
  };

  const std::vector<Run>& RunsOf(Slot& slot);
  // Whether two run lists share a byte; the first such in `byte`.
  static bool CommonByte(const std::vector<Run>& a, const std::vector<Run>& b, int64_t* byte);
  std::string Describe(const LiveAccess& access) const;

  const std::string memory_name_;
  std::vector<Slot> slots_;
  size_t live_count_ = 0;
};

}  // namespace aie2sim::model
