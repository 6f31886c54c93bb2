// Lowering pass 2, held objects and object counts: how many bytes each FIFO moves in one run.
//
// Contract: walks every core body statically, tracking the objects held per FIFO: acquire(n)
// takes the missing ones (held ones are returned again, oldest first), release(n) frees the
// oldest n of those held. A core acquires only FIFOs it produces or consumes, never releases
// more than it holds, uses a kernel argument fifo[j] only while it holds more than j objects,
// holds as many objects at a loop's end as at its entry (else "... loop ...: fifo X held A at
// entry, B at the end"), and none when its body ends (each run releases what it took); lock ops
// name the core's declared locks. Then each FIFO's bytes per run follow from its ends: a core's
// releases, the runtime sequence's fills and drains on a shim, and links through memtiles
// (forward: equal bytes; distribute and join: one memtile object per object of each FIFO on the
// many side). Ends that disagree, or a FIFO no end determines, are UserErrors naming the FIFO.
// Fills state.released, state.fifos[].bytes_per_run, state.host_address.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void CountObjects(LoweringState& state);

}  // namespace aie2sim::design
