#include "sim/model/array.h"

namespace aie2sim::model {

Array::Array(sc_core::sc_module_name name, const ModelContext& context)
    : sc_core::sc_module(name),
      rows_(context.config.array.rows),
      columns_(context.config.array.columns),
      ddr_("ddr", context.config, context.timing.ddr_contention),
      ddr_memory_("DDR"),
      links_(context.config.array, context.config.stream),
      shims_("shim"),
      memtiles_("memtile"),
      cores_("core") {
  shims_.init(columns_, [&](const char* tile_name, size_t column) {
    return new ShimTile(tile_name, static_cast<uint32_t>(column), ddr_memory_, context);
  });
  memtiles_.init(columns_, [&](const char* tile_name, size_t column) {
    return new MemTile(tile_name, static_cast<uint32_t>(column), context);
  });
  cores_.init(static_cast<size_t>(rows_) * columns_, [&](const char* tile_name, size_t index) {
    return new CoreTile(tile_name, static_cast<uint32_t>(index % rows_),
                        static_cast<uint32_t>(index / rows_), context);
  });
  auto append = [this](const std::vector<EngineModule*>& tile_engines) {
    engines_.insert(engines_.end(), tile_engines.begin(), tile_engines.end());
  };
  for (ShimTile& shim : shims_) append(shim.engines());
  for (MemTile& memtile : memtiles_) append(memtile.engines());
  for (CoreTile& core : cores_) append(core.engines());
  isa::Engine controller;
  controller.set_kind(isa::CONTROLLER);
  controller_ = std::make_unique<Controller>("controller", controller, shims_[0].locks(),
                                             ddr_memory_, context);
  engines_.push_back(controller_.get());
}

LiveAccesses* Array::FindMemory(isa::TileKind kind, int64_t column, int64_t row) {
  if (kind == isa::MEMTILE && column >= 0 && column < columns_ && row == 0) {
    return &memtiles_[static_cast<size_t>(column)].memory();
  }
  CoreTile* core = kind == isa::CORE ? FindCore(row, column) : nullptr;
  return core != nullptr ? &core->memory() : nullptr;
}

std::vector<const LiveAccesses*> Array::memories() const {
  std::vector<const LiveAccesses*> memories{&ddr_memory_};
  for (const MemTile& memtile : memtiles_) memories.push_back(&memtile.memory());
  for (const CoreTile& core : cores_) memories.push_back(&core.memory());
  return memories;
}

CoreTile* Array::FindCore(int64_t row, int64_t column) {
  if (row < 0 || row >= rows_ || column < 0 || column >= columns_) return nullptr;
  return &cores_[static_cast<size_t>(column) * rows_ + static_cast<size_t>(row)];
}

EngineModule* Array::FindEngine(const isa::Engine& engine) {
  const uint32_t column = engine.column();
  switch (engine.tile()) {
    case isa::SHIM:
      if (column >= columns_ || engine.row() != 0) return nullptr;
      return shims_[column].FindEngine(engine.kind(), engine.channel());
    case isa::MEMTILE:
      if (column >= columns_ || engine.row() != 0) return nullptr;
      return memtiles_[column].FindEngine(engine.kind(), engine.channel());
    case isa::CORE: {
      CoreTile* core = FindCore(engine.row(), column);
      return core != nullptr ? core->FindEngine(engine.kind(), engine.channel()) : nullptr;
    }
    case isa::TILE_KIND_UNSPECIFIED:
      return engine.kind() == isa::CONTROLLER ? controller_.get() : nullptr;
    default:
      return nullptr;
  }
}

LockUnit* Array::FindLocks(isa::TileKind kind, int64_t column, int64_t row) {
  const bool in_columns = column >= 0 && column < columns_;
  switch (kind) {
    case isa::SHIM:
      return in_columns && row == 0 ? &shims_[static_cast<size_t>(column)].locks() : nullptr;
    case isa::MEMTILE:
      return in_columns && row == 0 ? &memtiles_[static_cast<size_t>(column)].locks() : nullptr;
    case isa::CORE: {
      CoreTile* core = FindCore(row, column);
      return core != nullptr ? &core->locks() : nullptr;
    }
    default:
      return nullptr;
  }
}

void Array::AttachTrace(trace::TraceSink& sink) {
  uint32_t pid = 0;
  auto attach = [&sink, &pid](const std::string& tile_name,
                              const std::vector<EngineModule*>& tile_engines) {
    uint32_t tid = 0;
    for (EngineModule* engine : tile_engines) {
      const std::string& name = engine->engine_name();
      const size_t dot = name.find('.');
      const std::string thread = dot == std::string::npos ? name : name.substr(dot + 1);
      engine->set_trace_track(sink.AddTrack(pid, tile_name, tid++, thread));
    }
    ++pid;
  };
  for (ShimTile& shim : shims_) attach(shim.tile_name(), shim.engines());
  for (MemTile& memtile : memtiles_) attach(memtile.tile_name(), memtile.engines());
  for (CoreTile& core : cores_) attach(core.tile_name(), core.engines());
}

}  // namespace aie2sim::model
