// Fitting the calibrated analytic model (calibration.h) to simulated per-layer times.
//
// Minimize is a deterministic bounded compass (pattern) search: from the initial point it tries
// each parameter in turn a step up and a step down, keeps the first improvement and doubles that
// parameter's step, otherwise halves it; it stops when every step is below its initial value
// x 1e-7 or after `max_evaluations`. No randomness, no gradients: the model is piecewise linear
// (maxima of sums), where gradient methods stall.
//
// FitCalibration minimises the sum over layers of (estimate / simulated - 1)^2 (least squares
// on the relative error, so small layers count as much as large ones) over all samples.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/analytic/calibration.h"

namespace aie2sim::analytic {

struct FitParameter {
  std::string name;
  double initial = 0;
  double lower = 0;
  double upper = 0;
  double step = 0;  // the first step; > 0
};

struct FitResult {
  std::vector<double> values;
  double loss = 0;
  int evaluations = 0;
};

FitResult Minimize(const std::function<double(const std::vector<double>&)>& loss,
                   const std::vector<FitParameter>& parameters, int max_evaluations = 20000);

// One program's model and its simulated time per layer (seconds), at `clock_hz`.
struct CalibrationSample {
  const CalibrationModel* model = nullptr;
  std::vector<double> simulated_s;
  double clock_hz = 1e9;
};

// Per layer with a positive simulated time: estimate / simulated - 1.
std::vector<double> RelativeErrors(const std::vector<CalibrationSample>& samples,
                                   const Calibration& calibration);

struct CalibrationFit {
  Calibration calibration;
  double loss = 0;  // sum of squared relative errors
  int evaluations = 0;
};

CalibrationFit FitCalibration(const std::vector<CalibrationSample>& samples,
                              const Calibration& start = {});

// The parameters FitCalibration varies, with their bounds, in the order of Calibration's fields.
std::vector<FitParameter> CalibrationParameters(const Calibration& start);
Calibration CalibrationFromValues(const std::vector<double>& values);

}  // namespace aie2sim::analytic
