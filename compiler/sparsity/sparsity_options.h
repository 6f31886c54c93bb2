// What the user asks of the sparsity pass (the CLI's --sparsity, --block, --importance, --seed,
// --dense-layers, --sparsity-spec, --mask-file and the keep-lines switch), parsed once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aie2sim::sparsity {

// How blocks are ranked before the least important ones are zeroed (PAPER.md §1).
enum class Importance {
  kL1,        // sum of |w| over the block
  kL2,        // sqrt of the sum of w^2 over the block
  kVariance,  // population variance of the block's elements
  kExisting,  // keep exactly the blocks with a non-zero weight (a model retrained for sparsity)
  kRandom,    // a seeded random score per block: needs no weights
};

// "l1" | "l2" | "variance" | "existing" | "random".
const char* ImportanceName(Importance importance);

// Inverse of ImportanceName; throws UserError "--importance: unknown importance \"x\" (...)".
Importance ParseImportance(const std::string& text);

// True for the measures computed from the weights (all but kRandom).
bool NeedsWeights(Importance importance);

struct BlockSize {
  int64_t h = 8;  // output channels per block
  int64_t w = 8;  // input channels per block
};

// Parses "BHxBW" (e.g. "8x8", "16x4"; each side a decimal integer in [1, 65536]); nullopt for
// anything else.
std::optional<BlockSize> TryParseBlockSize(const std::string& text);

// TryParseBlockSize for the --block flag; throws UserError
// "--block: expected BHxBW (...), got \"text\"" on bad text.
BlockSize ParseBlockSize(const std::string& text);

// "BHxBW".
std::string BlockSizeName(int64_t block_h, int64_t block_w);

struct SparsityOptions {
  double ratio = 0;  // share of each layer's blocks to zero, in [0, 1]
  int64_t block_h = 8, block_w = 8;
  std::optional<Importance> importance;  // unset: l2 if every Conv/Gemm has weights, else random
  uint64_t seed = 0;                     // for kRandom
  bool first_dense = true;               // keep the first Conv/Gemm in graph order dense
  std::string spec_path;                 // per-layer ratios (workloads/sparsity/README.md)
  std::string mask_path;                 // user masks (workloads/sparsity/README.md)
  bool keep_lines = false;               // never leave an all-zero block row or column
  // Unstructured global magnitude pruning (PyTorch's global_unstructured with L1): the
  // individual weights of all prunable layers ranked together by |w|, `ratio` of them zeroed;
  // the mask at the block size then drops the blocks left all zero.
  bool global = false;
};

// Throws UserError naming the flag when the options are out of range or contradict each other
// (ratio outside [0, 1], a block side < 1, a mask file together with a ratio, a spec or an
// importance, a spec together with `existing`, `global` together with a spec, a mask file,
// keep_lines or an importance other than l1 / l2, which rank single weights alike).
void ValidateOptions(const SparsityOptions& options);

}  // namespace aie2sim::sparsity
