// The top module of the model: every tile of the configured array (a shim, a memtile and `rows`
// core tiles per column) and the DDR, built from the config and wired here, in one place.
//
// Contract: the Array answers "which engine / which locks is this" for the LayerSequencer and
// the OpCompiler in O(1), and lists every engine in one fixed order (shims, memtiles, cores; by
// column, then row; DMA channels then processor; the controller last), the order of stats and
// deadlock reports. The controller (program.proto, v2) runs only in designs; it has no trace
// track.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/controller.h"
#include "sim/model/core_tile.h"
#include "sim/model/ddr_model.h"
#include "sim/model/link_network.h"
#include "sim/model/live_accesses.h"
#include "sim/model/mem_tile.h"
#include "sim/model/model_context.h"
#include "sim/model/shim_tile.h"
#include "sim/trace/trace_sink_if.h"

namespace aie2sim::model {

class Array : public sc_core::sc_module {
 public:
  Array(sc_core::sc_module_name name, const ModelContext& context);

  // The engine, or null when the config has no such engine.
  EngineModule* FindEngine(const isa::Engine& engine);
  // The locks of a tile, or null when the config has no such tile.
  LockUnit* FindLocks(isa::TileKind kind, int64_t column, int64_t row);
  // The accesses in flight in a memtile's or core's memory, or null (invariant checks).
  LiveAccesses* FindMemory(isa::TileKind kind, int64_t column, int64_t row);
  DdrModel& ddr() { return ddr_; }
  LinkNetwork& links() { return links_; }
  const std::vector<EngineModule*>& engines() const { return engines_; }
  // The accesses in flight in every memory: DDR, memtiles by column, cores as cores_ (invariant
  // checks).
  std::vector<const LiveAccesses*> memories() const;

  // Declares one trace track per engine: a process per tile (shims, memtiles, then cores), a
  // thread per engine named by the part of its EngineName after the tile ("s2mm0", "proc").
  void AttachTrace(trace::TraceSink& sink);

 private:
  CoreTile* FindCore(int64_t row, int64_t column);

  const uint32_t rows_;
  const uint32_t columns_;
  DdrModel ddr_;
  LiveAccesses ddr_memory_;  // before shims_: their channels point at it
  LinkNetwork links_;
  sc_core::sc_vector<ShimTile> shims_;    // by column
  sc_core::sc_vector<MemTile> memtiles_;  // by column
  sc_core::sc_vector<CoreTile> cores_;    // column-major: column * rows + row
  std::unique_ptr<Controller> controller_;
  std::vector<EngineModule*> engines_;
};

}  // namespace aie2sim::model
