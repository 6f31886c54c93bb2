#include "compiler/design/dma_streams.h"

#include "compiler/design/access_pattern.h"
#include "sim/base/error.h"
#include "sim/isa/program_builder.h"

namespace aie2sim::design {
namespace {

class DmaStreams {
 public:
  explicit DmaStreams(LoweringState& state) : state_(state) {}

  void Run() {
    for (const FifoState& fifo : state_.fifos) {
      if (fifo.shared) continue;
      const Fifo& spec = *fifo.fifo;
      const uint64_t objects = fifo.bytes_per_run / spec.object_bytes;
      if (fifo.producer_ring) {
        const RingSide& ring = *fifo.producer_ring;
        const isa::Buffer buffer =
            Pattern(spec, ring.ring, 0, spec.object_bytes, spec.producer.tile);
        Emit(fifo.source, objects, {ring.full_lock}, {ring.free_lock}, ring.ring,
             isa::TransferOp(fifo.route, fifo.data, buffer));
      }
      for (size_t i = 0; i < spec.consumers.size(); ++i) {
        if (!fifo.consumer_rings[i]) continue;
        const RingSide& ring = *fifo.consumer_rings[i];
        Emit(fifo.destinations[i], objects, {ring.free_lock}, {ring.full_lock}, ring.ring,
             isa::TransferOp(
                 fifo.route, fifo.data,
                 isa::RingBuffer(ring.ring, 0, static_cast<uint32_t>(spec.object_bytes))));
      }
    }
    for (const LinkState& link : state_.links) EmitLink(link);
  }

 private:
  // A ring object's bytes [offset, offset + bytes), walked by the FIFO's access pattern.
  isa::Buffer Pattern(const Fifo& fifo, uint32_t ring, uint64_t offset, uint64_t bytes,
                      const TilePos& tile) {
    const RegionDims dims =
        StreamPattern(fifo.dims, fifo.element_bytes, bytes, fifo.where + ": dims");
    const arch::HardwareConfig& config = *state_.config;
    const uint32_t limit = tile.IsCore()      ? config.core.dma.address_dims
                           : tile.IsMemtile() ? config.memtile.dma.address_dims
                                              : config.shim.dma.address_dims;
    if (dims.size() > limit) {
      throw UserError(fifo.where + ": dims: the pattern needs " + std::to_string(dims.size()) +
                      " BD dimensions, " + TileName(tile) + "'s DMA has " + std::to_string(limit));
    }
    isa::Buffer buffer = isa::MakeBuffer(isa::MakeRegion(offset, dims));
    buffer.set_ring(ring);
    return buffer;
  }

  // LOOP objects { acquire each of `acquire` 1; transfer; release each of `release` 1 }, the
  // last release advancing the ring.
  void Emit(const isa::Engine& engine, uint64_t objects, const std::vector<uint32_t>& acquire,
            const std::vector<uint32_t>& release, uint32_t ring, const isa::Instruction& transfer) {
    std::vector<isa::Instruction> body;
    for (const uint32_t lock : acquire) body.push_back(isa::AcquireOp(lock, 1));
    body.push_back(transfer);
    for (size_t i = 0; i < release.size(); ++i) {
      body.push_back(isa::ReleaseRing(release[i], 1, i + 1 == release.size() ? ring : 0));
    }
    *isa::StreamFor(state_.group, engine)->add_instructions() = isa::LoopOp(objects, body);
  }

  // The memtile's channel of `fifo` (its S2MM when the memtile consumes it, else its MM2S).
  isa::Engine MemtileChannel(const FifoState& fifo, const TilePos& memtile) {
    const int index = *EndpointOf(*fifo.fifo, memtile);
    return index == kProducer ? fifo.source : fifo.destinations[index];
  }

  void EmitLink(const LinkState& link) {
    const Link& spec = *link.link;
    const FifoState& single = state_.Fifo(link.join ? spec.to[0].fifo : spec.from[0].fifo);
    const uint64_t objects = link.join || spec.to.size() > 1
                                 ? single.bytes_per_run / single.fifo->object_bytes
                                 : single.bytes_per_run / link.object_bytes;
    if (single.bytes_per_run % link.object_bytes != 0) {
      throw UserError(spec.where + ": " + std::to_string(single.bytes_per_run) +
                      " B per run are not a whole number of the memtile's " +
                      std::to_string(link.object_bytes) + " B objects");
    }
    const std::vector<LinkEnd>& many = link.join ? spec.from : spec.to;
    // The single side: the whole memtile object, every pair's lock.
    const isa::Engine single_channel = MemtileChannel(single, link.memtile);
    if (link.join) {
      Emit(single_channel, objects, link.full_locks, link.free_locks, link.ring,
           isa::TransferOp(single.route, single.data,
                           Pattern(*single.fifo, link.ring, 0, link.object_bytes, link.memtile)));
    } else {
      Emit(
          single_channel, objects, link.free_locks, link.full_locks, link.ring,
          isa::TransferOp(single.route, single.data,
                          isa::RingBuffer(link.ring, 0, static_cast<uint32_t>(link.object_bytes))));
    }
    // The many side: each FIFO its slice and its pair.
    for (size_t i = 0; i < many.size(); ++i) {
      const FifoState& fifo = state_.Fifo(many[i].fifo);
      const uint64_t bytes = many.size() == 1 ? link.object_bytes : fifo.fifo->object_bytes;
      const isa::Engine channel = MemtileChannel(fifo, link.memtile);
      if (link.join) {
        isa::Buffer buffer =
            isa::MakeBuffer(isa::Contiguous(many[i].offset, static_cast<uint32_t>(bytes)));
        buffer.set_ring(link.ring);
        Emit(channel, objects, {link.free_locks[i]}, {link.full_locks[i]}, link.ring,
             isa::TransferOp(fifo.route, fifo.data, buffer));
      } else {
        Emit(channel, objects, {link.full_locks[i]}, {link.free_locks[i]}, link.ring,
             isa::TransferOp(fifo.route, fifo.data,
                             Pattern(*fifo.fifo, link.ring, many[i].offset, bytes, link.memtile)));
      }
    }
  }

  LoweringState& state_;
};

}  // namespace

void EmitDmaStreams(LoweringState& state) { DmaStreams(state).Run(); }

}  // namespace aie2sim::design
