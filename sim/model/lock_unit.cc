#include "sim/model/lock_unit.h"

#include <utility>

#include "sim/base/error.h"

namespace aie2sim::model {

LockUnit::LockUnit(sc_core::sc_module_name name, std::string tile_name, uint32_t count)
    : sc_core::sc_module(name),
      tile_name_(std::move(tile_name)),
      count_(count),
      locks_(new Lock[count]) {}

uint32_t LockUnit::Checked(uint32_t id) const {
  if (id >= count_) {
    throw ProgramError(tile_name_ + ": lock L" + std::to_string(id) + " does not exist (" +
                        std::to_string(count_) + " locks)");
  }
  return id;
}

void LockUnit::Set(uint32_t id, uint32_t value) {
  if (value > kMaxValue) {
    throw ProgramError(tile_name_ + ": lock init L" + std::to_string(id) + " = " +
                        std::to_string(value) + " exceeds " + std::to_string(kMaxValue));
  }
  Lock& lock = locks_[Checked(id)];
  lock.value = value;
  lock.released.notify();  // nobody waits between layers, but a raised value must be seen
}

void LockUnit::Release(uint32_t id, uint32_t value, const std::string& releaser) {
  Lock& lock = locks_[Checked(id)];
  const uint32_t raised = lock.value + value;
  if (raised > kMaxValue) {
    throw ProgramError("lock overflow: " + releaser + " releases " + tile_name_ + ".L" +
                        std::to_string(id) + " by " + std::to_string(value) + " to " +
                        std::to_string(raised) + " (6-bit locks hold at most " +
                        std::to_string(kMaxValue) + ")");
  }
  lock.value = raised;
  lock.released.notify();
}

}  // namespace aie2sim::model
