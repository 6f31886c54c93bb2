// The calibrated analytic model (sim/analytic/calibration.h), its fitter (fitter.h) and the
// overlay file (calibration_file.h): neutral parameters reproduce the estimate with fill/drain
// exactly; each parameter moves a hand-computed group as stated; the fitter recovers planted
// parameters from synthetic data; overlays round-trip and fail strictly.
#include "sim/analytic/calibration.h"

#include <gtest/gtest.h>

#include <cmath>

#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "sim/analytic/calibration_file.h"
#include "sim/analytic/estimator.h"
#include "sim/analytic/fitter.h"
#include "sim/base/error.h"
#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::analytic {
namespace {

void ExpectNeutralEqualsFillDrain(const isa::Program& program, const arch::HardwareConfig& config) {
  const ProgramEstimate estimate = Estimate(program, config, {/*fill_drain=*/true});
  const std::vector<Cycles> calibrated = CalibrationModel(program, config).Evaluate({});
  ASSERT_EQ(calibrated.size(), estimate.layers.size());
  for (size_t i = 0; i < calibrated.size(); ++i) {
    EXPECT_EQ(calibrated[i].count(), estimate.layers[i].total.count()) << estimate.layers[i].name;
  }
}

TEST(CalibratedModel, NeutralEqualsTheFillDrainEstimateOnTheTinyProgram) {
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  ExpectNeutralEqualsFillDrain(test_support::TinyProgram(config), config);
}

TEST(CalibratedModel, NeutralEqualsTheFillDrainEstimateOnCompiledNetworks) {
  for (const char* workload : {"tiny", "resnet50"}) {
    for (auto [rows, columns] : {std::pair{2u, 2u}, std::pair{3u, 5u}}) {
      SCOPED_TRACE(std::string(workload) + " " + std::to_string(rows) + "x" +
                   std::to_string(columns));
      const arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
      const ir::Graph graph = frontend::LoadWorkload(workload, 0);
      ExpectNeutralEqualsFillDrain(driver::CompileGraph(graph, config, {}), config);
    }
  }
}

// One group, 4 iterations, one pipeline of three streams (load 100 cycles in 2 transfers with
// 2 locks, compute 300 with 4 locks, store 50 in 1 transfer) and a DDR stream of 80 cycles in
// 1 transfer moving 320 B.
GroupTerms HandGroup() {
  GroupTerms group;
  group.iterations = 4;
  StreamTerms ddr;
  ddr.cycles = {80, 0, 0, 0};
  ddr.transfers = {1, 0, 0, 0};
  group.ddr_streams = {ddr};
  group.ddr_bytes = 320;
  StreamTerms load;
  load.cycles = {0, 100, 0, 0};
  load.transfers = {0, 2, 0, 0};
  load.locks = 2;
  load.lock_stage = 1;
  StreamTerms compute;
  compute.cycles = {0, 0, 300, 0};
  compute.locks = 4;
  compute.lock_stage = 2;
  StreamTerms store;
  store.cycles = {0, 0, 0, 50};
  store.transfers = {0, 0, 0, 1};
  store.lock_stage = 3;
  group.pipelines = {{load, compute, store}};
  return group;
}

TEST(CalibratedModel, NeutralGroupIsThePaperFormulaWithFillDrain) {
  // 4 x 80 + (100 + 300 + 50 + 3 x 300) = 320 + 1350.
  EXPECT_DOUBLE_EQ(EvaluateGroup(HandGroup(), {}).count(), 1670);
}

TEST(CalibratedModel, EachParameterMovesItsTerm) {
  const GroupTerms group = HandGroup();
  Calibration c;
  c.compute_efficiency = 0.5;  // compute 600: 320 + (100 + 600 + 50 + 3 x 600)
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 320 + 2550);
  c = {};
  c.link_bandwidth_factor = 0.5;  // load 200, store 100: 320 + (200 + 300 + 100 + 900)
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 320 + 1500);
  c = {};
  c.ddr_bandwidth_factor = 0.5;  // DDR 160 per iteration
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 640 + 1350);
  c = {};
  c.ddr_cycles_per_byte = 0.5;  // DDR at least 320 x 0.5 = 160 per iteration
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 640 + 1350);
  c = {};
  c.transfer_overhead_cycles = 10;  // DDR 90; load 120, store 60: 360 + (120+300+60 + 900)
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 360 + 1380);
  c = {};
  c.lock_overhead_cycles = 5;  // load 110, compute 320: 320 + (110 + 320 + 50 + 960)
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 320 + 1440);
  c = {};
  c.group_overhead_cycles = 7;
  EXPECT_DOUBLE_EQ(EvaluateGroup(group, c).count(), 1677);
  c = {};
  c.layer_overhead_cycles = 1000;
  c.tile_overhead_cycles = 10;
  const CalibrationModel model({LayerTerms{"l", {group, group}}}, /*tiles=*/24);
  EXPECT_DOUBLE_EQ(model.Evaluate(c)[0].count(), 2 * 1670 + 1000 + 240);
}

