// Multiplication counts of the ways to compute a Conv/Gemm (+ ReLU) that issue 23 compares
// ("Computation Reduction for CNN Acceleration", the second seed paper, PAPER.md §6), summed over
// the outputs they were counted on.
#pragma once

#include <cstdint>

namespace aie2sim::reduction {

struct MethodCounts {
  // Every multiplication of the window, padding taps included (ir::Macs).
  int64_t dense = 0;
  // Non-zero weights only (one-sided sparsity).
  int64_t compressed = 0;
  // Non-zero weights times non-zero activations (two-sided sparsity, no prediction).
  int64_t two_sided = 0;
  // SnaPEA exact mode on the dense weights: the non-negative weights (zeros included), then the
  // negative ones by decreasing magnitude until the partial sum is negative.
  int64_t snapea = 0;
  // Proposal 1: SnaPEA exact mode on the non-zero weights.
  int64_t proposal1 = 0;
  // Proposal 2: Proposal 1 that also skips zero activations.
  int64_t proposal2 = 0;
  // At AIE2's granularity (block_counter.h): the 8x8 weight blocks holding a non-zero weight.
  int64_t block_compressed = 0;
  // ... also skipping all-zero 8-channel activation vectors and stopping a whole output tile.
  int64_t block_proposal2 = 0;

  MethodCounts& operator+=(const MethodCounts& other) {
    dense += other.dense;
    compressed += other.compressed;
    two_sided += other.two_sided;
    snapea += other.snapea;
    proposal1 += other.proposal1;
    proposal2 += other.proposal2;
    block_compressed += other.block_compressed;
    block_proposal2 += other.block_proposal2;
    return *this;
  }
};

}  // namespace aie2sim::reduction
