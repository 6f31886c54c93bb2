// Small constructors for Program pieces, shared by the code generator and hand-built test
// programs, so both spell engines, regions and instructions the same way.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

inline Engine MakeEngine(TileKind tile, uint32_t column, uint32_t row, EngineKind kind,
                         uint32_t channel) {
  Engine engine;
  engine.set_tile(tile);
  engine.set_column(column);
  engine.set_row(row);
  engine.set_kind(kind);
  engine.set_channel(channel);
  return engine;
}
inline Engine ShimChannel(uint32_t column, EngineKind kind, uint32_t channel) {
  return MakeEngine(SHIM, column, 0, kind, channel);
}
inline Engine MemtileChannel(uint32_t column, EngineKind kind, uint32_t channel) {
  return MakeEngine(MEMTILE, column, 0, kind, channel);
}
inline Engine CoreChannel(uint32_t row, uint32_t column, EngineKind kind, uint32_t channel) {
  return MakeEngine(CORE, column, row, kind, channel);
}
inline Engine CoreProcessor(uint32_t row, uint32_t column) {
  return MakeEngine(CORE, column, row, PROCESSOR, 0);
}

// A region from (size, stride) pairs, innermost first.
inline Region MakeRegion(uint64_t address, const std::vector<std::pair<uint32_t, int64_t>>& dims) {
  Region region;
  region.set_address(address);
  for (const auto& [size, stride] : dims) {
    Dim* dim = region.add_dims();
    dim->set_size(size);
    dim->set_stride(stride);
  }
  return region;
}
inline Region Contiguous(uint64_t address, uint32_t bytes) {
  return MakeRegion(address, {{bytes, 1}});
}

inline Buffer MakeBuffer(const Region& region, int64_t step = 0, uint64_t pingpong_offset = 0) {
  Buffer buffer;
  *buffer.mutable_region() = region;
  buffer.set_step(step);
  buffer.set_pingpong_offset(pingpong_offset);
  return buffer;
}

inline Instruction AcquireOp(uint32_t lock, uint32_t value, int32_t column_offset = 0) {
  Instruction instruction;
  Acquire* acquire = instruction.mutable_acquire();
  acquire->mutable_lock()->set_id(lock);
  acquire->mutable_lock()->set_column_offset(column_offset);
  acquire->set_value(value);
  return instruction;
}
inline Instruction ReleaseOp(uint32_t lock, uint32_t value, int32_t column_offset = 0) {
  Instruction instruction;
  Release* release = instruction.mutable_release();
  release->mutable_lock()->set_id(lock);
  release->mutable_lock()->set_column_offset(column_offset);
  release->set_value(value);
  return instruction;
}
// bytes is derived from the region.
Instruction TransferOp(uint32_t route, DataKind data, const Buffer& buffer);
inline Instruction ComputeOp(const Compute& compute) {
  Instruction instruction;
  *instruction.mutable_compute() = compute;
  return instruction;
}

// The stream of `engine` in `group`, created on first use.
Stream* StreamFor(Group* group, const Engine& engine);

inline Route* AddRoute(Layer* layer, uint32_t id, const Engine& source,
                       const std::vector<Engine>& destinations) {
  Route* route = layer->add_routes();
  route->set_id(id);
  *route->mutable_source() = source;
  for (const Engine& destination : destinations) *route->add_destinations() = destination;
  return route;
}

// ---- v2 (program.proto): loops, rings, cross-tile locks, kernel classes, the controller ----

inline Tile MakeTile(TileKind kind, uint32_t column, uint32_t row) {
  Tile tile;
  tile.set_kind(kind);
  tile.set_column(column);
  tile.set_row(row);
  return tile;
}
inline Engine Controller() {
  Engine engine;
  engine.set_kind(CONTROLLER);
  return engine;
}

