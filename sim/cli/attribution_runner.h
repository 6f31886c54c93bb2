// `run`'s attribution: why each layer's simulated time differs from the paper's estimate.
//
// Simulates the program once more per realistic effect that can matter (arch::EffectActive), as
// `aie2sim simulate` child processes with the effects switched on one more at a time in
// arch::kEffects order, and splits each layer's difference into causes that add up to it
// (report::Attribute). Under `timing_model: paper` no child is needed: the only causes are
// fill/drain and the (zero) channel residual.
#pragma once

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

struct AttributionOptions {
  bool simulate_effects = true;  // false: lump every effect into "unattributed" (no children)
  int jobs = 2;                  // child simulations at a time
  // The name of (all effects off) - (analytic with fill/drain): "channels" for compiled
  // programs; for a design, whose analytic_s is its lower bound (BoundInto), "dataflow".
  std::string residual = "channels";
};

// Requires the report's analytic_s, detail.analytic.fill_drain_s and simulated_s per layer
// (AddEstimate and AddSimulation). Sets each layer's `cause` to the dominant cause and its
// detail.attribution to every cause's seconds; adds the `attribution` section.
void AttributeInto(report::Report& report, const arch::HardwareConfig& config,
                   const isa::Program& program, const AttributionOptions& options);

}  // namespace aie2sim::cli
