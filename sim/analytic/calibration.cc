#include "sim/analytic/calibration.h"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "sim/analytic/route_stage.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::analytic {
namespace {

constexpr int kDdr = static_cast<int>(Stage::kDdr);
constexpr int kCompute = static_cast<int>(Stage::kCompute);

template <typename T>
void SortUnique(std::vector<T>* values) {
  std::sort(values->begin(), values->end());
  values->erase(std::unique(values->begin(), values->end()), values->end());
}

GroupTerms TermsOf(const isa::Group& group, const std::map<uint32_t, RouteInfo>& routes,
                   const arch::HardwareConfig& config) {
  GroupTerms terms;
  terms.iterations = group.iterations();
  const double macs_per_cycle = config.core.macs_per_cycle.int8;
  const double vector_ops_per_cycle = config.core.vector_ops_per_cycle;
  // Pipelines exactly as the estimator forms them: streams joined by a route or a tile.
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
  std::vector<StreamTerms> streams(group.streams_size());
  for (int index = 0; index < group.streams_size(); ++index) {
    const isa::Stream& stream = group.streams(index);
    join(first_of_tile, isa::TileName(isa::TileOf(stream.engine())), index);
    StreamTerms& stream_terms = streams[index];
    const bool shim = stream.engine().tile() == isa::SHIM;
    for (const isa::Instruction& instruction : stream.instructions()) {
      if (instruction.has_transfer()) {
        const isa::Transfer& transfer = instruction.transfer();
        join(first_of_route, transfer.route(), index);
        const auto found = routes.find(transfer.route());
        AIE2SIM_CHECK(found != routes.end(), "transfer on an undeclared route");
        const int stage = static_cast<int>(found->second.stage);
        stream_terms.cycles[stage] +=
            static_cast<double>(transfer.bytes()) / found->second.bytes_per_cycle;
        ++stream_terms.transfers[stage];
        if (shim) terms.ddr_bytes += static_cast<double>(transfer.bytes());
      } else if (instruction.has_compute()) {
        const isa::Compute& compute = instruction.compute();
        stream_terms.cycles[kCompute] +=
            static_cast<double>(compute.macs()) * compute.density() / macs_per_cycle +
            static_cast<double>(compute.ops()) / vector_ops_per_cycle;
      } else if (instruction.has_acquire() || instruction.has_release()) {
        ++stream_terms.locks;
      }
    }
    // Locks delay the stage the stream works in (the processor's: compute).
    const auto& cycles = stream_terms.cycles;
    stream_terms.lock_stage =
        stream.engine().kind() == isa::PROCESSOR
            ? kCompute
            : static_cast<int>(std::max_element(cycles.begin(), cycles.end()) - cycles.begin());
  }
  std::map<int, std::vector<StreamTerms>> pipelines;
  for (int i = 0; i < group.streams_size(); ++i) {
    const StreamTerms& stream = streams[i];
    if (stream.cycles[kDdr] > 0 || stream.transfers[kDdr] > 0) {
      terms.ddr_streams.push_back(stream);
    }
    pipelines[find(i)].push_back(stream);
  }
  SortUnique(&terms.ddr_streams);
  for (auto& [root, members] : pipelines) {
    SortUnique(&members);
    terms.pipelines.push_back(std::move(members));
  }
  SortUnique(&terms.pipelines);
  return terms;
}

double StageTime(const StreamTerms& stream, int stage, const Calibration& calibration) {
  double factor = calibration.link_bandwidth_factor;
  if (stage == kDdr) factor = calibration.ddr_bandwidth_factor;
  if (stage == kCompute) factor = calibration.compute_efficiency;
  double time = stream.cycles[stage] / factor +
                stream.transfers[stage] * calibration.transfer_overhead_cycles;
  if (stream.lock_stage == stage) time += stream.locks * calibration.lock_overhead_cycles;
  return time;
}

}  // namespace

bool StreamTerms::operator==(const StreamTerms& other) const {
  return cycles == other.cycles && transfers == other.transfers && locks == other.locks &&
         lock_stage == other.lock_stage;
}

bool StreamTerms::operator<(const StreamTerms& other) const {
  return std::tie(cycles, transfers, locks, lock_stage) <
         std::tie(other.cycles, other.transfers, other.locks, other.lock_stage);
}

CalibrationModel::CalibrationModel(const isa::Program& program, const arch::HardwareConfig& config)
    : tiles_(static_cast<double>(config.array.columns) * (config.array.rows + 2)) {
  for (const isa::Layer& layer : program.layers()) {
    std::map<uint32_t, RouteInfo> routes;
    for (const isa::Route& route : layer.routes())
      routes[route.id()] = ClassifyRoute(route, config);
    LayerTerms terms;
    terms.name = layer.name();
    for (const isa::Group& group : layer.groups())
      terms.groups.push_back(TermsOf(group, routes, config));
    layers_.push_back(std::move(terms));
  }
}

Cycles EvaluateGroup(const GroupTerms& group, const Calibration& calibration) {
  double ddr = 0;
  for (const StreamTerms& stream : group.ddr_streams) {
    ddr = std::max(ddr, StageTime(stream, kDdr, calibration));
  }
  if (calibration.ddr_cycles_per_byte > 0) {
    ddr = std::max(ddr, group.ddr_bytes * calibration.ddr_cycles_per_byte);
  }
  const double n = group.iterations;
  double pipelined = 0;
  for (const std::vector<StreamTerms>& pipeline : group.pipelines) {
    std::array<double, 3> stages{};
    for (const StreamTerms& stream : pipeline) {
      for (int s = 0; s < 3; ++s) {
        stages[s] = std::max(stages[s], StageTime(stream, s + 1, calibration));
      }
    }
    const double longest = std::max({stages[0], stages[1], stages[2]});
    pipelined = std::max(pipelined, stages[0] + stages[1] + stages[2] + longest * (n - 1));
  }
  return Cycles(ddr) * n + Cycles(pipelined) + Cycles(calibration.group_overhead_cycles);
}

std::vector<Cycles> CalibrationModel::Evaluate(const Calibration& calibration) const {
  std::vector<Cycles> result;
  result.reserve(layers_.size());
  for (const LayerTerms& layer : layers_) {
    Cycles total;
    for (const GroupTerms& group : layer.groups) total += EvaluateGroup(group, calibration);
    result.push_back(total + Cycles(calibration.layer_overhead_cycles) +
                     Cycles(calibration.tile_overhead_cycles * tiles_));
  }
  return result;
}

}  // namespace aie2sim::analytic
