#include "sim/model/memory_banks.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::model {

MemoryBanks::MemoryBanks(uint64_t memory_bytes, uint32_t banks, double bank_bytes_per_cycle)
    : bank_bytes_(std::max<uint64_t>(1, memory_bytes / std::max<uint32_t>(banks, 1))),
      capacity_(bank_bytes_per_cycle),
      demand_(std::max<uint32_t>(banks, 1), 0.0) {
  AIE2SIM_CHECK(bank_bytes_per_cycle > 0, "bank bandwidth must be positive");
}

void MemoryBanks::Claim(uint64_t begin, uint64_t end, double bytes_per_cycle, BankClaim* claim) {
  claim->loads.clear();
  if (end <= begin) return;
  const uint32_t last_bank = static_cast<uint32_t>(demand_.size() - 1);
  const double span = static_cast<double>(end - begin);
  const uint64_t first = std::min<uint64_t>(begin / bank_bytes_, last_bank);
  const uint64_t last = std::min<uint64_t>((end - 1) / bank_bytes_, last_bank);
  for (uint64_t bank = first; bank <= last; ++bank) {
    const uint64_t bank_begin = bank * bank_bytes_;
    const uint64_t bank_end = bank == last_bank ? end : (bank + 1) * bank_bytes_;
    const uint64_t overlap = std::min(end, bank_end) - std::max(begin, bank_begin);
    const double load = bytes_per_cycle * static_cast<double>(overlap) / span;
    claim->loads.emplace_back(static_cast<uint32_t>(bank), load);
    demand_[bank] += load;
  }
}

void MemoryBanks::Release(const BankClaim& claim) {
  for (const auto& [bank, load] : claim.loads) {
    demand_[bank] = std::max(0.0, demand_[bank] - load);
  }
}

double MemoryBanks::Headroom(const BankClaim& claim) const {
  double headroom = 1.0;
  for (const auto& [bank, load] : claim.loads) {
    // Tolerate rounding residue of earlier releases: only a real excess slows a transfer.
    const double demand = demand_[bank];
    if (demand > capacity_ * (1 + 1e-12)) headroom = std::min(headroom, capacity_ / demand);
  }
  return headroom;
}

}  // namespace aie2sim::model
