#include "compiler/design/fifo_resources.h"

#include <algorithm>

#include "sim/base/error.h"
#include "sim/isa/program_builder.h"

namespace aie2sim::design {
namespace {

constexpr uint64_t kAlignment = 16;

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

class Resources {
 public:
  explicit Resources(LoweringState& state) : state_(state), config_(*state.config) {}

  void Run() {
    for (const Core& core : state_.design->cores) {
      TileUse& use = state_.tiles[core.tile];
      use.next_address = core.stack_bytes;
      if (core.stack_bytes > 0) {
        use.memory_users.push_back("stack (" + std::to_string(core.stack_bytes) + " B)");
      }
    }
    FindLinks();
    for (FifoState& fifo : state_.fifos) AssignFifo(fifo);
    for (LinkState& link : state_.links) AssignLink(link);
    for (const Core& core : state_.design->cores) AssignCoreDeclarations(core);
    CheckLimits();
  }

 private:
  // ---- links: which memtile, which side is many ----
  void FindLinks() {
    std::map<std::string, const Link*> from_link;
    std::map<std::string, const Link*> to_link;
    for (const Link& link : state_.design->links) {
      LinkState link_state;
      link_state.link = &link;
      link_state.join = link.from.size() > 1;
      const Fifo& first = *state_.Fifo(link.to[0].fifo).fifo;
      link_state.memtile = first.producer.tile;
      if (!link_state.memtile.IsMemtile()) {
        throw UserError(link.where + ": fifo " + first.name + " is produced by " +
                        TileName(first.producer.tile) + "; a link's outputs come from a memtile");
      }
      for (const LinkEnd& end : link.to) {
        const Fifo& fifo = *state_.Fifo(end.fifo).fifo;
        if (!(fifo.producer.tile == link_state.memtile)) {
          throw UserError(link.where + ": fifo " + fifo.name + " is produced by " +
                          TileName(fifo.producer.tile) + ", not by the link's " +
                          TileName(link_state.memtile));
        }
        if (!to_link.emplace(fifo.name, &link).second) {
          throw UserError(link.where + ": fifo " + fifo.name + " is the output of two links");
        }
      }
      for (const LinkEnd& end : link.from) {
        const Fifo& fifo = *state_.Fifo(end.fifo).fifo;
        if (!EndpointOf(fifo, link_state.memtile) ||
            *EndpointOf(fifo, link_state.memtile) == kProducer) {
          throw UserError(link.where + ": fifo " + fifo.name + " is not consumed by the link's " +
                          TileName(link_state.memtile));
        }
        if (!from_link.emplace(fifo.name, &link).second) {
          throw UserError(link.where + ": fifo " + fifo.name + " is the input of two links");
        }
      }
      state_.links.push_back(link_state);
    }
    // Every memtile end is in a link.
    for (const FifoState& fifo_state : state_.fifos) {
      const Fifo& fifo = *fifo_state.fifo;
      if (fifo.producer.tile.IsMemtile() && !to_link.count(fifo.name)) {
        throw UserError(fifo.where + ": its producer " + TileName(fifo.producer.tile) +
                        " only forwards: name it in a link's `to`");
      }
      for (const Endpoint& consumer : fifo.consumers) {
        if (consumer.tile.IsMemtile() && !from_link.count(fifo.name)) {
          throw UserError(fifo.where + ": its consumer " + TileName(consumer.tile) +
                          " only forwards: name it in a link's `from`");
        }
      }
    }
  }

  // ---- allocation ----
  uint64_t AllocateMemory(const TilePos& tile, uint64_t bytes, const std::string& user) {
    TileUse& use = state_.tiles[tile];
    const uint64_t address = (use.next_address + kAlignment - 1) / kAlignment * kAlignment;
    use.next_address = address + bytes;
    use.memory_users.push_back(user);
    return address;
  }
  uint32_t AllocateLock(const TilePos& tile, const std::string& user, uint32_t initial) {
    TileUse& use = state_.tiles[tile];
    const uint32_t id = use.locks++;
    use.lock_users.push_back(user);
    isa::AddLockInit(state_.layer, ToTile(tile).kind(), ToTile(tile).column(), ToTile(tile).row(),
                     id, initial);
    return id;
  }
  isa::Engine AllocateChannel(const TilePos& tile, isa::EngineKind kind, const std::string& user) {
    TileUse& use = state_.tiles[tile];
    uint32_t& count = kind == isa::MM2S ? use.mm2s : use.s2mm;
    (kind == isa::MM2S ? use.mm2s_users : use.s2mm_users).push_back(user);
    const uint32_t channel = count++;
    const isa::Tile t = ToTile(tile);
    return isa::MakeEngine(t.kind(), t.column(), t.row(), kind, channel);
  }
  void UseBds(const TilePos& tile, uint32_t bds, const std::string& user) {
    TileUse& use = state_.tiles[tile];
    use.bds += bds;
    use.bd_users.push_back(user + " (" + std::to_string(bds) + ")");
  }
  RingSide AllocateRing(const TilePos& tile, const std::string& name, uint64_t object_bytes,
                        uint32_t depth) {
    RingSide ring;
    ring.ring = state_.next_ring++;
    ring.tile = ToTile(tile);
    ring.object_bytes = object_bytes;
    ring.depth = depth;
    const uint64_t address = AllocateMemory(
        tile, object_bytes * depth,
        name + " (" + std::to_string(depth) + " x " + std::to_string(object_bytes) + " B)");
    isa::AddRing(state_.layer, ring.ring, name, ring.tile, address, object_bytes, depth);
    ring.free_lock = AllocateLock(tile, "fifo " + name + ": free", depth);
    ring.full_lock = AllocateLock(tile, "fifo " + name + ": full", 0);
    return ring;
  }

