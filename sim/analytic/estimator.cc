#include "sim/analytic/estimator.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "sim/analytic/route_stage.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::analytic {
namespace {

// The chains of a group, in order of their first stream: a core's chain is its own streams and
// every stream sharing a route with one of them (a broadcast's sender and its other receivers,
// or a memtile channel's whole iteration when it serves several cores one after the other); its
// load and store are the slowest of those, its compute its own. A stream on no core's chain
// (DDR traffic, memtile to memtile) is a chain of its own stages.
std::vector<PipelineStages> Chains(const isa::Group& group,
                                   const std::vector<std::array<double, 4>>& per_stream) {
  std::map<uint32_t, std::vector<int>> streams_of_route;
  std::map<std::string, size_t> chain_of_core;
  std::vector<std::vector<int>> own;  // per core chain, the core's own streams
  for (int i = 0; i < group.streams_size(); ++i) {
    const isa::Stream& stream = group.streams(i);
    for (const isa::Instruction& instruction : stream.instructions()) {
      if (instruction.has_transfer()) streams_of_route[instruction.transfer().route()].push_back(i);
    }
    const isa::Tile tile = isa::TileOf(stream.engine());
    if (tile.kind() != isa::CORE) continue;
    const auto [entry, added] = chain_of_core.emplace(isa::TileName(tile), own.size());
    if (added) own.emplace_back();
    own[entry->second].push_back(i);
  }
  const auto stage = [&per_stream](int i, Stage s) { return per_stream[i][static_cast<int>(s)]; };
  std::vector<PipelineStages> chains;
  std::vector<bool> on_chain(group.streams_size(), false);
  for (const std::vector<int>& streams : own) {
    std::vector<bool> in_chain(group.streams_size(), false);
    double compute = 0;
    for (const int i : streams) {
      in_chain[i] = true;
      compute = std::max(compute, stage(i, Stage::kCompute));
      for (const isa::Instruction& instruction : group.streams(i).instructions()) {
        if (!instruction.has_transfer()) continue;
        for (const int j : streams_of_route[instruction.transfer().route()]) in_chain[j] = true;
      }
    }
    double load = 0, store = 0;
    for (int i = 0; i < group.streams_size(); ++i) {
      if (!in_chain[i]) continue;
      on_chain[i] = true;
      load = std::max(load, stage(i, Stage::kLoad));
      store = std::max(store, stage(i, Stage::kStore));
    }
    chains.push_back(PipelineStages{Cycles(load), Cycles(compute), Cycles(store)});
  }
  for (int i = 0; i < group.streams_size(); ++i) {
    if (on_chain[i]) continue;
    const double load = stage(i, Stage::kLoad), compute = stage(i, Stage::kCompute),
                 store = stage(i, Stage::kStore);
    if (load + compute + store > 0) {
      chains.push_back(PipelineStages{Cycles(load), Cycles(compute), Cycles(store)});
    }
  }
  return chains;
}

GroupEstimate EstimateGroup(const isa::Group& group, const std::map<uint32_t, RouteInfo>& routes,
                            const arch::HardwareConfig& config, const EstimateOptions& options) {
  GroupEstimate estimate;
  estimate.name = group.name();
  estimate.kind = group.kind();
  estimate.iterations = group.iterations();
  const double macs_per_cycle = config.core.macs_per_cycle.int8;
  std::vector<std::array<double, 4>> per_stream(group.streams_size());
  const double vector_ops_per_cycle = config.core.vector_ops_per_cycle;
  for (int index = 0; index < group.streams_size(); ++index) {
    const isa::Stream& stream = group.streams(index);
    std::array<double, 4>& stage_cycles = per_stream[index];
    stage_cycles.fill(0);
    for (const isa::Instruction& instruction : stream.instructions()) {
      if (instruction.has_transfer()) {
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
  estimate.pipelines = Chains(group, per_stream);
  Cycles pipelined;
  if (options.fill_drain) {
    for (const PipelineStages& chain : estimate.pipelines) {
      const Cycles longest = Max(chain.load, Max(chain.compute, chain.store));
      pipelined = Max(pipelined, chain.load + chain.compute + chain.store + longest * (n - 1));
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
