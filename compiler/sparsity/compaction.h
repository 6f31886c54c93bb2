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
//
// A weight piece (EncodeWeightPiece) is what one core receives for output channels
// [cout_begin, cout_end) and input channels [cin_begin, cin_end) of each group; its layout is
// the contract with the functional simulator (sim/functional/weight_piece.h decodes it):
//  - dense mask: the elements co in [cout_begin, cout_end) x KH*KW x ci in [cin_begin, cin_end),
//    in that order.
//  - sparse mask: the overlapped block rows are the (group g, row r) whose output channels meet
//    [cout_begin, cout_end), in ascending channel order; the overlapped block columns j0..j1
//    those meeting [cin_begin, cin_end), n = j1 - j0 + 1. First Γ: per overlapped row
//    ceil(n / 8) bytes, bit (j - j0) % 8 (LSB first) of byte (j - j0) / 8 = kept(g, r, j), the
//    bits beyond n zero. Then per overlapped row in order, per kept overlapped column j in
//    order: the elements co in (row's channels ∩ cout range) x KH*KW x ci in (column's channels
//    ∩ cin range).
// With the full input range the piece is Γ of its rows followed by the CBR storage of its
// channels, so the two-argument CompactSizer::Bytes is the four-argument one over all inputs.
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

// The weight piece of output channels [cout_begin, cout_end) (absolute) and input channels
// [cin_begin, cin_end) (within a group) in the layout above; its size is
// CompactSizer(shape, mask).Bytes(cout_begin, cout_end, cin_begin, cin_end). `dense` holds
// shape.elements() values in COUT x KH x KW x CIN/groups order; elements of zero blocks are
// dropped whatever their value. Preconditions (InternalError otherwise):
// 0 <= cout_begin < cout_end <= COUT, 0 <= cin_begin < cin_end <= CIN/groups, `mask` dense or
// built on `shape`.
std::vector<int8_t> EncodeWeightPiece(const WeightShape& shape, const ir::BlockMask& mask,
                                      const std::vector<int8_t>& dense, int64_t cout_begin,
                                      int64_t cout_end, int64_t cin_begin, int64_t cin_end);

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

  // Bytes of the weight piece of output channels [cout_begin, cout_end) and input channels
  // [cin_begin, cin_end) of each group (EncodeWeightPiece's size): the kept elements inside both
  // ranges plus ceil(n / 8) Γ bytes for every overlapped block row, n = the block columns the
  // input range overlaps. Dense: channels x KH x KW x (cin_end - cin_begin). Equals
  // Bytes(cout_begin, cout_end) for the full input range. O(overlapped block rows).
  // Preconditions: 0 <= cout_begin <= cout_end <= COUT, 0 <= cin_begin < cin_end <= CIN/groups.
  int64_t Bytes(int64_t cout_begin, int64_t cout_end, int64_t cin_begin, int64_t cin_end) const;

  // Bytes(0, COUT): kept elements + groups x grid_rows x MaskRowBytes.
  int64_t TotalBytes() const { return Bytes(0, shape_.out_channels); }

 private:
  // Global block row (g * rows + r) of an output channel.
  int64_t RowOf(int64_t channel) const;

  WeightShape shape_;
  int64_t block_h_ = 1;
  int64_t block_w_ = 1;
  int64_t grid_rows_ = 0;  // per group
  int64_t grid_cols_ = 0;
  int64_t mask_row_bytes_ = 0;           // 0 when dense
  std::vector<int64_t> channel_prefix_;  // kept bytes of output channels [0, c), COUT + 1 entries
  // Sparse only: per global block row, the kept input channels of columns [0, j), cols + 1
  // entries per row.
  std::vector<int64_t> column_prefix_;
};

// CompactSizer(node).Bytes(cout_begin, cout_end): what the tiler calls for a COUT slice.
// Costs O(blocks + COUT) per call; build a CompactSizer for repeated queries on one node.
int64_t CompactBytes(const ir::Graph& graph, const ir::Node& node, int64_t cout_begin,
                     int64_t cout_end);

}  // namespace aie2sim::sparsity