  void AssignFifo(FifoState& state) {
    const Fifo& fifo = *state.fifo;
    // A listing label: what a core produces or a shim receives is output.
    bool output = fifo.producer.tile.IsCore();
    for (const Endpoint& consumer : fifo.consumers) output = output || consumer.tile.IsShim();
    state.data = fifo.data != isa::DATA_KIND_UNSPECIFIED ? fifo.data
                 : output                                ? isa::OUTPUT
                                                         : isa::ACTIVATIONS;
    if (!fifo.dims.empty() && fifo.producer.tile.IsShim()) {
      throw UserError(fifo.where +
                      ": dims: a shim producer's pattern is given by the runtime sequence's "
                      "sizes and strides");
    }
    const TilePos producer = fifo.producer.tile;
    if (fifo.consumers.size() == 1 && fifo.dims.empty() && producer.IsCore() &&
        fifo.consumers[0].tile.IsCore()) {
      const TilePos consumer = fifo.consumers[0].tile;
      std::optional<TilePos> owner;
      if (SharesMemory(producer, consumer)) {
        owner = consumer;
      } else if (SharesMemory(consumer, producer)) {
        owner = producer;
      }
      if (owner) {
        state.shared = true;
        const uint32_t depth = std::max(fifo.producer.depth, fifo.consumers[0].depth);
        const RingSide ring = AllocateRing(*owner, fifo.name, fifo.object_bytes, depth);
        state.producer_ring = ring;
        state.consumer_rings[0] = ring;
        return;
      }
    }
    state.route = state_.next_route++;
    const std::string user = "fifo " + fifo.name;
    state.source = AllocateChannel(producer, isa::MM2S, user);
    if (producer.IsCore()) {
      state.producer_ring =
          AllocateRing(producer, fifo.name, fifo.object_bytes, fifo.producer.depth);
      UseBds(producer, fifo.producer.depth, user);
    }
    for (size_t i = 0; i < fifo.consumers.size(); ++i) {
      const Endpoint& consumer = fifo.consumers[i];
      state.destinations.push_back(AllocateChannel(consumer.tile, isa::S2MM, user));
      if (consumer.tile.IsCore()) {
        const std::string name =
            fifo.consumers.size() == 1 ? fifo.name : fifo.name + "@" + TileName(consumer.tile);
        state.consumer_rings[i] =
            AllocateRing(consumer.tile, name, fifo.object_bytes, consumer.depth);
        UseBds(consumer.tile, consumer.depth, user);
      }
    }
    isa::AddRoute(state_.layer, state.route, state.source, state.destinations);
  }

