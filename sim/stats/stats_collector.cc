#include "sim/stats/stats_collector.h"

#include <utility>

namespace aie2sim::stats {

void StatsCollector::AddEngine(std::string name, const EngineCounters* counters) {
  engines_.push_back(EngineRecord{std::move(name), counters});
}

void StatsCollector::RecordLayer(std::string name, sc_core::sc_time duration) {
  layers_.push_back(LayerRecord{std::move(name), duration});
}

}  // namespace aie2sim::stats
