#include "compiler/costtile/core_layouts.h"

#include <cstdint>

namespace aie2sim::costtile {
namespace {

constexpr uint64_t kGrain = 1024;

uint64_t Down(uint64_t bytes) { return bytes / kGrain * kGrain; }

// A layout with `weight` bytes of weights and the rest split `input_share` : 1 - input_share
// between the input and output pairs; none when a buffer would be empty.
void Add(uint64_t usable, uint64_t weight, double input_share, bool split_inputs,
         const arch::CoreBuffers& config_buffers, std::vector<tiling::CoreLayout>* layouts) {
  if (weight > usable) return;
  const uint64_t pairs = usable - weight;
  tiling::CoreLayout layout;
  layout.buffers.input_bytes = Down(static_cast<uint64_t>(pairs * input_share) / 2);
  layout.buffers.output_bytes = Down((pairs - 2 * layout.buffers.input_bytes) / 2);
  layout.buffers.weight_bytes = weight;
  layout.buffers.scratch_bytes = config_buffers.scratch_bytes;
  layout.split_inputs = split_inputs;
  layout.spread_weights = true;
  if (layout.buffers.input_bytes == 0 || layout.buffers.output_bytes == 0) return;
  layouts->push_back(layout);
}

}  // namespace

std::vector<tiling::CoreLayout> CoreLayouts(const ir::Node& node,
                                            const arch::HardwareConfig& config) {
  std::vector<tiling::CoreLayout> layouts = {tiling::ConfigLayout(config)};
  const arch::CoreBuffers& buffers = config.core.buffers;
  if (config.core.memory_bytes <= buffers.scratch_bytes) return layouts;
  const uint64_t usable = config.core.memory_bytes - buffers.scratch_bytes;
  if (!ir::HasWeights(node.op)) {
    for (double share : {0.5, 0.75}) Add(usable, 0, share, false, buffers, &layouts);
    return layouts;
  }
  const bool sums_channels = node.op == ir::OpKind::kGemm || node.conv.groups == 1;
  for (uint64_t weight : {Down(usable / 3), Down(usable / 2), Down(usable * 2 / 3)}) {
    Add(usable, weight, 0.5, false, buffers, &layouts);
    if (sums_channels) Add(usable, weight, 0.5, true, buffers, &layouts);
  }
  return layouts;
}

}  // namespace aie2sim::costtile
