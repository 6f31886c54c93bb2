// Lowering pass 6, runtime sequence: the controller's stream.
//
// Contract: the unrolled runtime sequence, in order. A fill pushes tasks on the MM2S channel of
// its FIFO's shim producer, a drain on the S2MM channel of its shim consumer, each transfer in
// DDR (host buffers laid out from address 0, 4 KiB aligned) as access_pattern.h lowers it (the
// last task of a transfer issues the token when asked); an await waits for one token of its
// FIFO's shim channel; a write sets a 32-bit word of a core's declared buffer; set_lock sets a
// core's declared lock. Shim patterns needing more dimensions than a shim BD has are UserErrors
// naming the action.
#pragma once

#include "compiler/design/lowering_state.h"

namespace aie2sim::design {

void EmitSequence(LoweringState& state);

}  // namespace aie2sim::design
