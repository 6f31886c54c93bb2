// The one format of a deadlock, for every engine that runs a program (the LayerSequencer's
// layers and groups, and any later controller): a one-line message naming where and when and the
// first kDeadlockListed blocked engines, and the full list (DeadlockError::blocked(), which the
// CLI writes to the JSON report and, with --verbose, to stderr).
//
//   deadlock: 5 engines blocked in layer conv2 group body at 3.073 us: memtile(0).mm2s0 waits
//   on route 100 for core(0,0).s2mm0; core(0,0).mm2s0 waits for acquire L3>=1 (value 0);
//   core(0,0).s2mm0 waits for acquire L0>=1 (value 0); and 2 more
//
// (one line; entries are separated by "; " because an entry may itself list engines).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/array.h"
#include "sim/model/layer_sequencer.h"
#include "sim/model/simulator.h"

namespace aie2sim::model {

inline constexpr size_t kDeadlockListed = 3;

// The message above: `where` is "layer L group G" (after " in ") or "before the first layer",
// `blocked` one "ENGINE waits ..." entry per blocked engine.
std::string DeadlockMessage(const std::string& where, double now_s,
                            const std::vector<std::string>& blocked);

DeadlockError MakeDeadlockError(const isa::Program& program, const LayerSequencer& sequencer,
                                const Array& array, sc_core::sc_time now);

}  // namespace aie2sim::model
