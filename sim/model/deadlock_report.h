// Builds the DeadlockError for a simulation that ran out of events before the LayerSequencer
// finished: "deadlock in layer L group G at T us: N engines blocked", and one line per blocked
// engine naming the lock or route it waits on (in the Array's engine order).
#pragma once

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/array.h"
#include "sim/model/layer_sequencer.h"
#include "sim/model/simulator.h"

namespace aie2sim::model {

DeadlockError MakeDeadlockError(const isa::Program& program, const LayerSequencer& sequencer,
                                const Array& array, sc_core::sc_time now);

}  // namespace aie2sim::model
