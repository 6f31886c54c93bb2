#include "sim/model/stream_route.h"

#include <algorithm>

#include "sim/base/error.h"
#include "sim/model/ddr_model.h"
#include "sim/model/engine_module.h"
#include "sim/model/functional_memory.h"
#include "sim/model/invariants.h"
#include "sim/model/link_network.h"

namespace aie2sim::model {

using sc_core::sc_time_stamp;

void StreamRoute::Configure(uint32_t id, EngineModule* source,
                            const std::vector<EngineModule*>& destinations, uint32_t shim_endpoints,
                            uint32_t hops, DdrModel* ddr, LinkNetwork* links,
                            std::vector<uint32_t> path) {
  AIE2SIM_CHECK(idle(), "route reconfigured while a transfer is pending");
  id_ = id;
  source_ = Endpoint{};
  source_.engine = source;
  destinations_.assign(destinations.size(), Endpoint{});
  done_.clear();
  for (size_t slot = 0; slot < destinations.size(); ++slot) {
    destinations_[slot].engine = destinations[slot];
    done_.push_back(std::make_unique<sc_core::sc_event>());
  }
  destination_sides_.assign(destinations.size(), Side{});
  claims_.resize(destinations.size() + 1);
  accesses_.resize(destinations.size() + 1);
  shim_endpoints_ = shim_endpoints;
  ddr_ = ddr;
  links_ = links;
  path_ = std::move(path);
  base_bytes_per_cycle_ = context_.config.stream.bytes_per_cycle;
  if (shim_endpoints_ > 0) {
    base_bytes_per_cycle_ = std::min(base_bytes_per_cycle_, ddr_->channel_bytes_per_cycle());
  }
  AIE2SIM_CHECK(base_bytes_per_cycle_ > 0, "route " + std::to_string(id) + " has no bandwidth");
  latency_ps_ = context_.clock.Ps(Cycles(context_.timing.hop_latency_cycles * hops));
}

bool StreamRoute::idle() const {
  if (source_.remaining > 0) return false;
  for (const Endpoint& destination : destinations_) {
    if (destination.remaining > 0) return false;
  }
  return true;
}

bool StreamRoute::AllDestinationsInside() const {
  for (const Endpoint& destination : destinations_) {
    if (destination.remaining == 0) return false;
  }
  return true;
}

StreamRoute::Timing StreamRoute::Send(uint64_t bytes, const Side& side) {
  Timing timing;
  timing.arrived = sc_time_stamp();
  source_.remaining = bytes;
  source_.bytes = bytes;
  source_.requested += bytes;
  source_.started = false;
  source_side_ = side;
  timing.started = timing.arrived;
  bool first = true;
  while (source_.remaining > 0) {
    while (!AllDestinationsInside()) sc_core::wait(destination_arrived_);
    if (first) timing.started = sc_time_stamp();
    MoveSegment(first);
    first = false;
  }
  timing.finished = sc_time_stamp();
  return timing;
}

StreamRoute::Timing StreamRoute::Receive(uint32_t slot, uint64_t bytes, const Side& side) {
  AIE2SIM_CHECK(slot < destinations_.size() && destinations_[slot].remaining == 0,
                "route " + std::to_string(id_) + ": bad or repeated destination arrival");
  Timing timing;
  timing.arrived = sc_time_stamp();
  timing.started = timing.finished = timing.arrived;
  if (bytes == 0) return timing;
  Endpoint& endpoint = destinations_[slot];
  endpoint.remaining = bytes;
  endpoint.bytes = bytes;
  endpoint.requested += bytes;
  endpoint.started = false;
  destination_sides_[slot] = side;
  destination_arrived_.notify();  // a waiting source checks whether all are inside now
  while (endpoint.remaining > 0) sc_core::wait(*done_[slot]);
  timing.started = endpoint.first;
  timing.finished = endpoint.last;
  return timing;
}

void StreamRoute::MoveSegment(bool latency) {
  const sc_core::sc_time start = sc_time_stamp();
  for (Endpoint& destination : destinations_) {
    if (!destination.started) {
      destination.started = true;
      destination.first = start;
    }
  }
  if (shim_endpoints_ > 0) ddr_->Begin(shim_endpoints_);
  if (!path_.empty()) links_->Begin(path_);
  ClaimBanks();
  if constexpr (kCheckInvariants) RegisterAccesses();
  // Under contention, let the transfers that start at this very time register first, so that
  // they all see each other from their first chunk (a delta cycle, no time).
  const bool shared = (shim_endpoints_ > 0 && context_.timing.ddr_contention) || !path_.empty() ||
                      source_side_.banks != nullptr ||
                      std::any_of(destination_sides_.begin(), destination_sides_.end(),
                                  [](const Side& side) { return side.banks != nullptr; });
  if (shared) sc_core::wait(sc_core::SC_ZERO_TIME);
  const double ps_per_cycle = context_.clock.ps_per_cycle();
  double until_ps = ClockDomain::Ps(sc_time_stamp()) + (latency ? latency_ps_ : 0.0);
  // The segment ends at the first transfer boundary of any side.
  uint64_t segment = source_.remaining;
  for (const Endpoint& destination : destinations_) {
    segment = std::min(segment, destination.remaining);
  }
  uint64_t remaining = segment;
  while (remaining > 0) {
    const uint64_t chunk = std::min(context_.chunk_bytes, remaining);
    until_ps += static_cast<double>(chunk) / RateBytesPerCycle() * ps_per_cycle;
    WaitUntilPs(until_ps);
    remaining -= chunk;
    context_.stats.CountEvent();
  }
  WaitUntilPs(until_ps);
  if constexpr (kCheckInvariants) ReleaseAccesses();
  ReleaseBanks();
  if (!path_.empty()) links_->End(path_);
  if (shim_endpoints_ > 0) ddr_->End(shim_endpoints_);
  if (context_.functional != nullptr) MoveData(segment);
  // Close the segment before waking the destinations, so that one of them may enter its next
  // transfer in this very delta cycle.
  source_.remaining -= segment;
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    Endpoint& destination = destinations_[slot];
    destination.remaining -= segment;
    if (destination.remaining == 0) {
      destination.last = sc_time_stamp();
      done_[slot]->notify();
    }
  }
}

