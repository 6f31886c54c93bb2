// The semaphore locks of one tile (AIE2: 16 per core tile and shim, 64 per memtile).
//
// Contract (AIE2 acquire_ge / release semantics, see program.proto):
//  * TryAcquire(id, v) succeeds, subtracting v, iff the value is >= v; an engine that fails
//    waits on released_event(id) and tries again (no FIFO order among waiters is promised, as
//    in hardware).
//  * Release(id, v) adds v and wakes the waiters in the same delta cycle. A value above kMaxValue
//    (63, the 6-bit limit) is a bug of the program and throws InternalError naming the lock and the
//    releasing engine.
//  * Set(id, v) is a layer's LockInit.
// The unit only holds state; the engine that waits accounts for the time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <systemc>

#include "sim/arch/target_model.h"

namespace aie2sim::model {

class LockUnit : public sc_core::sc_module {
 public:
  static constexpr uint32_t kMaxValue = arch::kLockMaxValue;  // 6-bit values

  // `tile_name` is isa::TileName of the owning tile, used in messages ("core(0,1)").
  LockUnit(sc_core::sc_module_name name, std::string tile_name, uint32_t count);

  uint32_t count() const { return count_; }
  const std::string& tile_name() const { return tile_name_; }
  uint32_t value(uint32_t id) const { return locks_[Checked(id)].value; }

  void Set(uint32_t id, uint32_t value);
  bool TryAcquire(uint32_t id, uint32_t value) {
    Lock& lock = locks_[Checked(id)];
    if (lock.value < value) return false;
    lock.value -= value;
    return true;
  }
  void Release(uint32_t id, uint32_t value, const std::string& releaser);
  const sc_core::sc_event& released_event(uint32_t id) const {
    return locks_[Checked(id)].released;
  }

 private:
  struct Lock {
    uint32_t value = 0;
    sc_core::sc_event released;
  };

  uint32_t Checked(uint32_t id) const;

  std::string tile_name_;
  uint32_t count_;
  std::unique_ptr<Lock[]> locks_;
};

}  // namespace aie2sim::model
