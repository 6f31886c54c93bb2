// Block importance scores (PAPER.md §1): one number per block of a grid; the pass zeroes the
// blocks with the lowest scores. Scores are raw (not normalised by block size), so a partial
// edge block, having fewer elements, tends to score lower under L1 and L2.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/sparsity_options.h"

namespace aie2sim::sparsity {

// Scores of every block, indexed like BlockGrid::Index, from dense float weights laid out as
// the grid's shape: kL1 = sum |w|, kL2 = sqrt(sum w^2), kVariance = population variance
// (mean of squares about the block's mean, divided by the element count). Accumulates in double.
// Precondition: `importance` is kL1, kL2 or kVariance; weights.size() == shape().elements().
std::vector<double> WeightScores(const BlockGrid& grid, Importance importance,
                                 const std::vector<float>& weights);

// Random scores in [0, 1): the top 53 bits of successive std::mt19937_64 draws (fully specified
// by the C++ standard, so identical on every platform), seeded with `layer_seed`.
std::vector<double> RandomScores(const BlockGrid& grid, uint64_t layer_seed);

// The per-layer random seed: splitmix64(seed ^ FNV-1a-64(layer name)). Depends only on the
// user's seed and the layer's name, so adding or removing other layers leaves a layer's mask as it
// was.
uint64_t LayerSeed(uint64_t seed, const std::string& layer_name);

// 1 for every block holding at least one non-zero weight, 0 for all-zero blocks (`existing`).
std::vector<uint8_t> NonZeroBlocks(const BlockGrid& grid, const std::vector<float>& weights);

}  // namespace aie2sim::sparsity
