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
  AIE2SIM_CHECK(!source_arrived_ && destinations_arrived_ == 0,
                "route reconfigured while a transfer is pending");
  id_ = id;
  source_ = source;
  destinations_.assign(destinations.begin(), destinations.end());
  destination_arrived_.assign(destinations.size(), 0);
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

StreamRoute::Timing StreamRoute::Send(uint64_t bytes, const Side& side) {
  Timing timing;
  timing.arrived = sc_time_stamp();
  source_arrived_ = true;
  source_side_ = side;
  while (destinations_arrived_ < destinations_.size()) sc_core::wait(all_arrived_);
  timing.started = sc_time_stamp();
  Move(bytes);
  if (context_.functional != nullptr) MoveData();
  timing.finished = sc_time_stamp();
  // Close this execution before waking the destinations, so that one of them may arrive for
  // the next execution in this very delta cycle.
  started_ = timing.started;
  finished_ = timing.finished;
  source_arrived_ = false;
  destinations_arrived_ = 0;
  std::fill(destination_arrived_.begin(), destination_arrived_.end(), 0);
  done_.notify();
  return timing;
}

StreamRoute::Timing StreamRoute::Receive(uint32_t slot, const Side& side) {
  AIE2SIM_CHECK(slot < destinations_.size() && !destination_arrived_[slot],
                "route " + std::to_string(id_) + ": bad or repeated destination arrival");
  Timing timing;
  timing.arrived = sc_time_stamp();
  destination_arrived_[slot] = 1;
  destination_sides_[slot] = side;
  ++destinations_arrived_;
  if (source_arrived_ && destinations_arrived_ == destinations_.size()) all_arrived_.notify();
  sc_core::wait(done_);
  timing.started = started_;
  timing.finished = finished_;
  return timing;
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

void StreamRoute::Move(uint64_t bytes) {
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
  double until_ps = ClockDomain::Ps(sc_time_stamp()) + latency_ps_;
  uint64_t remaining = bytes;
  while (remaining > 0) {
    const uint64_t chunk = std::min(context_.chunk_bytes, remaining);
    until_ps += static_cast<double>(chunk) / RateBytesPerCycle() * ps_per_cycle;
    WaitUntilPs(until_ps);
    remaining -= chunk;
    context_.stats.CountEvent();
  }
  WaitUntilPs(until_ps);  // an empty transfer still pays the latency
  if constexpr (kCheckInvariants) ReleaseAccesses();
  ReleaseBanks();
  if (!path_.empty()) links_->End(path_);
  if (shim_endpoints_ > 0) ddr_->End(shim_endpoints_);
}

void StreamRoute::MoveData() {
  FunctionalMemory& memory = *context_.functional;
  AIE2SIM_CHECK(source_side_.buffer != nullptr,
                "route " + std::to_string(id_) + ": functional transfer without a buffer");
  payload_.clear();
  memory.Gather(source_->engine(), *source_side_.buffer, source_side_.iteration, &payload_);
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    const Side& side = destination_sides_[slot];
    AIE2SIM_CHECK(side.buffer != nullptr,
                  "route " + std::to_string(id_) + ": functional transfer without a buffer");
    memory.Scatter(destinations_[slot]->engine(), *side.buffer, side.iteration, payload_.data(),
                   payload_.size());
  }
}

int StreamRoute::DestinationSlot(const EngineModule* engine) const {
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    if (destinations_[slot] == engine) return static_cast<int>(slot);
  }
  return -1;
}

std::string StreamRoute::DescribeMissing(const EngineModule* waiter) const {
  std::string missing;
  auto add = [&missing](const EngineModule* engine) {
    if (!missing.empty()) missing += ", ";
    missing += engine->engine_name();
  };
  if (!source_arrived_ && source_ != waiter) add(source_);
  for (size_t slot = 0; slot < destinations_.size(); ++slot) {
    if (!destination_arrived_[slot] && destinations_[slot] != waiter) add(destinations_[slot]);
  }
  return missing;
}

}  // namespace aie2sim::model
