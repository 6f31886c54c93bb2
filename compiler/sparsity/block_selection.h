// Choosing Γ from block scores: zero the least important blocks of a layer.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/sparsity/block_grid.h"

namespace aie2sim::sparsity {

// Returns the kept flags (1 = kept) of every block of `grid`.
//
// The blocks of all groups are ranked together by (score ascending, block index ascending) —
// equal scores are broken by the lower index going first — and walked in that order; each block
// is zeroed until `zero_count` blocks are zero.
//
// With `keep_lines`, a block is skipped (stays kept) when zeroing it would leave its block row
// or its block column (within its group's grid) with no kept block; the walk then goes on to the
// next block in rank order. Because the walk is in ascending order, the skipped block is the most
// important block left in that line. Fewer than `zero_count` blocks end up zero when no further
// block can be zeroed under the rule (e.g. a grid with a single block row keeps everything).
//
// Preconditions: scores.size() == grid.blocks(), 0 <= zero_count <= grid.blocks(), scores are
// not NaN.
std::vector<uint8_t> SelectKept(const BlockGrid& grid, const std::vector<double>& scores,
                                int64_t zero_count, bool keep_lines);

}  // namespace aie2sim::sparsity
