// Tiling of window layers (Conv, Gemm as a 1x1 Conv, MaxPool, AveragePool, GlobalAveragePool,
// and Add as a 1x1 window over several inputs) over an R x C mesh, after the paper (PAPER.md §4):
//  - Mesh. The output width is split into `width_parts` parts, one per column; when the width
//    is narrower than the mesh (late layers, Gemm, GlobalAveragePool) the columns left over form
//    `cout_groups` groups that split the output channels further. Output channels are split over
//    cout_groups x R core slices (slice g*R + r belongs to core row r of the columns of group g).
//    Remainders are spread one by one: no mesh size or layer shape fails.
//  - Subvolume. A core computes blocks of `block_rows` output rows x a width sub-slice of at most
//    `sub_cols` columns x a piece of at most `cout_piece` output channels, so that its input,
//    output and weight buffers fit the config. When a layer does not fit, in this order: the
//    width is shrunk (sub-slices), the output channels are split into weight pieces, and as the
//    last resort the input channels are split (`cin_pieces`, partial sums accumulated in the
//    core's scratch in int32).
//  - Memtile. A column's memtile holds the input rows of a pass (all channels, its width part
//    with halo), the pass's output rows (its cout group's channels) and weights: all the weights
//    it serves when they fit (`weights_resident`, loaded once per layer), else one piece round
//    at a time, for a batch of core rows at a time (`row_batch`) when even one round of every
//    row does not fit (tall meshes, large Gemms). Passes split the output height until that fits.
//    When not even one block of one row's piece fits with all input channels staged, a split
//    input is staged in chunks of its channels (`cin_chunks`), block by block.
//  - Gemm folds its batch into the height (rows are images), so weights are reused across them.
//  - Kernels without cross-channel sums (pools, depthwise/grouped convs) give each core only the
//    input channels its outputs need.
// Postconditions: every output element belongs to exactly one (column, core, pass, block,
// sub-slice, piece); every subvolume fits the core buffers; every pass fits the memtiles.
// Throws UserError naming the layer only when no subvolume of one output element fits.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/tiling/range.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::tiling {

// Output columns and the input columns (clipped to the input) they read, with padding.
struct ColumnSpan {
  Range out_cols;
  Range in_cols;
  int64_t pad_left = 0;
  int64_t pad_right = 0;
};

struct WidthPart {
  ColumnSpan span;               // the whole part (what its memtile holds)
  std::vector<ColumnSpan> subs;  // the sub-slices a core computes one after another
};

// What a mesh column does: its width part and cout group (-1: idle).
struct ColumnRole {
  int64_t part = -1;
  int64_t group = -1;
  bool active() const { return part >= 0; }
};

// One weight piece of a core: its output channels, the input channels it reads, its bytes.
struct WeightPiece {
  Range couts;
  Range in_channels;
  int64_t weight_bytes = 0;        // compacted, all input channels: the sum of cin_bytes
  std::vector<int64_t> cin_bytes;  // per input-channel piece (one entry when not split)
};

struct RowBlock {
  Range out_rows;
  Range in_rows;  // clipped to the input
  int64_t pad_top = 0;
  int64_t pad_bottom = 0;
};

// A range of output rows whose input rows sit in the memtile together.
struct Pass {
  Range out_rows;
  Range in_rows;
  std::vector<RowBlock> blocks;
};

struct WindowTiling {
  ir::OpKind op = ir::OpKind::kConv;
  ir::Shape in;   // as tiled (Gemm: 1 x N x 1 x K)
  ir::Shape out;  // as tiled (Gemm: 1 x N x 1 x M)
  ir::Window window;
  int64_t groups = 1;  // channel groups of a Conv
  bool weighted = false;
  bool channelwise = false;  // each output channel reads only its own group's input channels
  int64_t inputs = 1;        // input tensors read per output element (Add: 2 or more)

