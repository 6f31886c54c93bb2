// Lowering pass 1, placement check: the design's tiles against the config's geometry.
//
// Contract: every tile a FIFO, core or runtime action names lies in the array (columns x
// (shim row 0, memtile row 1, core rows 2..rows+1)) and is of the kind its use needs (a `cores`
// entry on a core row, once per tile); a core that a FIFO names has a `cores` entry; a FIFO
// has no endpoint twice and does not join two shims (no stream path); links name existing FIFOs.
// Fills state.fifos, state.fifo_index and state.cores. Errors name the entity and the tile.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void CheckPlacement(LoweringState& state);

}  // namespace aie2sim::design
