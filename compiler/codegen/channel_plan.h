// Which DMA channel carries which stream, in one place. The paper presets give every
// memtile-core connection its own channel; with fewer channels (realistic presets) connections
// share a channel in turn (time-multiplexing: one transfer after another on that channel).
#pragma once

#include <cstdint>

#include "sim/arch/hardware_config.h"

namespace aie2sim::codegen {

class ChannelPlan {
 public:
  explicit ChannelPlan(const arch::HardwareConfig& config) : config_(config) {}

  // Shim (DDR side).
  uint32_t ShimReadActivations() const { return 0; }
  // Input `i` of a layer with several (Add, Concat): spread over the shim's read channels.
  uint32_t ShimReadInput(uint32_t i) const { return i % config_.shim.dma.mm2s_channels; }
  // `lane` 1 puts weights on the activations' channel (layers that spread weight loads over both
  // channels where no activations load at the same time).
  uint32_t ShimReadWeights(uint32_t lane = 0) const {
    return (1 + lane) % config_.shim.dma.mm2s_channels;
  }
  uint32_t ShimWrite(uint32_t half) const { return half % config_.shim.dma.s2mm_channels; }

  // Memtile.
  uint32_t MemtileReceiveActivations() const { return 0; }
  uint32_t MemtileReceiveInput(uint32_t i) const {
    return (i % 2) % config_.memtile.dma.s2mm_channels;
  }
  uint32_t MemtileReceiveWeights(uint32_t lane = 0) const {
    return ((1 + lane) % 2) % config_.memtile.dma.s2mm_channels;
  }
  uint32_t MemtileReceiveOutput(uint32_t core_row) const {
    return (2 + core_row) % config_.memtile.dma.s2mm_channels;
  }
  uint32_t MemtileSendActivations() const { return 0; }
  uint32_t MemtileSendOutput(uint32_t half) const {
    return half % config_.memtile.dma.mm2s_channels;
  }
  // The channel that sends the weights of core row `row` from its home memtile, where
  // `rows_per_memtile_step` is how many memtiles share the rows (the layer's width parts).
  // `spread`: the activations' channel 0 takes its turn too (after the weights' first channel).
  uint32_t MemtileSendWeights(uint32_t row, uint32_t rows_per_memtile_step,
                              bool spread = false) const {
    const uint32_t channels = config_.memtile.dma.mm2s_channels;
    const uint32_t turn = row / rows_per_memtile_step;
    if (spread) return (1 + turn) % channels;
    return channels == 1 ? 0 : 1 + turn % (channels - 1);
  }

  // Core.
  uint32_t CoreReceiveActivations() const { return 0; }
  uint32_t CoreReceiveWeights() const { return 1 % config_.core.dma.s2mm_channels; }
  uint32_t CoreSendOutput() const { return 0; }

 private:
  const arch::HardwareConfig& config_;
};

// Core lock ids of the ping/pong pairs (initial values: producers 2, consumers 0).
inline constexpr uint32_t kInputFree = 0;
inline constexpr uint32_t kInputFull = 1;
inline constexpr uint32_t kOutputFree = 2;
inline constexpr uint32_t kOutputFull = 3;
// Input-channel splits stream weights through a ping/pong pair as well.
inline constexpr uint32_t kWeightFree = 4;
inline constexpr uint32_t kWeightFull = 5;
inline constexpr uint32_t kCoreLocksUsed = 6;

}  // namespace aie2sim::codegen