double StreamRoute::RateBytesPerCycle() const {
  double rate = base_bytes_per_cycle_;
  if (shim_endpoints_ > 0) rate = std::min(rate, ddr_->ShareBytesPerCycle());
  if (!path_.empty()) {
    rate = std::min(rate, context_.config.stream.bytes_per_cycle * links_->Share(path_));
  }
  for (size_t i = 0; i <= destination_sides_.size(); ++i) {
    const Side& side = i == 0 ? source_side_ : destination_sides_[i - 1];
    if (side.banks != nullptr) {
      rate = std::min(rate, base_bytes_per_cycle_ * side.banks->Headroom(claims_[i]));
    }
  }
  return rate;
}

void StreamRoute::ClaimBanks() {
  for (size_t i = 0; i <= destination_sides_.size(); ++i) {
    const Side& side = i == 0 ? source_side_ : destination_sides_[i - 1];
    if (side.banks != nullptr) {
      side.banks->Claim(side.begin, side.end, base_bytes_per_cycle_, &claims_[i]);
    }
  }
}

void StreamRoute::ReleaseBanks() {
  for (size_t i = 0; i <= destination_sides_.size(); ++i) {
    const Side& side = i == 0 ? source_side_ : destination_sides_[i - 1];
    if (side.banks != nullptr) side.banks->Release(claims_[i]);
  }
}

void StreamRoute::RegisterAccesses() {
  for (size_t i = 0; i <= destination_sides_.size(); ++i) {
    const Side& side = i == 0 ? source_side_ : destination_sides_[i - 1];
    if (side.memory != nullptr) accesses_[i] = side.memory->Register(side.access);
  }
}

void StreamRoute::ReleaseAccesses() {
  for (size_t i = 0; i <= destination_sides_.size(); ++i) {
    const Side& side = i == 0 ? source_side_ : destination_sides_[i - 1];
    if (side.memory != nullptr) side.memory->Release(accesses_[i]);
  }
}

void StreamRoute::MoveData(uint64_t segment) {
  FunctionalMemory& memory = *context_.functional;
  // Functional programs pair equal transfers: each segment is one whole transfer of every side.
  bool whole = segment == source_.bytes;
  for (const Endpoint& destination : destinations_) whole = whole && segment == destination.bytes;
  AIE2SIM_CHECK(whole, "route " + std::to_string(id_) +
                           ": functional mode needs equal transfer sizes on every side");
  AIE2SIM_CHECK(source_side_.buffer != nullptr,
                "route " + std::to_string(id_) + ": functional transfer without a buffer");
  payload_.clear();
  memory.Gather(source_.engine->engine(), *source_side_.buffer, source_side_.iteration, &payload_);
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    const Side& side = destination_sides_[slot];
    AIE2SIM_CHECK(side.buffer != nullptr,
                  "route " + std::to_string(id_) + ": functional transfer without a buffer");
    memory.Scatter(destinations_[slot].engine->engine(), *side.buffer, side.iteration,
                   payload_.data(), payload_.size());
  }
}

int StreamRoute::DestinationSlot(const EngineModule* engine) const {
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    if (destinations_[slot].engine == engine) return static_cast<int>(slot);
  }
  return -1;
}

std::string StreamRoute::DescribeMissing(const EngineModule* waiter) const {
  std::string missing;
  auto add = [&missing](const EngineModule* engine) {
    if (!missing.empty()) missing += ", ";
    missing += engine->engine_name();
  };
  if (source_.remaining == 0 && source_.engine != waiter) add(source_.engine);
  for (const Endpoint& destination : destinations_) {
    if (destination.remaining == 0 && destination.engine != waiter) add(destination.engine);
  }
  return missing;
}

}  // namespace aie2sim::model
