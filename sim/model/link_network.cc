#include "sim/model/link_network.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::model {
namespace {

uint32_t LevelOf(const isa::Engine& engine) {
  switch (engine.tile()) {
    case isa::SHIM:
      return 0;
    case isa::MEMTILE:
      return 1;
    default:
      return 2 + engine.row();
  }
}

}  // namespace

LinkNetwork::LinkNetwork(const arch::ArrayParams& array, const arch::StreamParams& stream)
    : columns_(array.columns), levels_(array.rows + 2) {
  const size_t count = static_cast<size_t>(columns_) * levels_ * 4;
  ports_.resize(count);
  active_.assign(count, 0);
  for (uint32_t column = 0; column < columns_; ++column) {
    for (uint32_t level = 0; level < levels_; ++level) {
      ports_[Link(column, level, kUp)] = stream.north_ports;
      ports_[Link(column, level, kDown)] = stream.south_ports;
      ports_[Link(column, level, kEast)] = stream.east_west_ports;
      ports_[Link(column, level, kWest)] = stream.east_west_ports;
    }
  }
}

uint32_t LinkNetwork::Link(uint32_t column, uint32_t level, Direction direction) const {
  return (column * levels_ + level) * 4 + direction;
}

void LinkNetwork::AddPath(uint32_t column_from, uint32_t level_from, uint32_t column_to,
                          uint32_t level_to, uint32_t level_across,
                          std::vector<uint32_t>* links) const {
  uint32_t column = column_from;
  uint32_t level = level_from;
  auto vertical = [&](uint32_t target) {
    while (level < target) links->push_back(Link(column, level++, kUp));
    while (level > target) links->push_back(Link(column, level--, kDown));
  };
  vertical(level_across);
  while (column < column_to) links->push_back(Link(column++, level, kEast));
  while (column > column_to) links->push_back(Link(column--, level, kWest));
  vertical(level_to);
}

std::vector<uint32_t> LinkNetwork::PathOf(const isa::Engine& source,
                                          const std::vector<isa::Engine>& destinations) const {
  std::vector<uint32_t> links;
  const uint32_t source_level = LevelOf(source);
  for (const isa::Engine& destination : destinations) {
    AIE2SIM_CHECK(source.column() < columns_ && destination.column() < columns_,
                  "route end outside the array");
    const uint32_t destination_level = LevelOf(destination);
    uint32_t across = 0;  // the shim row, when neither end is a core
    if (destination.tile() == isa::CORE) {
      across = destination_level;
    } else if (source.tile() == isa::CORE) {
      across = source_level;
    }
    AddPath(source.column(), source_level, destination.column(), destination_level, across, &links);
  }
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

void LinkNetwork::Begin(const std::vector<uint32_t>& path) {
  for (uint32_t link : path) ++active_[link];
}

void LinkNetwork::End(const std::vector<uint32_t>& path) {
  for (uint32_t link : path) {
    AIE2SIM_CHECK(active_[link] > 0, "link network: more routes ended than begun");
    --active_[link];
  }
}

double LinkNetwork::Share(const std::vector<uint32_t>& path) const {
  double share = 1.0;
  for (uint32_t link : path) {
    if (active_[link] > ports_[link]) {
      share = std::min(share, static_cast<double>(ports_[link]) / active_[link]);
    }
  }
  return share;
}

}  // namespace aie2sim::model
