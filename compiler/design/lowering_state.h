// What the lowering passes (lower_design.h) share: the design, the config, and the resources
// the passes assign (rings, locks, DMA channels, routes, addresses), filled in pass order:
//   placement -> object counts -> FIFO resources -> DMA streams -> core streams -> sequence.
// Every user error a pass finds is a UserError starting with the entity's `where`
// ("file.yaml:12: fifos.in: ...") or, for a tile, the design file and the tile.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/design/design.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::design {

// A ring and the two locks guarding it: `free` counts empty objects (initially the depth),
// `full` counts filled ones (initially 0). Writers acquire free and release full; readers the
// other way round. A memtile link ring has one pair per FIFO on its many side (lowering_state
// LinkState).
struct RingSide {
  uint32_t ring = 0;  // id in the layer
  isa::Tile tile;     // owner of the memory and the locks
  uint32_t free_lock = 0;
  uint32_t full_lock = 0;
  uint64_t object_bytes = 0;
  uint32_t depth = 0;
};

struct FifoState {
  const Fifo* fifo = nullptr;
  bool shared = false;         // producer and consumer cores share the ring's memory: no DMA
  uint64_t bytes_per_run = 0;  // bytes the producer sends in one run (object counts pass)
  std::string bytes_source;    // who said so, for messages
  // Core ends (and the shared ring): the ring the processor uses.
  std::optional<RingSide> producer_ring;
  std::vector<std::optional<RingSide>> consumer_rings;  // per consumer
  // DMA FIFOs: the route and its engines.
  uint32_t route = 0;
  isa::Engine source;
  std::vector<isa::Engine> destinations;  // per consumer
  isa::DataKind data = isa::ACTIVATIONS;
};

struct LinkState {
  const Link* link = nullptr;
  TilePos memtile;
  bool join = false;  // several FIFOs in, one out
  uint32_t ring = 0;
  isa::Tile tile;
  uint64_t object_bytes = 0;  // the memtile's object: the larger side of a forward
  uint32_t depth = 0;
  std::vector<uint32_t> free_locks;  // one pair per FIFO on the many side (1 for a forward)
  std::vector<uint32_t> full_locks;
};

// Per tile: what the FIFO resources pass has handed out, for limit checks and messages.
struct TileUse {
  uint64_t next_address = 0;
  std::vector<std::string> memory_users;  // "in (2 x 4096 B)"
  uint32_t locks = 0;
  std::vector<std::string> lock_users;
  uint32_t mm2s = 0;
  uint32_t s2mm = 0;
  std::vector<std::string> mm2s_users;
  std::vector<std::string> s2mm_users;
  uint32_t bds = 0;
  std::vector<std::string> bd_users;
  std::map<std::string, uint32_t> named_locks;     // a core's declared locks
  std::map<std::string, uint64_t> buffer_address;  // a core's declared buffers
  std::map<std::string, uint64_t> buffer_bytes;
};

struct LoweringState {
  const Design* design = nullptr;
  const arch::HardwareConfig* config = nullptr;
  std::vector<FifoState> fifos;  // in design order
  std::map<std::string, size_t> fifo_index;
  std::vector<LinkState> links;  // in design order
  std::map<TilePos, const Core*> cores;
  std::map<TilePos, TileUse> tiles;
  // Per core and FIFO: the objects the core releases in one run (the object counts pass).
  std::map<std::pair<TilePos, std::string>, uint64_t> released;
  std::map<std::string, uint64_t> host_address;  // host buffer -> DDR address
  isa::Program program;
  isa::Layer* layer = nullptr;
  isa::Group* group = nullptr;
  uint32_t next_ring = 1;
  uint32_t next_route = 1;

  const FifoState& Fifo(const std::string& name) const { return fifos.at(fifo_index.at(name)); }
  FifoState& Fifo(const std::string& name) { return fifos.at(fifo_index.at(name)); }
};

// The program's tile for a logical position (core row 2 is our core row 0).
isa::Tile ToTile(const TilePos& pos);
// "shim(0,0)", "memtile(0,1)", "core(0,2)": logical positions, as the design file writes them.
std::string TileName(const TilePos& pos);
// The message prefix for a tile: "<file>: tile core(0,2)".
std::string TileWhere(const LoweringState& state, const TilePos& pos);

}  // namespace aie2sim::design

namespace aie2sim::design {

// A core's part in a FIFO: kProducer, a consumer's index (>= 0), or nullopt when it is neither.
inline constexpr int kProducer = -1;
std::optional<int> EndpointOf(const Fifo& fifo, const TilePos& tile);

// Objects newly acquired by acquire(n) while `held` are held: the missing ones.
inline uint32_t NewlyAcquired(uint32_t held, uint32_t n) { return n > held ? n - held : 0; }

}  // namespace aie2sim::design
