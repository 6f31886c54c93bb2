#include "compiler/design/placement.h"

#include <set>

#include "sim/base/error.h"

namespace aie2sim::design {
namespace {

std::string Geometry(const arch::HardwareConfig& config) {
  return config.name + " has " + std::to_string(config.array.columns) +
         " columns and rows 0 (shim), 1 (memtile), 2.." + std::to_string(config.array.rows + 1) +
         " (cores)";
}

void CheckInArray(const LoweringState& state, const TilePos& tile, const std::string& where) {
  const arch::HardwareConfig& config = *state.config;
  if (tile.column >= config.array.columns || tile.row > config.array.rows + 1) {
    throw UserError(where + ": unknown tile " + tile.ToString() + ": " + Geometry(config));
  }
}

}  // namespace

void CheckPlacement(LoweringState& state) {
  const Design& design = *state.design;
  for (const Core& core : design.cores) {
    CheckInArray(state, core.tile, core.where);
    if (!core.tile.IsCore()) {
      throw UserError(core.where + ": " + TileName(core.tile) +
                      " is not a core tile (rows 2 and up)");
    }
    if (!state.cores.emplace(core.tile, &core).second) {
      throw UserError(core.where + ": a second entry for " + TileName(core.tile));
    }
  }
  for (const Fifo& fifo : design.fifos) {
    std::set<TilePos> seen;
    std::vector<TilePos> ends = {fifo.producer.tile};
    for (const Endpoint& consumer : fifo.consumers) ends.push_back(consumer.tile);
    for (const TilePos& tile : ends) {
      CheckInArray(state, tile, fifo.where);
      if (!seen.insert(tile).second) {
        throw UserError(fifo.where + ": " + TileName(tile) + " is an endpoint twice");
      }
      if (tile.IsCore() && !state.cores.count(tile)) {
        throw UserError(fifo.where + ": " + TileName(tile) +
                        " has no entry in cores (no Worker acquires or releases this FIFO)");
      }
    }
    for (const Endpoint& consumer : fifo.consumers) {
      if (fifo.producer.tile.IsShim() && consumer.tile.IsShim()) {
        throw UserError(fifo.where + ": consumer " + TileName(consumer.tile) +
                        " is not reachable from " + TileName(fifo.producer.tile) +
                        ": a shim's stream goes into the array, not to another shim");
      }
    }
    state.fifo_index[fifo.name] = state.fifos.size();
    FifoState fifo_state;
    fifo_state.fifo = &fifo;
    fifo_state.consumer_rings.resize(fifo.consumers.size());
    state.fifos.push_back(fifo_state);
  }
  for (const Link& link : design.links) {
    for (const auto* side : {&link.from, &link.to}) {
      for (const LinkEnd& end : *side) {
        if (!state.fifo_index.count(end.fifo)) {
          throw UserError(link.where + ": unknown FIFO \"" + end.fifo + "\"");
        }
      }
    }
  }
  for (const SequenceOp& op : design.sequence) {
    if (op.kind == SequenceOp::Kind::kWrite || op.kind == SequenceOp::Kind::kSetLock) {
      CheckInArray(state, op.tile, op.where);
      if (!state.cores.count(op.tile)) {
        throw UserError(op.where + ": " + TileName(op.tile) + " has no entry in cores");
      }
    }
  }
}

}  // namespace aie2sim::design
