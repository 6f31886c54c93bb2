#include "sim/analytic/schedule.h"

#include <algorithm>

namespace aie2sim::analytic {
namespace {

void AddRun(std::vector<StageRun>& runs, Stage stage, Cycles start, Cycles length, Cycles period,
            uint32_t count, uint32_t pipelines) {
  if (!(Cycles() < length) || count == 0) return;  // a stage that takes no time is not drawn
  runs.push_back(StageRun{stage, start, length, period, count, pipelines});
}

}  // namespace

LayerSchedule ScheduleLayer(const LayerEstimate& layer, bool fill_drain) {
  LayerSchedule schedule;
  Cycles t;
  for (const GroupEstimate& group : layer.groups) {
    GroupSchedule out;
    out.name = group.name;
    out.start = t;
    const uint32_t n = std::max<uint32_t>(group.iterations, 1);
    AddRun(out.runs, Stage::kDdr, t, group.ddr * n, Cycles(), 1, 1);
    const Cycles body = t + group.ddr * n;
    if (!fill_drain && n == 1) {
      AddRun(out.runs, Stage::kLoad, body, group.load, Cycles(), 1, 1);
      AddRun(out.runs, Stage::kCompute, body + group.load, group.compute, Cycles(), 1, 1);
      AddRun(out.runs, Stage::kStore, body + group.load + group.compute, group.store, Cycles(), 1,
             1);
    } else if (!fill_drain) {
      const Cycles period = Max(group.load, Max(group.compute, group.store));
      AddRun(out.runs, Stage::kLoad, body, group.load, period, n, 1);
      AddRun(out.runs, Stage::kCompute, body, group.compute, period, n, 1);
      AddRun(out.runs, Stage::kStore, body, group.store, period, n, 1);
    } else {
      // Chains with the same stage times draw the same intervals: once, with their count.
      std::vector<std::pair<PipelineStages, uint32_t>> distinct;
      for (const PipelineStages& p : group.pipelines) {
        auto same = std::find_if(distinct.begin(), distinct.end(), [&p](const auto& d) {
          return d.first.load == p.load && d.first.compute == p.compute && d.first.store == p.store;
        });
        if (same != distinct.end()) {
          ++same->second;
        } else {
          distinct.emplace_back(p, 1);
        }
      }
      for (const auto& [p, count] : distinct) {
        const Cycles period = Max(p.load, Max(p.compute, p.store));
        AddRun(out.runs, Stage::kLoad, body, p.load, period, n, count);
        AddRun(out.runs, Stage::kCompute, body + p.load, p.compute, period, n, count);
        AddRun(out.runs, Stage::kStore, body + p.load + p.compute, p.store, period, n, count);
      }
    }
    t += group.total;  // the estimate's sum, in its order: the layer ends at its total exactly
    out.end = t;
    schedule.groups.push_back(std::move(out));
  }
  schedule.total = t;
  return schedule;
}

}  // namespace aie2sim::analytic
