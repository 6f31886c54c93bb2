// Lowering pass 4, DMA streams: the instruction streams of the core and memtile DMA channels.
//
// Contract: every DMA channel that is not a shim's (those the controller runs) gets one stream:
// a loop over the objects it moves in one run (object counts pass), each iteration acquiring its
// ring's lock(s), transferring one object (its window-0 object; a link's slice at its byte
// offset) and releasing the other lock(s), the last release advancing its ring cursor. A core's
// receiving channel writes free objects and releases them full; a sending channel the other way
// round. A memtile link's single-side channel takes (or gives) one lock of every many-side pair
// per object. A FIFO's access pattern (dims) is applied by its producer's sending channel over
// the whole transfer (access_pattern.h); a pattern needing more dimensions than the tile's BDs
// have is a UserError naming the FIFO.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void EmitDmaStreams(LoweringState& state);

}  // namespace aie2sim::design
