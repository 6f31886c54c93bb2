// Tiling of window layers (Conv, Gemm as a 1x1 Conv, MaxPool, AveragePool, GlobalAveragePool)
// over an R x C mesh, following the paper (PAPER.md §4):
//  - the output width is split over the columns, remainders spread one by one (W_out < C leaves
//    columns idle); each column reads its input width slice plus the halo the window needs;
//  - the output channels are split over the core rows, remainders likewise;
//  - each core streams its output by blocks of `block_rows` output rows through ping/pong
//    buffers; blocks that touch the top or bottom padding, or the last remainder block, differ in
//    shape and so form head and tail groups around the uniform body;
//  - when a column's input slice, output slice and weights do not fit its memtile, the output
//    height is processed in passes, each loading only the input rows it needs.
//
// Preconditions: shapes inferred; the node is a window layer. Postconditions: every output
// element is covered by exactly one (column, row, pass, block); every block's input, output and
// weights fit the core buffers of the config. Throws UserError naming the layer when no block of
// one output row fits the core buffers (splitting the width, the weights and the input channels
// further is the job of the full tiler).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::tiling {

struct Range {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
};

// One column's share of the output width and the input columns it reads.
struct ColumnSlice {
  Range out_cols;
  Range in_cols;          // clipped to the input
  int64_t pad_left = 0;   // padding columns the core adds on the left of this slice
  int64_t pad_right = 0;
};

// One block of output rows computed in one iteration, with the input rows it reads.
struct RowBlock {
  Range out_rows;
  Range in_rows;  // clipped to the input
  int64_t pad_top = 0;
  int64_t pad_bottom = 0;
};

// A pass: a range of output rows whose input rows are loaded into the memtile together.
struct Pass {
  Range out_rows;
  Range in_rows;
  std::vector<RowBlock> blocks;
};

struct WindowTiling {
  ir::OpKind op = ir::OpKind::kConv;
  ir::Shape in;
  ir::Shape out;
  ir::Window window;
  int64_t groups = 1;
  double density = 1.0;
  std::vector<ColumnSlice> columns;  // one per mesh column
  std::vector<Range> cout_rows;      // one per mesh row: the output channels it computes
  int64_t block_rows = 1;            // output rows per body iteration
  std::vector<Pass> passes;
  int64_t weight_bytes_per_row_max = 0;  // compacted weights of the largest row slice
};

// Splits `total` into `parts` contiguous ranges whose sizes differ by at most one, larger first.
std::vector<Range> SplitEvenly(int64_t total, int64_t parts);

// Bytes of block-sparse weights for `out_channels` outputs of a layer: the kept share of the
// dense weights (dense when density is 1).
int64_t CompactWeightBytes(int64_t out_channels, int64_t kernel_elems_per_output, double density);

WindowTiling PlanWindowLayer(const ir::Graph& graph, const ir::Node& node,
                             const arch::HardwareConfig& config);

// True for the ops PlanWindowLayer accepts.
bool IsWindowLayer(ir::OpKind op);

}  // namespace aie2sim::tiling
