// Lowering pass 5, core streams: each core's Worker body as its processor's instruction stream.
//
// Contract: loops stay loops (a program's size follows the design's text, not its trip counts).
// acquire(fifo, n) acquires only the objects not already held (held counts as in the object
// counts pass) on the FIFO ring's lock -- free when the core produces it, full when it consumes
// it -- naming the ring's tile when it is a neighbour's (shared memory); release(fifo, n)
// releases the other lock by n and advances the core's cursor on the ring by n. A kernel call
// is a compute of its kernel class with the call site's work, its inputs (at most two) and
// output the held objects at their window positions. acquire_lock / release_lock act on the
// core's declared locks.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void EmitCoreStreams(LoweringState& state);

}  // namespace aie2sim::design
