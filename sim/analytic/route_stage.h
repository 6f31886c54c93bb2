// Which stage of the paper's model a route's transfers belong to, and their nominal rate:
// shared by the estimator and the calibrated model so that both classify alike.
#pragma once

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::analytic {

// DDR: a shim is an end (shim <-> memtile); LOAD: memtile -> core (LOADFM, LOADWM); STORE:
// core -> memtile (WRITEFM); COMPUTE: core computes.
enum class Stage { kDdr = 0, kLoad = 1, kCompute = 2, kStore = 3 };

struct RouteInfo {
  Stage stage = Stage::kLoad;
  double bytes_per_cycle = 0;  // stream.bytes_per_cycle, or the DDR channel's rate when lower
};

RouteInfo ClassifyRoute(const isa::Route& route, const arch::HardwareConfig& config);

}  // namespace aie2sim::analytic
