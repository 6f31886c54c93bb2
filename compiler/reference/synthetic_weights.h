// The float weights a functional run quantises: a node's imported weights, or synthetic ones
// for workloads that carry none (our YAML layer lists), with the node's dropped blocks zeroed.
//
// Synthetic weights are deterministic in (seed, node name) and independent of the node's
// position in the graph and of every other node: a std::mt19937_64 seeded from a fixed hash
// (FNV-1a 64 of the name, mixed with the seed by SplitMix64) draws the COUT x KH x KW x CIN/g
// weights in order, then the COUT biases; each draw d maps to u = (d >> 11) * 2^-53 in [0, 1)
// and to bound * (2u - 1) (no std:: distribution, whose output differs between standard
// libraries). Weights are He-uniform, bound sqrt(6 / fan_in) with fan_in = KH * KW * CIN / groups,
// which keeps activations of a ReLU network at a stable scale layer after layer; biases (only
// when node.conv.has_bias) are uniform in +-1 / sqrt(fan_in), PyTorch's default.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::reference {

// Synthetic weights and bias of a Conv/Gemm node (bias empty when !node.conv.has_bias), dense.
ir::WeightData SyntheticWeights(const ir::Graph& graph, const ir::Node& node, uint64_t seed);

// Sets to 0 every element of the blocks node.mask drops (nothing for a dense mask).
// Precondition: values has the node's dense weight element count.
void ZeroDroppedBlocks(const ir::Graph& graph, const ir::Node& node, std::vector<float>& values);

// node.weights when present (its bias used as given, empty = none), else SyntheticWeights; in
// both cases with ZeroDroppedBlocks applied. Precondition: node is a Conv/Gemm.
ir::WeightData NodeFloatWeights(const ir::Graph& graph, const ir::Node& node, uint64_t seed);

}  // namespace aie2sim::reference
