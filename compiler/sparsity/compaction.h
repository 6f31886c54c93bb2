// Block-sparse weight storage, the paper's compressed block row (CBR): the int8 elements of the
// kept blocks in order, plus the mask Γ. Its byte size is what the compiler moves.
//
// Order of the kept blocks: group ascending, then block row (output-channel block) ascending,
// then block column (input-channel block) ascending; inside a block, its elements as a
// rows x KH x KW x cols sub-tensor (output channel, kernel position, input channel — the dense
// COUT x KH x KW x CIN order restricted to the block). Partial edge blocks store only their
// real elements. A dense node (empty mask) is stored as its dense weights, unchanged.
//
// Γ's size: 1 bit per block, each block row of each group padded to whole bytes, i.e.
// ceil(grid_cols / 8) bytes per block row and groups x grid_rows x ceil(grid_cols / 8) for the
// layer. A dense node has no Γ.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/sparsity/block_grid.h"

namespace aie2sim::sparsity {

struct CompactedWeights {
  WeightShape shape;
  ir::BlockMask mask;          // dense: `blocks` holds the dense weights
  std::vector<int8_t> blocks;  // the kept blocks in the order above
};

// Compacts dense int8 weights (shape.elements() values in COUT x KH x KW x CIN/groups order)
// under `mask` (dense or built on `shape`). Elements of zero blocks are dropped, whatever their
// value.
CompactedWeights CompactWeights(const WeightShape& shape, const ir::BlockMask& mask,
                                const std::vector<int8_t>& dense);

// The node's int8 weights (e.g. quant::QuantizeTensor of its float weights) under its mask.
CompactedWeights CompactNodeWeights(const ir::Graph& graph, const ir::Node& node,
                                    const std::vector<int8_t>& dense);

// The inverse: dense int8 weights with the zero blocks' elements 0.
std::vector<int8_t> ExpandWeights(const CompactedWeights& compact);

// Bytes of Γ per block row: ceil(grid_cols / 8); 0 for a dense mask.
int64_t MaskRowBytes(const ir::BlockMask& mask);

// Slice sizes of one node's compacted weights, precomputed so that each query is O(1).
class CompactSizer {
 public:
  CompactSizer(const WeightShape& shape, const ir::BlockMask& mask);

  // Bytes moved for output channels [cout_begin, cout_end): the kept elements of those channels
  // (a block row only partly inside the slice contributes only its channels inside the slice)
  // plus MaskRowBytes for every block row the slice overlaps, even partly. Dense: the slice's
  // channels x KH x KW x CIN/groups. Precondition: 0 <= cout_begin <= cout_end <= COUT.
  int64_t Bytes(int64_t cout_begin, int64_t cout_end) const;

  // Bytes(0, COUT): kept elements + groups x grid_rows x MaskRowBytes.
  int64_t TotalBytes() const { return Bytes(0, shape_.out_channels); }

 private:
  WeightShape shape_;
  int64_t block_h_ = 1;
  int64_t mask_row_bytes_ = 0;           // 0 when dense
  std::vector<int64_t> channel_prefix_;  // kept bytes of output channels [0, c), COUT + 1 entries
};

// CompactSizer(node).Bytes(cout_begin, cout_end): what the tiler calls for a COUT slice.
// Costs O(blocks + COUT) per call; build a CompactSizer for repeated queries on one node.
int64_t CompactBytes(const ir::Graph& graph, const ir::Node& node, int64_t cout_begin,
                     int64_t cout_end);

}  // namespace aie2sim::sparsity
