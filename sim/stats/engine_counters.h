// The statistics group of one engine (a DMA channel or a core processor).
//
// Contract: the engine module owns its EngineCounters as a member and is the only writer; it
// registers the group with the StatsCollector at elaboration, and the collector reads it after
// the simulation. Times are SystemC durations: busy + lock_wait + link_wait never exceeds the
// time the engine had work (from its group's start to its stream's end), summed over groups.
#pragma once

#include <cstdint>

#include <systemc>

namespace aie2sim::stats {

struct EngineCounters {
  sc_core::sc_time busy;       // moving data (incl. DMA setup, BD reload, hop latency) or computing
  sc_core::sc_time lock_wait;  // blocked in acquire, plus lock handshakes (realistic mode)
  sc_core::sc_time link_wait;  // waiting for the other side(s) of a route to arrive
  uint64_t bytes = 0;          // bytes this engine moved (DMA channels only)
  uint64_t instructions = 0;   // instructions executed, counting every iteration
};

}  // namespace aie2sim::stats
