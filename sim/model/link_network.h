// The switch-to-switch links of the stream network, for the link-contention effect
// (sim/arch/effects.h): which links a route crosses, and how many routes move data across each.
//
// Levels of a column: shim 0, memtile 1, core row r at 2 + r. A route from (column cs, level ls)
// to (cd, ld) runs vertically in column cs to level h, horizontally along level h to column cd,
// then vertically to ld, where h is the level of its core end (the destination's if both are
// cores) or the shim row when neither end is a core (memtiles have no east-west ports). A
// broadcast crosses the union of its destinations' paths, each link once.
//
// Contract: PathOf is pure. A route that starts moving data calls Begin(path) and End(path) when
// it stops; Share(path) is then the factor (<= 1) of the stream rate it may use now: the smallest
// ports / routes over its links (1 when no link carries more routes than ports).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::model {

class LinkNetwork {
 public:
  LinkNetwork(const arch::ArrayParams& array, const arch::StreamParams& stream);

  // The directed links (indices) of the route from `source` to `destinations`, sorted, unique.
  std::vector<uint32_t> PathOf(const isa::Engine& source,
                               const std::vector<isa::Engine>& destinations) const;

  void Begin(const std::vector<uint32_t>& path);
  void End(const std::vector<uint32_t>& path);
  double Share(const std::vector<uint32_t>& path) const;

  uint32_t active(uint32_t link) const { return active_[link]; }
  uint32_t ports(uint32_t link) const { return ports_[link]; }
  size_t links() const { return active_.size(); }

 private:
  enum Direction : uint32_t { kUp = 0, kDown = 1, kEast = 2, kWest = 3 };

  // The link leaving (column, level) in `direction`.
  uint32_t Link(uint32_t column, uint32_t level, Direction direction) const;
  void AddPath(uint32_t column_from, uint32_t level_from, uint32_t column_to, uint32_t level_to,
               uint32_t level_across, std::vector<uint32_t>* links) const;

  const uint32_t columns_;
  const uint32_t levels_;        // rows + 2
  std::vector<uint32_t> ports_;  // by link
  std::vector<uint32_t> active_;
};

}  // namespace aie2sim::model
