#include "compiler/codegen/bd_budget.h"

#include <map>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/isa/tile_facts.h"

namespace aie2sim::codegen {
namespace {

using TileKey = std::tuple<int, uint32_t, uint32_t>;  // kind, column, row

TileKey KeyOf(const isa::Engine& engine) { return {engine.tile(), engine.column(), engine.row()}; }

// BDs one transfer holds for the whole group: two when it toggles between ping and pong.
int BdsOf(const isa::Instruction& instruction) {
  if (!instruction.has_transfer()) return 0;
  return instruction.transfer().buffer().pingpong_offset() != 0 ? 2 : 1;
}

uint32_t BdsOfTile(const arch::HardwareConfig& config, int kind) {
  return isa::FactsOf(config, static_cast<isa::TileKind>(kind)).dma->bds;
}

// "core.dma.bds": the config key of a tile kind's BD count.
std::string BdKey(const arch::HardwareConfig& config, int kind) {
  return std::string(isa::FactsOf(config, static_cast<isa::TileKind>(kind)).name) + ".dma.bds";
}

class UnionFind {
 public:
  int Add() {
    parent_.push_back(static_cast<int>(parent_.size()));
    return parent_.back();
  }
  int Find(int node) {
    while (parent_[node] != node) node = parent_[node] = parent_[parent_[node]];
    return node;
  }
  void Join(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

// Splits `group` into batches of independent work that each fit the BDs; one batch (the group
// itself) when it fits already. When one piece alone needs more BDs than its tile has, returns
// no batch and sets `error`.
std::vector<isa::Group> SplitGroup(const arch::HardwareConfig& config, const isa::Layer& layer,
                                   const isa::Group& group, std::string& error) {
  std::map<TileKey, int> needed;
  for (const isa::Stream& stream : group.streams()) {
    for (const isa::Instruction& instruction : stream.instructions()) {
      needed[KeyOf(stream.engine())] += BdsOf(instruction);
    }
  }
  bool fits = true;
  for (const auto& [tile, bds] : needed) {
    fits = fits && bds <= static_cast<int>(BdsOfTile(config, std::get<0>(tile)));
  }
  if (fits) return {group};

  // Pieces of independent work: core tiles joined with the routes that reach them.
  UnionFind pieces;
  std::map<TileKey, int> core_node;
  std::map<uint32_t, int> route_node;
  auto core = [&](const isa::Engine& engine) {
    auto [it, added] = core_node.emplace(KeyOf(engine), 0);
    if (added) it->second = pieces.Add();
    return it->second;
  };
  std::map<uint32_t, const isa::Route*> routes;
  for (const isa::Route& route : layer.routes()) routes.emplace(route.id(), &route);
  auto route_of = [&](uint32_t id) {
    auto [it, added] = route_node.emplace(id, 0);
    if (!added) return it->second;
    it->second = pieces.Add();
    const auto found = routes.find(id);
    if (found != routes.end()) {
      const isa::Route& route = *found->second;
      if (route.source().tile() == isa::CORE) pieces.Join(it->second, core(route.source()));
      for (const isa::Engine& destination : route.destinations()) {
        if (destination.tile() == isa::CORE) pieces.Join(it->second, core(destination));
      }
    }
    return it->second;
  };
  // A route between memtiles and shims pairs its k-th transfer on each side: each such pair is
  // a piece of its own.
  auto reaches_core = [&](uint32_t id) {
    const auto found = routes.find(id);
    if (found == routes.end()) return false;
    bool core_end = found->second->source().tile() == isa::CORE;
    for (const isa::Engine& destination : found->second->destinations()) {
      core_end = core_end || destination.tile() == isa::CORE;
    }
    return core_end;
  };
  std::map<std::pair<uint32_t, int>, int> execution_node;
  auto execution_of = [&](uint32_t id, int k) {
    auto [it, added] = execution_node.emplace(std::make_pair(id, k), 0);
    if (added) it->second = pieces.Add();
    return it->second;
  };
  // The node of every instruction; lock operations of memtile and shim streams take the node of
  // the transfer after them (before them at the end of a stream).
  std::vector<std::vector<int>> node_of(group.streams_size());
  for (int s = 0; s < group.streams_size(); ++s) {
    const isa::Stream& stream = group.streams(s);
    std::vector<int>& nodes = node_of[s];
    if (stream.engine().tile() == isa::CORE) {
      const int node = core(stream.engine());
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (instruction.has_transfer()) pieces.Join(node, route_of(instruction.transfer().route()));
        nodes.push_back(node);
      }
      continue;
    }
    nodes.assign(stream.instructions_size(), -1);
    std::map<uint32_t, int> executions;  // per route, transfers of this stream so far
    for (int i = 0; i < stream.instructions_size(); ++i) {
      if (!stream.instructions(i).has_transfer()) continue;
      const uint32_t route = stream.instructions(i).transfer().route();
      nodes[i] = reaches_core(route) ? route_of(route) : execution_of(route, executions[route]++);
    }
    int last = -1;
    for (int i = stream.instructions_size() - 1; i >= 0; --i) {
      if (nodes[i] >= 0) last = nodes[i];
      nodes[i] = last;
    }
    for (int i = 0; i < stream.instructions_size(); ++i) {
      if (nodes[i] >= 0) {
        last = nodes[i];
      } else {
        nodes[i] = last >= 0 ? last : (last = pieces.Add());
      }
    }
  }

  // BDs of each piece per tile, pieces in order of first appearance.
  std::vector<int> order;
  std::map<int, std::map<TileKey, int>> piece_bds;
  for (int s = 0; s < group.streams_size(); ++s) {
    const isa::Stream& stream = group.streams(s);
    for (int i = 0; i < stream.instructions_size(); ++i) {
      const int piece = pieces.Find(node_of[s][i]);
      auto [it, added] = piece_bds.emplace(piece, std::map<TileKey, int>{});
      if (added) order.push_back(piece);
      it->second[KeyOf(stream.engine())] += BdsOf(stream.instructions(i));
    }
  }

  // Batches, filled in order.
  std::map<int, int> batch_of;
  std::map<TileKey, int> used;
  int batches = 0;
  for (const int piece : order) {
    bool room = batches > 0;
    for (const auto& [tile, bds] : piece_bds[piece]) {
      const int available = static_cast<int>(BdsOfTile(config, std::get<0>(tile)));
      if (bds > available) {
        isa::Tile named;
        named.set_kind(static_cast<isa::TileKind>(std::get<0>(tile)));
        named.set_column(std::get<1>(tile));
        named.set_row(std::get<2>(tile));
        error = "config " + BdKey(config, std::get<0>(tile)) + " = " +
                std::to_string(available) + ": layer " + layer.name() + " group " + group.name() +
                " needs " + std::to_string(bds) + " BDs on " + isa::TileName(named) +
                " for indivisible work (one core's transfers, or the cores one broadcast feeds)";
        return {};
      }
      room = room && used[tile] + bds <= available;
    }
    if (!room) {
      used.clear();
      ++batches;
    }
    for (const auto& [tile, bds] : piece_bds[piece]) used[tile] += bds;
    batch_of[piece] = batches - 1;
  }

  std::vector<isa::Group> split(batches);
  for (int b = 0; b < batches; ++b) {
    split[b].set_name(group.name() + ".bd" + std::to_string(b));
    split[b].set_kind(group.kind());
    split[b].set_iterations(group.iterations());
  }
  for (int s = 0; s < group.streams_size(); ++s) {
    const isa::Stream& stream = group.streams(s);
    std::vector<isa::Stream*> parts(batches, nullptr);
    for (int i = 0; i < stream.instructions_size(); ++i) {
      const int b = batch_of[pieces.Find(node_of[s][i])];
      if (parts[b] == nullptr) {
        parts[b] = split[b].add_streams();
        *parts[b]->mutable_engine() = stream.engine();
      }
      *parts[b]->add_instructions() = stream.instructions(i);
    }
  }
  return split;
}

}  // namespace

bool PiecesFitBds(const arch::HardwareConfig& config, const isa::Layer& layer) {
  std::string error;
  for (const isa::Group& group : layer.groups()) {
    SplitGroup(config, layer, group, error);
    if (!error.empty()) return false;
  }
  return true;
}

void FitGroupsToBds(const arch::HardwareConfig& config, isa::Layer* layer) {
  google::protobuf::RepeatedPtrField<isa::Group> groups;
  bool changed = false;
  for (const isa::Group& group : layer->groups()) {
    std::string error;
    std::vector<isa::Group> split = SplitGroup(config, *layer, group, error);
    if (!error.empty()) throw UserError(error);
    changed = changed || split.size() != 1;
    for (isa::Group& part : split) *groups.Add() = std::move(part);
  }
  if (changed) layer->mutable_groups()->Swap(&groups);
}

}  // namespace aie2sim::codegen
