// An untimed walk of a lowered design (program.proto v2, one group) that logs every acquire: the
// engine, the lock, its value before and after, and the engine's position on the lock's ring --
// the golden record of a design's synchronisation, independent of timing.
//
// Semantics as program.proto's, without time: engines are stepped round-robin in stream order
// (the controller first), each as far as it can go; an acquire waits for its value; a transfer
// waits until its route's source and every destination are inside a transfer, then the route
// moves the least remaining bytes of them all; the controller's tasks queue on their shim
// channel (at most `task_queue_depth` waiting) and run `repeat` times; tokens count. The walk
// ends when nothing can move; engines then still waiting are listed ("idle" when waiting on an
// acquire, as a Worker's next iteration would). At most `max_lines` acquires are logged.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/design/design_names.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::design {

std::string WalkAcquires(const isa::Program& program, const DesignNames& names,
                         uint32_t task_queue_depth, size_t max_lines = 5000);

}  // namespace aie2sim::design
