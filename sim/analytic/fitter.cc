#include "sim/analytic/fitter.h"

#include <algorithm>
#include <cmath>

#include "sim/base/error.h"

namespace aie2sim::analytic {

FitResult Minimize(const std::function<double(const std::vector<double>&)>& loss,
                   const std::vector<FitParameter>& parameters, int max_evaluations) {
  FitResult result;
  std::vector<double> steps;
  for (const FitParameter& parameter : parameters) {
    AIE2SIM_CHECK(parameter.step > 0 && parameter.lower <= parameter.upper,
                  "fit parameter " + parameter.name + ": bad bounds or step");
    result.values.push_back(std::clamp(parameter.initial, parameter.lower, parameter.upper));
    steps.push_back(parameter.step);
  }
  result.loss = loss(result.values);
  result.evaluations = 1;
  auto converged = [&] {
    for (size_t i = 0; i < parameters.size(); ++i) {
      if (steps[i] >= parameters[i].step * 1e-7) return false;
    }
    return true;
  };
  while (!converged() && result.evaluations < max_evaluations) {
    for (size_t i = 0; i < parameters.size() && result.evaluations < max_evaluations; ++i) {
      bool improved = false;
      for (double direction : {1.0, -1.0}) {
        std::vector<double> trial = result.values;
        trial[i] =
            std::clamp(trial[i] + direction * steps[i], parameters[i].lower, parameters[i].upper);
        if (trial[i] == result.values[i]) continue;
        const double trial_loss = loss(trial);
        ++result.evaluations;
        if (trial_loss < result.loss) {
          result.values = std::move(trial);
          result.loss = trial_loss;
          improved = true;
          break;
        }
      }
      steps[i] *= improved ? 2.0 : 0.5;
    }
  }
  return result;
}

std::vector<double> RelativeErrors(const std::vector<CalibrationSample>& samples,
                                   const Calibration& calibration) {
  std::vector<double> errors;
  for (const CalibrationSample& sample : samples) {
    const std::vector<Cycles> estimate = sample.model->Evaluate(calibration);
    AIE2SIM_CHECK(estimate.size() == sample.simulated_s.size(), "sample layer count");
    for (size_t i = 0; i < estimate.size(); ++i) {
      if (sample.simulated_s[i] <= 0) continue;
      errors.push_back(estimate[i].count() / sample.clock_hz / sample.simulated_s[i] - 1);
    }
  }
  return errors;
}

std::vector<FitParameter> CalibrationParameters(const Calibration& start) {
  return {
      {"compute_efficiency", start.compute_efficiency, 0.05, 1, 0.05},
      {"link_bandwidth_factor", start.link_bandwidth_factor, 0.05, 4, 0.05},
      {"ddr_bandwidth_factor", start.ddr_bandwidth_factor, 0.05, 4, 0.05},
      {"ddr_cycles_per_byte", start.ddr_cycles_per_byte, 0, 1, 0.002},
      {"transfer_overhead_cycles", start.transfer_overhead_cycles, 0, 1e5, 8},
      {"lock_overhead_cycles", start.lock_overhead_cycles, 0, 1e4, 2},
      {"group_overhead_cycles", start.group_overhead_cycles, 0, 1e6, 64},
      {"layer_overhead_cycles", start.layer_overhead_cycles, 0, 1e8, 512},
      {"tile_overhead_cycles", start.tile_overhead_cycles, 0, 1e6, 16},
  };
}

Calibration CalibrationFromValues(const std::vector<double>& values) {
  AIE2SIM_CHECK(values.size() == 9, "nine calibration parameters");
  Calibration calibration;
  calibration.compute_efficiency = values[0];
  calibration.link_bandwidth_factor = values[1];
  calibration.ddr_bandwidth_factor = values[2];
  calibration.ddr_cycles_per_byte = values[3];
  calibration.transfer_overhead_cycles = values[4];
  calibration.lock_overhead_cycles = values[5];
  calibration.group_overhead_cycles = values[6];
  calibration.layer_overhead_cycles = values[7];
  calibration.tile_overhead_cycles = values[8];
  return calibration;
}

CalibrationFit FitCalibration(const std::vector<CalibrationSample>& samples,
                              const Calibration& start) {
  auto loss = [&samples](const std::vector<double>& values) {
    double sum = 0;
    for (double error : RelativeErrors(samples, CalibrationFromValues(values))) {
      sum += error * error;
    }
    return sum;
  };
  const FitResult result = Minimize(loss, CalibrationParameters(start));
  return CalibrationFit{CalibrationFromValues(result.values), result.loss, result.evaluations};
}

}  // namespace aie2sim::analytic
