// aie2sim calibrate --suite SUITE -o FILE: sets the suite's named config keys (suite.yaml
// `parameters`) from its calibration points only.
//
// The fit is a bounded compass search (analytic::Minimize) on log(value) of every parameter
// within its [lower, upper], minimising the sum over the calibration points the parameters are
// set from of log(simulated / measured)^2; each evaluation simulates those points as child runs
// (suite_runner.h). Unsigned keys take rounded values. Points whose design is pending are left
// out (a parameter with no runnable point keeps its config value, and the output says so);
// --point restricts the fit to named points and refuses a held-out or not-modelled one.
// FILE is YAML: each parameter's value, whether it was fitted, the points it was set from, and
// every point's measured and simulated value at the fit.
#pragma once

#include "sim/cli/commands.h"

namespace aie2sim::cli {

int SuiteCalibrateCommand(const Args& args);

}  // namespace aie2sim::cli
