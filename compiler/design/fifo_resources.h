// Lowering pass 3, FIFO resources: rings in tile memory, lock pairs with their initial values,
// DMA channels and BDs, routes, and the memtile links' rings.
//
// Contract: a FIFO with one consumer, no access pattern and producer and consumer cores that
// share memory (a core uses its own, west, north and south neighbours' memory, DESIGNS.md 0.2)
// becomes one ring without DMA: in the consumer's memory when the producer can reach it, else in
// the producer's. Every other FIFO is a route: one MM2S channel of its producer to an S2MM
// channel of every consumer (a broadcast is one route with several destinations), with a ring of
// the endpoint's depth on each core end; shim ends are run by the controller (no ring). A
// memtile end belongs to exactly one link: the memtile holds one ring of the link's object
// (forward: the larger of the two sizes, which must divide each other; distribute: the input's,
// join: the output's, with each FIFO of the many side a non-overlapping slice at its byte
// offset) and of the largest depth its FIFOs give there, with one lock pair per FIFO on the many
// side. Memory is laid out per tile from address 0 (a core's stack first, then rings in FIFO
// order, then declared buffers, 16-byte aligned); a tile whose memory, locks, channels of one
// direction or BDs (a ring counts its depth per DMA transfer using it) run out is a UserError
// naming the tile, the limit and its users. Fills the FifoState / LinkState resources, the
// layer's rings, lock inits and routes, and state.tiles.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void AssignFifoResources(LoweringState& state);

// Whether a core at `user` may use the memory and locks of the core at `owner`.
bool SharesMemory(const TilePos& user, const TilePos& owner);

}  // namespace aie2sim::design
