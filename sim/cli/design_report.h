// The `design` section of a report (run --design; schema sim/report/report.schema.json) and its
// console summary.
//
// From the simulation already in the report (its `simulation` section) and the design's
// per-resource bound (sim/analytic/design_bound.h):
//   total_s          the host's time: the simulated run, host dispatch included;
//   host_dispatch_s  the simulation's host dispatch per invocation (simulation.host_dispatch_s,
//                    the host_dispatch effect);
//   array_s          total_s - host_dispatch_s;
//   engines[]        per engine: busy, lock wait, link wait, and whether it was left waiting
//                    when the run ended (a Worker's next iteration: idle_at_end);
//   bytes            DDR read and written, memtile and core bytes (read + written);
//   kernel_share     the core processors' busy time over cores x array_s;
//   macs_per_cycle   the kernel calls' MACs per array cycle;
//   bound_s, bound_resource   the bound and the resource that sets it.
#pragma once

#include <string>

#include "compiler/design/design.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

void AddDesignSection(report::Report& report, const design::Design& design,
                      const isa::Program& program, const arch::HardwareConfig& config);

// A few lines: times, bound, bytes, kernel share and the engines.
std::string FormatDesignSummary(const report::Report& report);

}  // namespace aie2sim::cli
