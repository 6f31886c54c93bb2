// The calibration overlay: a small strict YAML file holding analytic::Calibration, written by
// `aie2sim calibrate` and read by `aie2sim estimate --calibration` and `aie2sim run --calibration`.
//
//   version: 1                        # required, this schema's version
//   description: "..."                # optional
//   calibration:                      # required; every key below required
//     compute_efficiency: 0.8         # ratio (0, 1]
//     link_bandwidth_factor: 0.97     # ratio (0, 4]
//     ddr_bandwidth_factor: 1.0       # ratio (0, 4]
//     ddr_total_bytes_per_cycle: 60   # bytes/cycle [0, 1e6]; 0 = no aggregate limit
//     transfer_overhead_cycles: 40    # cycles [0, 1e9]
//     lock_overhead_cycles: 8         # cycles [0, 1e9]
//     group_overhead_cycles: 0        # cycles [0, 1e9]
//     layer_overhead_cycles: 3400     # cycles [0, 1e12]
//     tile_overhead_cycles: 0         # cycles per tile per layer [0, 1e9]
//
// Loading is strict, as for hardware configs: an unknown, duplicate or missing key, a wrong type
// or a value out of range is a UserError "file:line: key: problem".
#pragma once

#include <string>

#include "sim/analytic/calibration.h"

namespace aie2sim::analytic {

inline constexpr int kCalibrationVersion = 1;

struct CalibrationFile {
  Calibration calibration;
  std::string description;
};

CalibrationFile LoadCalibration(const std::string& path);
CalibrationFile ParseCalibration(const std::string& yaml_text, const std::string& display_name);

// The YAML text of `file`, with `comment` (lines, without '#') at the top.
std::string FormatCalibration(const CalibrationFile& file, const std::string& comment);

}  // namespace aie2sim::analytic
