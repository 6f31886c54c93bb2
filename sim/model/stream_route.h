// One circuit-switched stream connection of the current layer: an MM2S source channel and one
// or more S2MM destination channels, joined by the route id (program.proto).
//
// Contract (a byte stream, program.proto v2):
//  * Each side moves its own transfer sizes: a Send or Receive enters a transfer of `bytes`
//    (each engine runs one transfer at a time). Data moves only while the source and every
//    destination are inside a transfer (the stream's back-pressure), in segments: a segment
//    starts when all are inside and ends when any side's transfer has moved all its bytes. With
//    equal sizes a transfer is one segment: the k-th Send pairs with the k-th Receive.
//  * Within a segment the bytes move in chunks of simulation.chunk_bytes (cut at the first
//    transfer boundary), one wait per chunk on the source's thread, at one rate for all
//    endpoints (a broadcast goes at the slowest receiver's pace):
//    stream.bytes_per_cycle, limited to the DDR channel rate while a shim is an endpoint. Realistic
//    effects (sim/arch/effects.h) add the hop latency of the longest path once per source
//    transfer (at its first segment), and lower
//    the rate of each chunk to the route's share of the DDR total (ddr_contention), of its most
//    crowded link (link_contention) and of its most crowded memory bank (bank_conflicts), as
//    they stand when the chunk starts.
//  * In functional mode (context.functional) the source's bytes are read and written into every
//    destination's buffer when the last chunk has moved (the buffers are lock-protected for
//    the whole transfer, so the moment within it does not matter); functional programs pair
//    equal transfers (an unequal pairing is an InternalError there).
//  * With kCheckInvariants every side's access is registered with its memory's LiveAccesses while
//    a segment moves data (invariants.h: 'no overlapping live buffers').
//  * Both calls return when the caller's bytes have moved, with when the caller arrived, when its
//    first byte moved and when its last did. Configure may only be called while no engine is
//    inside.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "sim/isa/program.pb.h"
#include "sim/model/live_accesses.h"
#include "sim/model/memory_banks.h"
#include "sim/model/model_context.h"

namespace aie2sim::model {

class DdrModel;
class EngineModule;
class LinkNetwork;

// What one side of a transfer touches in its tile's memory banks (bank_conflicts): the address
// span [begin, end); `banks` null when not modelled (DDR, or the effect off).
struct TransferSide {
  MemoryBanks* banks = nullptr;
  uint64_t begin = 0;
  uint64_t end = 0;
  // Functional mode: the side's buffer and iteration, whose bytes the route moves.
  const isa::Buffer* buffer = nullptr;
  uint32_t iteration = 0;
  // Invariant checks: the memory the side accesses (null: not checked) and its access.
  LiveAccesses* memory = nullptr;
  LiveAccess access;
};

class StreamRoute {
 public:
  using Side = TransferSide;

  struct Timing {
    sc_core::sc_time arrived;   // the caller reached its side
    sc_core::sc_time started;   // every side had arrived: data starts to move
    sc_core::sc_time finished;  // the last byte has moved
  };

  explicit StreamRoute(const ModelContext& context) : context_(context) {}

  // Sets the route up for a new layer. `shim_endpoints` counts shim engines among its ends;
  // `hops` is the number of stream switches on its longest source-destination path; `path` the
  // links it crosses in `links` (LinkNetwork::PathOf; empty without link contention).
  void Configure(uint32_t id, EngineModule* source, const std::vector<EngineModule*>& destinations,
                 uint32_t shim_endpoints, uint32_t hops, DdrModel* ddr, LinkNetwork* links,
                 std::vector<uint32_t> path);

  // The MM2S side's next transfer: `bytes` to send.
  Timing Send(uint64_t bytes, const Side& side = {});
  // The next transfer of the destination in `slot`: `bytes` to receive.
  Timing Receive(uint32_t slot, uint64_t bytes, const Side& side = {});

  uint32_t id() const { return id_; }
  // No side is inside a transfer (none is waiting for its partners).
  bool idle() const;
  // Bytes every side's transfers asked for since Configure: the source's, and the destination's
  // in `slot` (at the end of a design they must be equal: program.proto, v2).
  uint64_t bytes_sent() const { return source_.requested; }
  uint64_t bytes_received(uint32_t slot) const { return destinations_[slot].requested; }
  size_t destination_count() const { return destinations_.size(); }
  const EngineModule* destination(uint32_t slot) const { return destinations_[slot].engine; }
  const EngineModule* source() const { return source_.engine; }
  // The slot of `engine` among the destinations, or -1.
  int DestinationSlot(const EngineModule* engine) const;
  // The engines of this route that `waiter` waits for: "core(1,0).s2mm0, core(1,1).s2mm0".
  std::string DescribeMissing(const EngineModule* waiter) const;

 private:
  // One end of the route and its transfer in progress.
  struct Endpoint {
    EngineModule* engine = nullptr;
    uint64_t remaining = 0;  // bytes of its transfer still to move; 0 = not inside one
    uint64_t requested = 0;  // bytes of all its transfers since Configure
    uint64_t bytes = 0;      // of its transfer in progress
    bool started = false;    // its transfer has moved a byte
    sc_core::sc_time first;  // when its transfer's first byte moved
    sc_core::sc_time last;   // when its transfer's last byte moved
  };

  bool AllDestinationsInside() const;
  // Moves one segment from now (the source's thread); `latency` on the source transfer's first.
  void MoveSegment(bool latency);
  double RateBytesPerCycle() const;
  void ClaimBanks();
  void ReleaseBanks();
  // Invariant checks: registers every side's access with its memory, and releases them.
  void RegisterAccesses();
  void ReleaseAccesses();
  // Functional mode: copies the source's bytes into every destination's buffer.
  void MoveData(uint64_t segment);

  const ModelContext& context_;
  uint32_t id_ = 0;
  Endpoint source_;
  std::vector<Endpoint> destinations_;
  uint32_t shim_endpoints_ = 0;
  double base_bytes_per_cycle_ = 0;  // min(stream, DDR channel if a shim is an endpoint)
  double latency_ps_ = 0;
  DdrModel* ddr_ = nullptr;
  LinkNetwork* links_ = nullptr;
  std::vector<uint32_t> path_;

  // The sides of the execution in progress in memory banks: the source's, then each
  // destination's by slot, and what each claimed while the data moves.
  Side source_side_;
  std::vector<Side> destination_sides_;
  std::vector<BankClaim> claims_;
  std::vector<LiveAccesses::Handle> accesses_;  // by side, as claims_
  std::vector<uint8_t> payload_;                // functional mode: the bytes in flight

  std::vector<std::unique_ptr<sc_core::sc_event>> done_;  // by slot: wakes a destination
  sc_core::sc_event destination_arrived_;                 // wakes a waiting source
};

}  // namespace aie2sim::model
