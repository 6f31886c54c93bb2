// The analytic schedule (sim/analytic/schedule.h): the model's timeline of a layer, drawn by the
// HTML report, ends where the estimate does, group by group, in both variants; with fill/drain
// each pipeline fills and drains on its own.
#include "sim/analytic/schedule.h"

#include <gtest/gtest.h>

#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::analytic {
namespace {

// The end of the last interval of a run.
Cycles RunEnd(const StageRun& run) { return run.start + run.period * (run.count - 1) + run.length; }

TEST(Schedule, EndsWhereTheEstimateDoesInBothVariants) {
  const arch::HardwareConfig config = test_support::PaperConfig(2, 2);
  const isa::Program program = test_support::TinyProgram(config);
  for (bool fill_drain : {false, true}) {
    const ProgramEstimate estimate = Estimate(program, config, {fill_drain});
    for (const LayerEstimate& layer : estimate.layers) {
      const LayerSchedule schedule = ScheduleLayer(layer, fill_drain);
      EXPECT_EQ(schedule.total.count(), layer.total.count());  // exactly
      ASSERT_EQ(schedule.groups.size(), layer.groups.size());
      Cycles start;
      for (size_t g = 0; g < layer.groups.size(); ++g) {
        const GroupSchedule& group = schedule.groups[g];
        EXPECT_EQ(group.start.count(), start.count());
        Cycles last;
        for (const StageRun& run : group.runs) last = Max(last, RunEnd(run));
        // The last interval ends at the group's end (up to rounding of the sums).
        EXPECT_NEAR(last.count(), group.end.count(), 1e-9 * group.end.count()) << group.name;
        start = group.end;
      }
    }
  }
}

TEST(Schedule, FillDrainTimesEachPipelineOnItsOwn) {
  LayerEstimate layer;
  GroupEstimate group;
  group.name = "body";
  group.iterations = 4;
  group.ddr = Cycles(10);
  // Column 0 loads slowly, column 1 computes slowly; the paper's formula would mix them.
  group.pipelines = {{Cycles(8), Cycles(2), Cycles(1)},
                     {Cycles(1), Cycles(6), Cycles(1)},
                     {Cycles(1), Cycles(6), Cycles(1)}};
  group.load = Cycles(8);
  group.compute = Cycles(6);
  group.store = Cycles(1);
  // n * ddr + max over pipelines of (l + c + s + (n - 1) * max(l, c, s)) = 40 + max(35, 26).
  group.total = Cycles(75);
  layer.groups = {group};
  layer.total = group.total;
  const LayerSchedule schedule = ScheduleLayer(layer, true);
  ASSERT_EQ(schedule.groups.size(), 1u);
  const std::vector<StageRun>& runs = schedule.groups[0].runs;
  ASSERT_EQ(runs.size(), 1u + 3 * 2);  // DDR, then two distinct pipelines x 3 stages
  EXPECT_EQ(runs[0].stage, Stage::kDdr);
  EXPECT_EQ(runs[0].length.count(), 40);
  const StageRun& store0 = runs[3];  // pipeline 0: store of iteration i at 40 + 8 + 2 + 8 i
  EXPECT_EQ(store0.stage, Stage::kStore);
  EXPECT_EQ(store0.start.count(), 50);
  EXPECT_EQ(store0.period.count(), 8);
  EXPECT_EQ(store0.count, 4u);
  EXPECT_EQ(RunEnd(store0).count(), 75);
  const StageRun& compute1 = runs[5];  // pipeline 1 (twice): computes at 41 + 6 i
  EXPECT_EQ(compute1.stage, Stage::kCompute);
  EXPECT_EQ(compute1.start.count(), 41);
  EXPECT_EQ(compute1.pipelines, 2u);
  EXPECT_EQ(RunEnd(runs[6]).count(), 40 + 26);
  EXPECT_EQ(schedule.total.count(), 75);
  // The paper's formula: every stage of iteration i at 40 + 8 i.
  const LayerSchedule paper = ScheduleLayer(layer, false);
  ASSERT_EQ(paper.groups[0].runs.size(), 4u);
  EXPECT_EQ(paper.groups[0].runs[2].start.count(), 40);
  EXPECT_EQ(paper.groups[0].runs[2].period.count(), 8);
}

}  // namespace
}  // namespace aie2sim::analytic
