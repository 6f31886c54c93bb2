// The int8 data a functional run feeds into a network: one BHWC tensor per graph input.
//
// Every tensor in aie2sim's functional mode is int8 with a power-of-two scale (quantize.h): a
// value q with exponent e stands for x = q * 2^-e. The input's exponent is fixed by its source
// (7 for both sources here: values in [-1, 1)), and every other tensor's exponent is chosen
// from it (quantized_network.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::reference {

struct NetworkInput {
  std::vector<std::vector<int8_t>> tensors;  // per graph input (graph.inputs order), BHWC
  std::vector<int> exponents;                // per graph input: x = q * 2^-e
  std::string source;                        // "random int8, seed 1" or the .npy path
};

// The exponent of both input sources: int8 values stand for [-1, 1).
constexpr int kInputExponent = 7;

// Uniformly distributed int8 values over [-128, 127] for every graph input, in graph.inputs
// order then BHWC order, drawn from one std::mt19937_64 seeded with `seed` (each value is the top
// 8 bits of one draw, so the bytes are the same with every standard library).
NetworkInput RandomInput(const ir::Graph& graph, uint64_t seed);

// Internal check (InternalError) that `input` has one tensor and one exponent per graph input,
// each with the input's element count.
void CheckInputMatches(const ir::Graph& graph, const NetworkInput& input);

}  // namespace aie2sim::reference
