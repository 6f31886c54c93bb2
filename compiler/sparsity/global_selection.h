// Global ranking: the items (single weights, for --global) of several layers ranked together, as
// PyTorch's torch.nn.utils.prune.global_unstructured ranks weights by |w| across the network.
// Layers with many small weights lose more than layers with few large ones, unlike the per-layer
// ratios of block_selection.h.
#pragma once

#include <cstdint>
#include <vector>

namespace aie2sim::sparsity {

// Returns the kept flags (1 = kept) of every item of every layer: the items of all layers are
// ranked by (score ascending, layer index ascending, item index ascending) and the first
// `zero_count` of that order are zeroed. scores[l][i] is item i of layer l.
// Preconditions (InternalError otherwise): 0 <= zero_count <= total items; no score is NaN.
std::vector<std::vector<uint8_t>> SelectKeptGlobally(const std::vector<std::vector<double>>& scores,
                                                     int64_t zero_count);

}  // namespace aie2sim::sparsity
