// The analytic model's timeline of a layer: when each stage of each group runs, as the estimator
// (estimator.h) times it, so that a report can draw the model beside the simulation without a
// second implementation of it.
//
// Per group, from its start t (the previous group's end; a layer starts at 0):
//  - DDR: one interval [t, t + n * ddr): DDR traffic is summed, never overlapped;
//  - then from t' = t + n * ddr, with the paper's formula: one iteration runs load, compute and
//    store in sequence; n > 1 iterations each take T = max(load, compute, store), every stage
//    of iteration i starting at t' + i * T;
//    with fill/drain: per chain p (PipelineStages: a core and what feeds and drains it,
//    estimator.h), iteration i loads at t' + i * T_p,
//    computes at t' + load_p + i * T_p and stores at t' + load_p + compute_p + i * T_p, where
//    T_p = max(load_p, compute_p, store_p); chains with equal stage times are drawn once;
//  - the group ends at t + its estimated total: the schedule ends exactly where the estimate
//    does, layer by layer.
// A stage's n intervals are one StageRun (start, length, period, count), so a layer of
// thousands of iterations stays a few runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/analytic/estimator.h"
#include "sim/analytic/route_stage.h"

namespace aie2sim::analytic {

// `count` intervals [start + i * period, start + i * period + length), i = 0 .. count - 1.
struct StageRun {
  Stage stage = Stage::kDdr;
  Cycles start;  // from the layer's start
  Cycles length;
  Cycles period;
  uint32_t count = 1;
  uint32_t pipelines = 1;  // chains with these stage times (fill/drain), else 1
};

struct GroupSchedule {
  std::string name;
  Cycles start;  // from the layer's start
  Cycles end;
  std::vector<StageRun> runs;
};

struct LayerSchedule {
  std::vector<GroupSchedule> groups;
  Cycles total;  // equals the LayerEstimate's total
};

// The schedule of `layer`, estimated with the fill/drain option iff `fill_drain`.
LayerSchedule ScheduleLayer(const LayerEstimate& layer, bool fill_drain);

}  // namespace aie2sim::analytic
