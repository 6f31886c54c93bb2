#include "sim/analytic/estimator.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <string>

#include "sim/analytic/route_stage.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::analytic {
namespace {

// The time of n iterations of each pipeline (indexed as `pipeline_of_root` maps the root of a
// stream's pipeline), as its longest core chain: a core computes once its own inputs have arrived
// and stores after its compute, so its chain runs its slowest load, its compute and its slowest
// store in sequence the first time, then one iteration per max(load, compute, store) of its
// own; the cores of a pipeline run side by side, so the pipeline takes its longest chain, not
// the slowest load of one core plus the slowest compute of another. A core's chain takes in its
// own streams and every stream sharing a route with one of them (a broadcast's sender, or a
// memtile channel's whole iteration when it serves several cores one after the other). A stream
// on no core's chain (memtile to memtile) is a chain of its own stages.
std::vector<double> PipelineTimes(const isa::Group& group,
                                  const std::vector<std::array<double, 4>>& per_stream,
                                  const std::function<int(int)>& find,
                                  const std::map<int, size_t>& pipeline_of_root) {
  const double n = group.iterations();
  const auto chain = [n](double load, double compute, double store) {
    return load + compute + store + (n - 1) * std::max({load, compute, store});
  };
  std::map<uint32_t, std::vector<int>> streams_of_route;
  std::map<std::string, std::vector<int>> core_streams;
  for (int i = 0; i < group.streams_size(); ++i) {
    const isa::Stream& stream = group.streams(i);
    for (const isa::Instruction& instruction : stream.instructions()) {
      if (instruction.has_transfer()) streams_of_route[instruction.transfer().route()].push_back(i);
    }
    const isa::Tile tile = isa::TileOf(stream.engine());
    if (tile.kind() == isa::CORE) core_streams[isa::TileName(tile)].push_back(i);
  }
  std::vector<double> times(pipeline_of_root.size(), 0);
  std::vector<bool> on_chain(group.streams_size(), false);
  for (const auto& [tile, own] : core_streams) {
    std::vector<bool> in_chain(group.streams_size(), false);
    for (const int i : own) {
      in_chain[i] = true;
      for (const isa::Instruction& instruction : group.streams(i).instructions()) {
        if (!instruction.has_transfer()) continue;
        for (const int j : streams_of_route[instruction.transfer().route()]) in_chain[j] = true;
      }
    }
    double load = 0, compute = 0, store = 0;
    for (int i = 0; i < group.streams_size(); ++i) {
      if (!in_chain[i]) continue;
      on_chain[i] = true;
      load = std::max(load, per_stream[i][static_cast<int>(Stage::kLoad)]);
      store = std::max(store, per_stream[i][static_cast<int>(Stage::kStore)]);
    }
    for (const int i : own)
      compute = std::max(compute, per_stream[i][static_cast<int>(Stage::kCompute)]);
    double& time = times[pipeline_of_root.at(find(own.front()))];
    time = std::max(time, chain(load, compute, store));
  }
  for (int i = 0; i < group.streams_size(); ++i) {
    if (on_chain[i]) continue;
    double& time = times[pipeline_of_root.at(find(i))];
    time = std::max(time, chain(per_stream[i][static_cast<int>(Stage::kLoad)],
                                per_stream[i][static_cast<int>(Stage::kCompute)],
                                per_stream[i][static_cast<int>(Stage::kStore)]));
  }
  return times;
}

GroupEstimate EstimateGroup(const isa::Group& group, const std::map<uint32_t, RouteInfo>& routes,
                            const arch::HardwareConfig& config, const EstimateOptions& options) {
  GroupEstimate estimate;
  estimate.name = group.name();
  estimate.kind = group.kind();
  estimate.iterations = group.iterations();
  const double macs_per_cycle = config.core.macs_per_cycle.int8;
  // Streams joined by a route or sitting on one tile (sharing its locks) form one pipeline; the
  // fill/drain variant times each pipeline on its own and takes the slowest.
  std::vector<int> parent(group.streams_size());
  for (int i = 0; i < group.streams_size(); ++i) parent[i] = i;
  std::function<int(int)> find = [&](int i) {
    return parent[i] == i ? i : parent[i] = find(parent[i]);
  };
  std::map<std::string, int> first_of_tile;
  std::map<uint32_t, int> first_of_route;
  auto join = [&](auto& firsts, const auto& key, int i) {
    const auto [it, inserted] = firsts.emplace(key, i);
    if (!inserted) parent[find(i)] = find(it->second);
  };
  std::vector<std::array<double, 4>> per_stream(group.streams_size());
  const double vector_ops_per_cycle = config.core.vector_ops_per_cycle;
  for (int index = 0; index < group.streams_size(); ++index) {
    const isa::Stream& stream = group.streams(index);
    join(first_of_tile, isa::TileName(isa::TileOf(stream.engine())), index);
    std::array<double, 4>& stage_cycles = per_stream[index];
    stage_cycles.fill(0);
    for (const isa::Instruction& instruction : stream.instructions()) {
      if (instruction.has_transfer()) {
        join(first_of_route, instruction.transfer().route(), index);
        const auto found = routes.find(instruction.transfer().route());
        AIE2SIM_CHECK(found != routes.end(), "transfer on an undeclared route");
        stage_cycles[static_cast<int>(found->second.stage)] +=
            static_cast<double>(instruction.transfer().bytes()) / found->second.bytes_per_cycle;
      } else if (instruction.has_compute()) {
        const isa::Compute& compute = instruction.compute();
        stage_cycles[static_cast<int>(Stage::kCompute)] +=
            static_cast<double>(compute.macs()) * compute.density() / macs_per_cycle +
            static_cast<double>(compute.ops()) / vector_ops_per_cycle;
      }
    }
    estimate.ddr = Max(estimate.ddr, Cycles(stage_cycles[0]));
    estimate.load = Max(estimate.load, Cycles(stage_cycles[1]));
    estimate.compute = Max(estimate.compute, Cycles(stage_cycles[2]));
    estimate.store = Max(estimate.store, Cycles(stage_cycles[3]));
  }
  const double n = group.iterations();
  const Cycles slowest = Max(estimate.load, Max(estimate.compute, estimate.store));
  const Cycles sequential = estimate.load + estimate.compute + estimate.store;
  // Load, compute and store maxima per pipeline, in order of its first stream.
  std::vector<std::array<double, 3>> pipelines;
  std::map<int, size_t> pipeline_of_root;
  for (int i = 0; i < group.streams_size(); ++i) {
    const auto [entry, added] = pipeline_of_root.emplace(find(i), pipelines.size());
    if (added) pipelines.push_back({0, 0, 0});
    std::array<double, 3>& stages = pipelines[entry->second];
    for (int s = 0; s < 3; ++s) stages[s] = std::max(stages[s], per_stream[i][s + 1]);
  }
  for (const std::array<double, 3>& stages : pipelines) {
    estimate.pipelines.push_back(
        PipelineStages{Cycles(stages[0]), Cycles(stages[1]), Cycles(stages[2])});
  }
  Cycles pipelined;
  if (options.fill_drain) {
    for (const double time : PipelineTimes(group, per_stream, find, pipeline_of_root)) {
      pipelined = Max(pipelined, Cycles(time));
    }
  } else if (group.iterations() == 1) {
    pipelined = sequential;
  } else {
    pipelined = slowest * n;
  }
  estimate.total = estimate.ddr * n + pipelined;
  return estimate;
}

}  // namespace

LayerEstimate EstimateLayer(const isa::Layer& layer, const arch::HardwareConfig& config,
                            const EstimateOptions& options) {
  std::map<uint32_t, RouteInfo> routes;
  for (const isa::Route& route : layer.routes()) routes[route.id()] = ClassifyRoute(route, config);
  LayerEstimate estimate;
  estimate.name = layer.name();
  for (const isa::Group& group : layer.groups()) {
    GroupEstimate group_estimate = EstimateGroup(group, routes, config, options);
    const double n = group.iterations();
    estimate.ddr += group_estimate.ddr * n;
    estimate.load += group_estimate.load * n;
    estimate.compute += group_estimate.compute * n;
    estimate.store += group_estimate.store * n;
    estimate.total += group_estimate.total;
    estimate.groups.push_back(std::move(group_estimate));
  }
  return estimate;
}

ProgramEstimate Estimate(const isa::Program& program, const arch::HardwareConfig& config,
                         const EstimateOptions& options) {
  ProgramEstimate result;
  for (const isa::Layer& layer : program.layers()) {
    LayerEstimate estimate = EstimateLayer(layer, config, options);
    result.total += estimate.total;
    result.layers.push_back(std::move(estimate));
  }
  return result;
}

}  // namespace aie2sim::analytic
