#include "sim/model/live_accesses.h"

#include <algorithm>

#include "sim/base/error.h"
#include "sim/isa/region_walk.h"
#include "sim/model/invariants.h"

namespace aie2sim::model {

LiveAccesses::Handle LiveAccesses::Register(const LiveAccess& access) {
  AIE2SIM_CHECK(access.engine != nullptr && access.buffer != nullptr,
                memory_name_ + ": an access without an engine or a buffer");
  // The new access takes the first free slot; it becomes live only once it conflicts with none.
  size_t handle = 0;
  while (handle < slots_.size() && slots_[handle].live) ++handle;
  if (handle == slots_.size()) slots_.emplace_back();
  Slot& slot = slots_[handle];
  slot.access = access;
  slot.has_runs = false;
  if (access.end > access.begin) {
    for (Slot& other : slots_) {
      if (!other.live || other.access.engine == access.engine) continue;
      if (access.kind == AccessKind::kRead && other.access.kind == AccessKind::kRead) continue;
      if (other.access.end <= access.begin || access.end <= other.access.begin) continue;
      // The spans overlap: compare the exact bytes.
      int64_t byte = 0;
      if (!CommonByte(RunsOf(slot), RunsOf(other), &byte)) continue;
      InvariantBroken("no overlapping live buffers", GroupWhere(access.layer, access.group),
                      memory_name_ + ": " + Describe(access) + " while " + Describe(other.access) +
                          ": both touch byte " + std::to_string(byte));
    }
  }
  slot.live = true;
  ++live_count_;
  return static_cast<Handle>(handle);
}

void LiveAccesses::Release(Handle handle) {
  AIE2SIM_CHECK(handle < slots_.size() && slots_[handle].live,
                memory_name_ + ": release of an access that is not live");
  slots_[handle].live = false;
  --live_count_;
}

std::string LiveAccesses::DescribeLive() const {
  std::string text;
  for (const Slot& slot : slots_) {
    if (!slot.live) continue;
    if (!text.empty()) text += "; ";
    text += Describe(slot.access);
  }
  return text;
}

const std::vector<LiveAccesses::Run>& LiveAccesses::RunsOf(Slot& slot) {
  if (slot.has_runs) return slot.runs;
  std::vector<Run>& runs = slot.runs;
  runs.clear();
  const LiveAccess& access = slot.access;
  isa::ForEachRun(
      access.buffer->region(), isa::BufferAddress(*access.buffer, access.iteration),
      [&runs](int64_t address, int64_t length) { runs.emplace_back(address, address + length); });
  if (!std::is_sorted(runs.begin(), runs.end())) std::sort(runs.begin(), runs.end());
  // Merge touching and overlapping runs in place.
  size_t merged = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    if (merged > 0 && runs[i].first <= runs[merged - 1].second) {
      runs[merged - 1].second = std::max(runs[merged - 1].second, runs[i].second);
    } else {
      runs[merged++] = runs[i];
    }
  }
  runs.resize(merged);
  slot.has_runs = true;
  return runs;
}

bool LiveAccesses::CommonByte(const std::vector<Run>& a, const std::vector<Run>& b, int64_t* byte) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const int64_t first = std::max(a[i].first, b[j].first);
    if (first < std::min(a[i].second, b[j].second)) {
      *byte = first;
      return true;
    }
    if (a[i].second < b[j].second) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

std::string LiveAccesses::Describe(const LiveAccess& access) const {
  return *access.engine + (access.kind == AccessKind::kWrite ? " writes " : " reads ") +
         access.what + " bytes [" + std::to_string(access.begin) + ", " +
         std::to_string(access.end) + ") in iteration " + std::to_string(access.iteration);
}

}  // namespace aie2sim::model