inline Instruction LoopOp(uint64_t count, const std::vector<Instruction>& body) {
  Instruction instruction;
  Loop* loop = instruction.mutable_loop();
  loop->set_count(count);
  for (const Instruction& inner : body) *loop->add_body() = inner;
  return instruction;
}

inline Ring* AddRing(Layer* layer, uint32_t id, const std::string& name, const Tile& tile,
                     uint64_t address, uint64_t object_bytes, uint32_t depth) {
  Ring* ring = layer->add_rings();
  ring->set_id(id);
  ring->set_name(name);
  *ring->mutable_tile() = tile;
  ring->set_address(address);
  ring->set_object_bytes(object_bytes);
  ring->set_depth(depth);
  return ring;
}
// Window position `window` of ring `ring`: `bytes` contiguous from the object's start.
inline Buffer RingBuffer(uint32_t ring, uint32_t window, uint32_t bytes) {
  Buffer buffer = MakeBuffer(Contiguous(0, bytes));
  buffer.set_ring(ring);
  buffer.set_window(window);
  return buffer;
}

// A lock of another tile (a core's neighbour's).
inline Instruction AcquireAt(const Tile& tile, uint32_t lock, uint32_t value) {
  Instruction instruction = AcquireOp(lock, value);
  *instruction.mutable_acquire()->mutable_lock()->mutable_tile() = tile;
  return instruction;
}
// A release that advances this engine's cursor on `ring` (0: none), of its own or `tile`'s lock.
inline Instruction ReleaseRing(uint32_t lock, uint32_t value, uint32_t ring,
                               const Tile* tile = nullptr) {
  Instruction instruction = ReleaseOp(lock, value);
  instruction.mutable_release()->set_ring(ring);
  if (tile != nullptr) *instruction.mutable_release()->mutable_lock()->mutable_tile() = *tile;
  return instruction;
}

// A call of a kernel class (priced by the config) on up to three buffers (no dims: unused).
inline Instruction KernelCallOp(KernelClass kernel_class, uint64_t work, const Buffer& input,
                                const Buffer& weights, const Buffer& output) {
  Instruction instruction;
  Compute* compute = instruction.mutable_compute();
  compute->set_kernel_class(kernel_class);
  compute->set_work(work);
  compute->set_density(1.0);
  *compute->mutable_input() = input;
  *compute->mutable_weights() = weights;
  *compute->mutable_output() = output;
  return instruction;
}

inline Instruction PushTaskOp(const Engine& channel, const Instruction& transfer, uint32_t repeat,
                              bool issue_token) {
  Instruction instruction;
  PushTask* push = instruction.mutable_push_task();
  *push->mutable_channel() = channel;
  *push->mutable_transfer() = transfer.transfer();
  push->set_repeat(repeat);
  push->set_issue_token(issue_token);
  return instruction;
}
inline Instruction AwaitTokenOp(const Engine& channel) {
  Instruction instruction;
  *instruction.mutable_await_token()->mutable_channel() = channel;
  return instruction;
}
inline Instruction SetLockOp(const Tile& tile, uint32_t lock, uint32_t value) {
  Instruction instruction;
  SetLock* set = instruction.mutable_set_lock();
  *set->mutable_tile() = tile;
  set->set_lock(lock);
  set->set_value(value);
  return instruction;
}
inline Instruction WriteWordOp(const Tile& tile, uint64_t address, uint32_t value) {
  Instruction instruction;
  WriteWord* write = instruction.mutable_write_word();
  *write->mutable_tile() = tile;
  write->set_address(address);
  write->set_value(value);
  return instruction;
}

inline void AddLockInit(Layer* layer, TileKind kind, uint32_t column, uint32_t row, uint32_t lock,
                        uint32_t value) {
  LockInit* init = layer->add_lock_inits();
  init->mutable_tile()->set_kind(kind);
  init->mutable_tile()->set_column(column);
  init->mutable_tile()->set_row(row);
  init->set_lock(lock);
  init->set_value(value);
}

}  // namespace aie2sim::isa
