// The banks of one tile's memory (a memtile or a core's data memory), for the bank-conflict
// effect (sim/arch/effects.h): an approximate, fluid model of who reads and writes which bank.
//
// Contract: a transfer side that starts moving data calls Claim with the address span
// [begin, end) it touches and its nominal rate, receiving a BankClaim; it calls Release with the
// same claim when it stops. A claim spreads the rate evenly over the bytes of the span, so a bank
// carries rate x (span bytes in the bank / span bytes). Headroom(claim) is the factor (<= 1) the
// claim's transfer may run at now: the smallest bank-capacity / demand over the banks it touches
// (1 when none is over-subscribed). Banks are contiguous: bank = address / (bytes / banks).
// The memory only counts; engines do the waiting (StreamRoute re-evaluates per chunk).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace aie2sim::model {

// What one transfer side put on the banks: (bank, bytes per cycle) pairs.
struct BankClaim {
  std::vector<std::pair<uint32_t, double>> loads;
};

class MemoryBanks {
 public:
  MemoryBanks(uint64_t memory_bytes, uint32_t banks, double bank_bytes_per_cycle);

  // Fills `claim` for a span moving at `bytes_per_cycle` and adds it to the banks' demand. An
  // empty span (end <= begin) claims nothing. Addresses beyond the memory clamp to its last bank.
  void Claim(uint64_t begin, uint64_t end, double bytes_per_cycle, BankClaim* claim);
  void Release(const BankClaim& claim);
  double Headroom(const BankClaim& claim) const;

  double demand(uint32_t bank) const { return demand_[bank]; }

 private:
  const uint64_t bank_bytes_;
  const double capacity_;  // bytes per cycle per bank
  std::vector<double> demand_;
};

}  // namespace aie2sim::model
