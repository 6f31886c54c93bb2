// Small constructors for Program pieces, shared by the code generator and hand-built test
// programs, so both spell engines, regions and instructions the same way.
#pragma once

#include <cstdint>
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
inline Region Contiguous(uint64_t address, uint32_t bytes) { return MakeRegion(address, {{bytes, 1}}); }

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
