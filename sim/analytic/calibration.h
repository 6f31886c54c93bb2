// The analytic model with free parameters, for calibration against simulated runs.
//
// The calibrated model keeps the structure of the estimator with fill/drain (estimator.h): per
// group, the DDR stage summed over iterations, and every pipeline timed as
// load + compute + store + (n - 1) * max(load, compute, store). Its free parameters:
//   compute_efficiency         compute cycles = peak cycles / compute_efficiency
//   link_bandwidth_factor      memtile <-> core transfers at stream rate x this
//   ddr_bandwidth_factor       shim transfers at their channel rate x this
//   ddr_cycles_per_byte        1 / the effective aggregate DDR bandwidth: a group's DDR stage is
//                              at least its DDR bytes per iteration x this (0: no aggregate limit)
//   transfer_overhead_cycles   added to every transfer an engine performs (setup, latency)
//   lock_overhead_cycles       added to every acquire and release
//   group_overhead_cycles      added to every group (synchronisation, BD reloads)
//   layer_overhead_cycles      added to every layer (reconfiguration)
//   tile_overhead_cycles       added to every layer per tile of the array (shims, memtiles and
//                              cores: reconfiguration that grows with the array)
// With the neutral parameters (Calibration{}) it equals Estimate(..., {fill_drain = true}).
//
// A CalibrationModel holds what a program contributes to these terms (per stream: stage cycles
// at nominal rates, transfer and lock counts; identical streams of a pipeline merged), so that a
// fitter can evaluate many parameter sets quickly without the program.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/base/units.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

struct Calibration {
  double compute_efficiency = 1;
  double link_bandwidth_factor = 1;
  double ddr_bandwidth_factor = 1;
  double ddr_cycles_per_byte = 0;
  double transfer_overhead_cycles = 0;
  double lock_overhead_cycles = 0;
  double group_overhead_cycles = 0;
  double layer_overhead_cycles = 0;
  double tile_overhead_cycles = 0;
};

// One stream's contribution to a group, per iteration. Stages: 0 DDR, 1 load, 2 compute, 3 store.
struct StreamTerms {
  std::array<double, 4> cycles{};       // at nominal rates (estimator.h) and peak compute
  std::array<uint32_t, 4> transfers{};  // transfers per stage
  uint32_t locks = 0;                   // acquires and releases
  int lock_stage = 0;                   // the stage its locks delay: where its work is
  bool operator==(const StreamTerms& other) const;
  bool operator<(const StreamTerms& other) const;
};

struct GroupTerms {
  double iterations = 1;
  std::vector<StreamTerms> ddr_streams;             // distinct streams with DDR work
  std::vector<std::vector<StreamTerms>> pipelines;  // distinct pipelines, distinct streams
  double ddr_bytes = 0;                             // bytes through shim channels, per iteration
};

struct LayerTerms {
  std::string name;
  std::vector<GroupTerms> groups;
};

class CalibrationModel {
 public:
  CalibrationModel() = default;
  CalibrationModel(const isa::Program& program, const arch::HardwareConfig& config);
  // `tiles`: shim, memtile and core tiles of the array (tile_overhead_cycles).
  explicit CalibrationModel(std::vector<LayerTerms> layers, double tiles = 0)
      : layers_(std::move(layers)), tiles_(tiles) {}

  const std::vector<LayerTerms>& layers() const { return layers_; }
  // Per layer, in cycles.
  std::vector<Cycles> Evaluate(const Calibration& calibration) const;

 private:
  std::vector<LayerTerms> layers_;
  double tiles_ = 0;
};

// Cycles of one group under `calibration`.
Cycles EvaluateGroup(const GroupTerms& group, const Calibration& calibration);

}  // namespace aie2sim::analytic