  void AssignLink(LinkState& link) {
    const Link& spec = *link.link;
    const std::vector<LinkEnd>& many = link.join ? spec.from : spec.to;
    const Fifo& single = *state_.Fifo(link.join ? spec.to[0].fifo : spec.from[0].fifo).fifo;
    uint32_t depth = 0;
    for (const auto* side : {&spec.from, &spec.to}) {
      for (const LinkEnd& end : *side) {
        const Fifo& fifo = *state_.Fifo(end.fifo).fifo;
        const int index = *EndpointOf(fifo, link.memtile);
        depth =
            std::max(depth, index == kProducer ? fifo.producer.depth : fifo.consumers[index].depth);
      }
    }
    if (many.size() == 1) {
      const Fifo& other = *state_.Fifo(spec.to[0].fifo).fifo;
      const uint64_t large = std::max(single.object_bytes, other.object_bytes);
      const uint64_t small = std::min(single.object_bytes, other.object_bytes);
      if (large % small != 0) {
        throw UserError(spec.where + ": a forward of " + std::to_string(single.object_bytes) +
                        " B objects into " + std::to_string(other.object_bytes) +
                        " B objects: one size must divide the other");
      }
      if (spec.from[0].offset != 0 || spec.to[0].offset != 0) {
        throw UserError(spec.where + ": offsets belong to a distribute or join");
      }
      link.object_bytes = large;
    } else {
      link.object_bytes = single.object_bytes;
      std::vector<std::pair<uint64_t, uint64_t>> slices;
      for (const LinkEnd& end : many) {
        const uint64_t bytes = state_.Fifo(end.fifo).fifo->object_bytes;
        if (end.offset + bytes > link.object_bytes) {
          throw UserError(spec.where + ": fifo " + end.fifo + " at offset " +
                          std::to_string(end.offset) + " (" + std::to_string(bytes) +
                          " B) runs past the memtile object of " +
                          std::to_string(link.object_bytes) + " B");
        }
        slices.push_back({end.offset, end.offset + bytes});
      }
      std::sort(slices.begin(), slices.end());
      for (size_t i = 1; i < slices.size(); ++i) {
        if (slices[i].first < slices[i - 1].second) {
          throw UserError(spec.where + ": the slices at offsets " +
                          std::to_string(slices[i - 1].first) + " and " +
                          std::to_string(slices[i].first) + " overlap");
        }
      }
    }
    link.depth = depth;
    link.tile = ToTile(link.memtile);
    const std::string name = single.name;
    link.ring = state_.next_ring++;
    const uint64_t address = AllocateMemory(
        link.memtile, link.object_bytes * depth,
        name + " (" + std::to_string(depth) + " x " + std::to_string(link.object_bytes) + " B)");
    isa::AddRing(state_.layer, link.ring, name, link.tile, address, link.object_bytes, depth);
    for (const LinkEnd& end : many) {
      link.free_locks.push_back(AllocateLock(link.memtile, "fifo " + end.fifo + ": free", depth));
      link.full_locks.push_back(AllocateLock(link.memtile, "fifo " + end.fifo + ": full", 0));
    }
    // One BD chain per channel using the ring.
    UseBds(link.memtile, depth * static_cast<uint32_t>(spec.from.size() + spec.to.size()),
           "link " + name);
  }

  void AssignCoreDeclarations(const Core& core) {
    TileUse& use = state_.tiles[core.tile];
    for (const CoreBufferDecl& buffer : core.buffers) {
      use.buffer_address[buffer.name] =
          AllocateMemory(core.tile, buffer.bytes,
                         "buffer " + buffer.name + " (" + std::to_string(buffer.bytes) + " B)");
      use.buffer_bytes[buffer.name] = buffer.bytes;
    }
    for (const CoreLock& lock : core.locks) {
      use.named_locks[lock.name] = AllocateLock(core.tile, "lock " + lock.name, lock.initial);
    }
  }

  // ---- limits ----
  void CheckLimits() {
    for (const auto& [tile, use] : state_.tiles) {
      const std::string where = TileWhere(state_, tile);
      uint64_t memory = 0;
      uint32_t locks = 0;
      const arch::DmaParams* dma = nullptr;
      if (tile.IsCore()) {
        memory = config_.core.memory_bytes;
        locks = config_.core.locks;
        dma = &config_.core.dma;
      } else if (tile.IsMemtile()) {
        memory = config_.memtile.memory_bytes;
        locks = config_.memtile.locks;
        dma = &config_.memtile.dma;
      } else {
        dma = &config_.shim.dma;
      }
      if (!tile.IsShim() && use.next_address > memory) {
        throw UserError(where + ": needs " + std::to_string(use.next_address) +
                        " B of memory, has " + std::to_string(memory) +
                        " B: " + Join(use.memory_users));
      }
      if (!tile.IsShim() && use.locks > locks) {
        throw UserError(where + ": needs " + std::to_string(use.locks) + " locks, has " +
                        std::to_string(locks) + ": " + Join(use.lock_users));
      }
      if (use.mm2s > dma->mm2s_channels) {
        throw UserError(where + ": needs " + std::to_string(use.mm2s) + " MM2S channels, has " +
                        std::to_string(dma->mm2s_channels) + ": " + Join(use.mm2s_users));
      }
      if (use.s2mm > dma->s2mm_channels) {
        throw UserError(where + ": needs " + std::to_string(use.s2mm) + " S2MM channels, has " +
                        std::to_string(dma->s2mm_channels) + ": " + Join(use.s2mm_users));
      }
      if (!tile.IsShim() && use.bds > dma->bds) {
        throw UserError(where + ": needs " + std::to_string(use.bds) + " BDs, has " +
                        std::to_string(dma->bds) + ": " + Join(use.bd_users));
      }
    }
  }

  LoweringState& state_;
  const arch::HardwareConfig& config_;
};

}  // namespace

bool SharesMemory(const TilePos& user, const TilePos& owner) {
  if (!user.IsCore() || !owner.IsCore()) return false;
  if (user == owner) return true;
  if (owner.row == user.row && owner.column + 1 == user.column) return true;  // west
  return owner.column == user.column && (owner.row == user.row + 1 || owner.row + 1 == user.row);
}

void AssignFifoResources(LoweringState& state) { Resources(state).Run(); }

}  // namespace aie2sim::design
