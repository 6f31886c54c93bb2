// Decoding of one weight piece, the bytes a core receives for a Conv/Gemm compute: the
// functional simulator's own reading of the format that compiler/sparsity/compaction.h
// (EncodeWeightPiece) writes. Independent of the compiler on purpose, so that a disagreement
// between the two shows up as a functional mismatch instead of being shared.
//
// Weights are COUT x KH*KW x CIN/groups int8. Group g owns output channels
// [g * cout_g, (g + 1) * cout_g) (cout_g = out_channels / groups); with blocks, each group has
// its own grid of ceil(cout_g / block_h) rows x ceil(in_per_group / block_w) columns, the last
// row / column partial when the side does not divide.
//
// A piece covers output channels [cout_begin, cout_end) (absolute) and input channels
// [cin_begin, cin_end) (within a group):
//  - dense (block_h == 0): its elements co x KH*KW x ci, in that order.
//  - blocks: overlapped rows = the block rows (group, row) meeting the cout range, in channel
//    order; overlapped columns j0..j1 = those meeting the cin range, n = j1 - j0 + 1. First Γ:
//    per overlapped row ceil(n / 8) bytes, bit (j - j0) % 8 (LSB first) of byte (j - j0) / 8 set
//    when block (row, j) is kept, the bits beyond n zero. Then per overlapped row, per kept
//    column j in order: the elements co in (row ∩ cout range) x KH*KW x ci in (column ∩ cin
//    range).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aie2sim::functional {

struct WeightGeometry {
  int64_t out_channels = 1;  // all groups
  int64_t in_per_group = 1;
  int64_t groups = 1;
  int64_t kernel_elems = 1;  // KH * KW
  int64_t block_h = 0;       // 0 = dense weights (block_w is then ignored)
  int64_t block_w = 0;
};

// The dense weights of the piece, [cout_end - cout_begin][kernel_elems][cin_end - cin_begin],
// with the elements of dropped blocks 0, written into `dense` (resized; its capacity is reused).
// InternalError for an invalid geometry (non-positive sizes, groups not dividing out_channels,
// block_w < 1 with block_h >= 1), a range outside it (0 <= cout_begin < cout_end <=
// out_channels, 0 <= cin_begin < cin_end <= in_per_group), a `size` other than the piece's
// exact size (Γ plus the elements of the blocks Γ keeps), or a Γ bit beyond n set.
void DecodeWeightPieceInto(const WeightGeometry& geometry, int64_t cout_begin, int64_t cout_end,
                           int64_t cin_begin, int64_t cin_end, const int8_t* bytes, size_t size,
                           std::vector<int8_t>* dense);

// The same, returning the dense weights.
std::vector<int8_t> DecodeWeightPiece(const WeightGeometry& geometry, int64_t cout_begin,
                                      int64_t cout_end, int64_t cin_begin, int64_t cin_end,
                                      const int8_t* bytes, size_t size);

}  // namespace aie2sim::functional
