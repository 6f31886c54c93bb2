#include "sim/analytic/bound.h"

#include <algorithm>

#include "sim/base/error.h"

namespace aie2sim::analytic {
namespace {

// Seconds to move or compute `amount` at `rate` per second; 0 when there is nothing to do.
double Time(double amount, double rate) {
  if (amount <= 0) return 0;
  AIE2SIM_CHECK(rate > 0, "a hardware bound with work but no rate");
  return amount / rate;
}

}  // namespace

BoundRates RatesOf(const arch::HardwareConfig& config) {
  const double hz = config.clock_hz();
  const double columns = config.array.columns;
  BoundRates rates;
  rates.cores = config.cores();
  rates.macs_per_core_s = config.core.macs_per_cycle.int8 * hz;
  rates.vector_ops_per_core_s = config.core.vector_ops_per_cycle * hz;
  rates.ddr_bytes_s = columns * (config.shim.dma.mm2s_channels + config.shim.dma.s2mm_channels) *
                      config.ddr.channel_bytes_per_cycle * hz;
  rates.column_link_bytes_s =
      columns * config.memtile.dma.mm2s_channels * config.stream.bytes_per_cycle * hz;
  rates.core_link_bytes_s = config.core.dma.mm2s_channels * config.stream.bytes_per_cycle * hz;
  rates.memtile_bytes = static_cast<double>(config.memtile.memory_bytes);
  return rates;
}

LayerBound BoundLayer(const BoundWork& work, const BoundRates& rates) {
  const double cores = std::min(work.cores, rates.cores);
  LayerBound bound;
  bound.compute_s = Time(work.macs, cores * rates.macs_per_core_s) +
                    Time(work.vector_ops, cores * rates.vector_ops_per_core_s);
  bound.ddr_s = Time(work.ddr_bytes, rates.ddr_bytes_s);
  bound.column_links_s = Time(work.core_in_bytes, rates.column_link_bytes_s);
  bound.core_links_s = Time(work.core_out_bytes, cores * rates.core_link_bytes_s);
  const std::pair<double, const char*> terms[] = {{bound.compute_s, "compute"},
                                                  {bound.ddr_s, "ddr"},
                                                  {bound.column_links_s, "column_links"},
                                                  {bound.core_links_s, "core_links"}};
  for (const auto& [seconds, name] : terms) {
    if (seconds > bound.bound_s) {
      bound.bound_s = seconds;
      bound.resource = name;
    }
  }
  bound.fits_memory = work.memtile_bytes <= rates.memtile_bytes;
  return bound;
}

}  // namespace aie2sim::analytic