  int64_t width_parts = 1;
  int64_t cout_groups = 1;
  std::vector<WidthPart> parts;
  std::vector<ColumnRole> columns;               // one per mesh column
  std::vector<Range> slices;                     // cout_groups x rows, index g * rows + r
  std::vector<std::vector<WeightPiece>> pieces;  // per slice
  int64_t piece_count = 0;                       // max pieces of a slice
  int64_t cout_piece = 0;
  std::vector<Range> cin_pieces;  // one entry (all input channels) when not split
  int64_t sub_cols = 0;
  int64_t block_rows = 1;
  std::vector<Pass> passes;
  bool weights_resident = false;
  // Core rows run each weight piece round in batches of this many rows (all rows: one batch)
  // when a memtile cannot hold one piece of every row it serves at once: each batch's pieces
  // are loaded, sent and computed before the next batch's reuse the same memtile region.
  int64_t row_batch = 0;
  // Input-channel chunks, the last resort of a split-input layer whose block does not fit the
  // memtile with all its input channels staged (a Gemm whose input row, K bytes, exceeds the
  // memtile): runs [begin, end) of consecutive cin_pieces. Each block then stages, chunk after
  // chunk, its input rows of the chunk's channels and the chunk's part of every weight piece
  // (weights are never resident), and the cores accumulate across chunks; a pass is one block.
  // Empty: a pass stages all input channels.
  std::vector<Range> cin_chunks;
  // Per-round staging, the last resort of a kernel reading only its own channels (pools,
  // GlobalAveragePool, Add, grouped and depthwise convs) whose pass does not fit the memtile with
  // all channels staged (a GlobalAveragePool's whole input window): before each weight-piece round
  // k, each memtile stages, per core row, only the input channels of that row's piece k.
  bool round_staged = false;
  std::vector<bool> input_resident;  // per input: read from a resident tensor (no LOAD)
  bool output_resident = false;      // written into a resident tensor (no STORE)
  int64_t memtile_bytes = 0;         // the most any memtile holds for the layer's own regions

  bool cin_split() const { return cin_pieces.size() > 1; }
  bool chunked() const { return !cin_chunks.empty(); }
  // Bytes of weight piece `piece`'s input-channel pieces in `chunk`.
  static int64_t ChunkBytes(const WeightPiece& piece, const Range& chunk) {
    int64_t bytes = 0;
    for (int64_t q = chunk.begin; q < chunk.end; ++q) bytes += piece.cin_bytes[q];
    return bytes;
  }
  // The input channels of chunk `chunk` (a run of cin_pieces).
  Range ChunkChannels(const Range& chunk) const {
    return Range{cin_pieces[chunk.begin].begin, cin_pieces[chunk.end - 1].end};
  }
  int64_t row_batches() const { return (rows() + row_batch - 1) / row_batch; }
  Range BatchRows(int64_t batch) const {
    return Range{batch * row_batch, std::min(rows(), (batch + 1) * row_batch)};
  }
  int64_t rows() const { return static_cast<int64_t>(slices.size()) / cout_groups; }
  const Range& slice(int64_t group, int64_t row) const { return slices[group * rows() + row]; }
  // The output channels of a cout group (contiguous).
  Range GroupChannels(int64_t group) const;
  // The memtile column that holds and sends the weights of slice (group, row).
  int64_t WeightHome(int64_t group, int64_t row) const;
  // Input channels read by outputs `couts`.
  Range InputChannels(Range couts) const;
  // Input channels per pixel a memtile of cout group `group` stages: all of them, or (per-round
  // staging) per core row the widest input-channel range of its pieces, RoundWidth.
  int64_t StagedChannels(int64_t group) const;
  int64_t RoundWidth(int64_t group, int64_t row) const;
};

bool IsWindowLayer(ir::OpKind op);

// What the memtiles offer a layer: the bytes left for its own regions (weights and staging) once
// the tensors kept resident across layers are placed, and which of its tensors are resident
// (a resident input needs no staging rows; a resident output is written in place).
struct MemtileBudget {
  int64_t capacity = 0;              // bytes per memtile for the layer's own regions
  std::vector<bool> input_resident;  // per node input; empty = none resident
  bool output_resident = false;
};

// The whole memtile, nothing resident.
MemtileBudget WholeMemtile(const arch::HardwareConfig& config);

WindowTiling PlanWindowLayer(const ir::Graph& graph, const ir::Node& node,
                             const arch::HardwareConfig& config, const MemtileBudget& budget);

}  // namespace aie2sim::tiling