TEST(Fitter, MinimizesABoundedQuadratic) {
  const FitResult result = Minimize(
      [](const std::vector<double>& x) {
        return (x[0] - 3) * (x[0] - 3) + 10 * (x[1] + 1) * (x[1] + 1);
      },
      {{"a", 0, -10, 10, 1}, {"b", 0, -0.5, 10, 1}});
  EXPECT_NEAR(result.values[0], 3, 1e-5);
  EXPECT_NEAR(result.values[1], -0.5, 1e-12);  // at its bound
}

// Synthetic layers with varied stage mixes; "simulated" times from planted parameters.
std::vector<LayerTerms> SyntheticLayers() {
  std::vector<LayerTerms> layers;
  for (int i = 0; i < 40; ++i) {
    GroupTerms group;
    group.iterations = 1 + (i * 7) % 13;
    StreamTerms ddr;
    ddr.cycles = {200.0 + 97 * (i % 5), 0, 0, 0};
    ddr.transfers = {static_cast<uint32_t>(1 + i % 3), 0, 0, 0};
    group.ddr_streams = {ddr};
    group.ddr_bytes = 4 * ddr.cycles[0] * (1 + i % 4);
    StreamTerms load;
    load.cycles = {0, 300.0 + 41 * (i % 9), 0, 0};
    load.transfers = {0, static_cast<uint32_t>(1 + i % 2), 0, 0};
    load.locks = 2;
    load.lock_stage = 1;
    StreamTerms compute;
    compute.cycles = {0, 0, 100.0 + 173 * ((i * 3) % 8), 0};
    compute.locks = 4;
    compute.lock_stage = 2;
    StreamTerms store;
    store.cycles = {0, 0, 0, 150.0 + 61 * (i % 6)};
    store.transfers = {0, 0, 0, 1};
    store.locks = 2;
    store.lock_stage = 3;
    group.pipelines = {{load, compute, store}};
    // One to three groups per layer, so that per-group and per-layer overheads can be told apart.
    LayerTerms layer{"layer" + std::to_string(i), {group}};
    for (int extra = 0; extra < i % 3; ++extra) {
      GroupTerms small = group;
      small.iterations = 1 + extra;
      layer.groups.push_back(small);
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

TEST(Fitter, RecoversPlantedParameters) {
  const CalibrationModel model(SyntheticLayers());
  Calibration planted;
  planted.compute_efficiency = 0.8;
  planted.link_bandwidth_factor = 0.9;
  planted.ddr_bandwidth_factor = 0.95;
  planted.transfer_overhead_cycles = 40;
  planted.lock_overhead_cycles = 8;
  planted.group_overhead_cycles = 100;
  planted.layer_overhead_cycles = 3000;
  CalibrationSample sample{&model, {}, 1e9};
  for (Cycles cycles : model.Evaluate(planted)) sample.simulated_s.push_back(cycles.count() / 1e9);
  const CalibrationFit fit = FitCalibration({sample});
  EXPECT_LT(fit.loss, 1e-10);
  EXPECT_NEAR(fit.calibration.compute_efficiency, 0.8, 0.005);
  EXPECT_NEAR(fit.calibration.link_bandwidth_factor, 0.9, 0.01);
  EXPECT_NEAR(fit.calibration.ddr_bandwidth_factor, 0.95, 0.01);
  EXPECT_NEAR(fit.calibration.transfer_overhead_cycles, 40, 2);
  EXPECT_NEAR(fit.calibration.lock_overhead_cycles, 8, 1);
  EXPECT_NEAR(fit.calibration.group_overhead_cycles, 100, 5);
  EXPECT_NEAR(fit.calibration.layer_overhead_cycles, 3000, 50);
  for (double error : RelativeErrors({sample}, fit.calibration)) EXPECT_LT(std::fabs(error), 1e-5);
}

TEST(Fitter, IsDeterministic) {
  const CalibrationModel model(SyntheticLayers());
  Calibration planted;
  planted.compute_efficiency = 0.7;
  planted.group_overhead_cycles = 100;
  CalibrationSample sample{&model, {}, 1e9};
  for (Cycles cycles : model.Evaluate(planted)) sample.simulated_s.push_back(cycles.count() / 1e9);
  const CalibrationFit a = FitCalibration({sample});
  const CalibrationFit b = FitCalibration({sample});
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(a.evaluations, b.evaluations);
  EXPECT_EQ(a.calibration.group_overhead_cycles, b.calibration.group_overhead_cycles);
}

// ---- the overlay file --------------------------------------------------------------------------

const char* kOverlay = R"(version: 1
description: "test"
calibration:
  compute_efficiency: 0.8
  link_bandwidth_factor: 0.9
  ddr_bandwidth_factor: 1
  ddr_total_bytes_per_cycle: 50
  transfer_overhead_cycles: 40
  lock_overhead_cycles: 8
  group_overhead_cycles: 0
  layer_overhead_cycles: 3000
  tile_overhead_cycles: 0
)";

std::string ErrorOf(const std::string& text) {
  try {
    ParseCalibration(text, "o.yaml");
  } catch (const UserError& error) {
    return error.what();
  }
  return "(no UserError)";
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

TEST(CalibrationFile, ReadsEveryKey) {
  const CalibrationFile file = ParseCalibration(kOverlay, "o.yaml");
  EXPECT_EQ(file.description, "test");
  EXPECT_EQ(file.calibration.compute_efficiency, 0.8);
  EXPECT_EQ(file.calibration.link_bandwidth_factor, 0.9);
  EXPECT_EQ(file.calibration.ddr_cycles_per_byte, 1.0 / 50);
  EXPECT_EQ(file.calibration.transfer_overhead_cycles, 40);
  EXPECT_EQ(file.calibration.layer_overhead_cycles, 3000);
}

TEST(CalibrationFile, RoundTrips) {
  CalibrationFile file = ParseCalibration(kOverlay, "o.yaml");
  file.calibration.lock_overhead_cycles = 8.125;
  const CalibrationFile again =
      ParseCalibration(FormatCalibration(file, "a comment\n\nmore"), "again.yaml");
  EXPECT_EQ(again.description, file.description);
  EXPECT_EQ(again.calibration.lock_overhead_cycles, 8.125);
  EXPECT_NEAR(again.calibration.ddr_cycles_per_byte, 1.0 / 50, 1e-15);
  EXPECT_EQ(again.calibration.compute_efficiency, 0.8);
}

TEST(CalibrationFile, StrictErrors) {
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "  lock_overhead", "  lock_overheads")),
            "o.yaml:9: calibration.lock_overheads_cycles: unknown key");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "  group_overhead_cycles: 0\n", "")),
            "o.yaml:3: calibration: missing required key calibration.group_overhead_cycles");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "compute_efficiency: 0.8", "compute_efficiency: 1.5")),
            "o.yaml:4: calibration.compute_efficiency: 1.5 is out of range (0, 1]");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "compute_efficiency: 0.8", "compute_efficiency: fast")),
            "o.yaml:4: calibration.compute_efficiency: expected a number, got \"fast\"");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "  ddr_bandwidth_factor: 1\n",
                            "  ddr_bandwidth_factor: 1\n  ddr_bandwidth_factor: 2\n")),
            "o.yaml:7: calibration.ddr_bandwidth_factor: duplicate key (first at line 6)");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "version: 1", "version: 2")),
            "o.yaml:1: version: unsupported calibration version 2 (this aie2sim reads version 1)");
  EXPECT_EQ(ErrorOf(Replace(kOverlay, "version: 1\n", "")),
            "o.yaml:1: missing required key version");
  EXPECT_EQ(ErrorOf("calibration: [1, 2]\nversion: 1\n"),
            "o.yaml:1: calibration: expected a map of calibration keys, got a sequence");
  EXPECT_EQ(ErrorOf("- 1\n"), "o.yaml:1: expected one map with version and calibration keys");
}

TEST(CalibrationFile, MissingFile) {
  EXPECT_THROW(LoadCalibration("/nonexistent/overlay.yaml"), UserError);
}

}  // namespace
}  // namespace aie2sim::analytic
