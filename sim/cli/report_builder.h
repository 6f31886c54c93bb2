// Filling the common report from a program, its analytic estimates and a simulation.
#pragma once

#include <string>

#include "sim/analytic/calibration_file.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/model/simulator.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

// The report's header and one row per program layer (names, shapes, MACs, density, the hardware
// bound of sim/analytic/bound.h).
report::Report ReportFor(const std::string& command, const arch::HardwareConfig& config,
                         const isa::Program& program);

// Adds analytic_s (the paper's model) per layer and in total, and per layer a detail block with
// the stage parts, the fill/drain variant and every group's figures.
void AddEstimate(report::Report& report, const analytic::ProgramEstimate& paper,
                 const analytic::ProgramEstimate& fill_drain, const arch::HardwareConfig& config);

// Adds calibrated_s per layer and in total: the calibrated analytic model (--calibration FILE)
// of `program`, and the parameters under `calibration`.
void AddCalibrated(report::Report& report, const isa::Program& program,
                   const arch::HardwareConfig& config, const analytic::CalibrationFile& file,
                   const std::string& path);

// Adds simulated_s per layer and in total, and the simulator's engine and traffic statistics.
void AddSimulation(report::Report& report, const model::SimResult& result);
// Functional mode: per-layer detail.functional and the "functional" section (nothing otherwise).
void AddFunctional(report::Report& report, const model::SimResult& result,
                   const isa::Program& program);

// Utilization and efficiency (bound / latency) per layer and in total, and images/s, from the
// best latency available (simulated, else analytic).
void FinishReport(report::Report& report, const arch::HardwareConfig& config);

}  // namespace aie2sim::cli
