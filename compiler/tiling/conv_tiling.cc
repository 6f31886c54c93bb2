#include "compiler/tiling/conv_tiling.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/base/error.h"

namespace aie2sim::tiling {
namespace {

int64_t WindowSpan(int64_t kernel, int64_t dilation) { return dilation * (kernel - 1) + 1; }

// Input positions [begin, end) read by outputs [out.begin, out.end) of a window along one axis,
// before clipping; the parts outside [0, in_size) are padding.
Range InputSpan(Range out, int64_t stride, int64_t span, int64_t pad_begin) {
  return Range{out.begin * stride - pad_begin, (out.end - 1) * stride - pad_begin + span};
}

Range Clip(Range range, int64_t size) {
  return Range{std::max<int64_t>(range.begin, 0), std::min(range.end, size)};
}

// The window of a node, with GlobalAveragePool expressed as a window over the whole input.
ir::Window WindowOf(const ir::Node& node, const ir::Shape& in) {
  switch (node.op) {
    case ir::OpKind::kConv:
    case ir::OpKind::kGemm:
      return node.conv.window;
    case ir::OpKind::kGlobalAveragePool: {
      ir::Window window;
      window.kernel_h = in.h;
      window.kernel_w = in.w;
      return window;
    }
    default:
      return node.pool.window;
  }
}

RowBlock MakeBlock(Range out_rows, const ir::Window& window, int64_t in_height) {
  const Range span = InputSpan(out_rows, window.stride_h,
                               WindowSpan(window.kernel_h, window.dilation_h), window.pad_top);
  RowBlock block;
  block.out_rows = out_rows;
  block.in_rows = Clip(span, in_height);
  block.pad_top = block.in_rows.begin - span.begin;
  block.pad_bottom = span.end - block.in_rows.end;
  return block;
}

}  // namespace

bool IsWindowLayer(ir::OpKind op) {
  return op == ir::OpKind::kConv || op == ir::OpKind::kGemm || op == ir::OpKind::kMaxPool ||
         op == ir::OpKind::kAveragePool || op == ir::OpKind::kGlobalAveragePool;
}

std::vector<Range> SplitEvenly(int64_t total, int64_t parts) {
  std::vector<Range> ranges;
  int64_t begin = 0;
  for (int64_t i = 0; i < parts; ++i) {
    const int64_t size = total / parts + (i < total % parts ? 1 : 0);
    ranges.push_back(Range{begin, begin + size});
    begin += size;
  }
  return ranges;
}

int64_t CompactWeightBytes(int64_t out_channels, int64_t kernel_elems_per_output, double density) {
  const double dense = static_cast<double>(out_channels * kernel_elems_per_output);
  return static_cast<int64_t>(std::ceil(dense * density - 1e-9));
}

WindowTiling PlanWindowLayer(const ir::Graph& graph, const ir::Node& node,
                             const arch::HardwareConfig& config) {
  AIE2SIM_CHECK(IsWindowLayer(node.op), node.name + " is not a window layer");
  WindowTiling tiling;
  tiling.op = node.op;
  tiling.in = graph.InputShape(node);
  tiling.out = graph.OutputShape(node);
  tiling.window = WindowOf(node, tiling.in);
  tiling.groups = ir::HasWeights(node.op) ? node.conv.groups : 1;
  tiling.density = node.sparsity.density;
  const ir::Window& window = tiling.window;
  const int64_t rows = config.array.rows;
  const int64_t columns = config.array.columns;

  // Width over columns, with each slice's input halo.
  const int64_t span_w = WindowSpan(window.kernel_w, window.dilation_w);
  for (const Range& out_cols : SplitEvenly(tiling.out.w, columns)) {
    ColumnSlice slice;
    slice.out_cols = out_cols;
    if (!out_cols.empty()) {
      const Range span = InputSpan(out_cols, window.stride_w, span_w, window.pad_left);
      slice.in_cols = Clip(span, tiling.in.w);
      slice.pad_left = slice.in_cols.begin - span.begin;
      slice.pad_right = span.end - slice.in_cols.end;
    }
    tiling.columns.push_back(slice);
  }
  // Output channels over core rows.
  tiling.cout_rows = SplitEvenly(tiling.out.c, rows);

  const int64_t cin = tiling.in.c;
  const int64_t cout_max = tiling.cout_rows.front().size();
  int64_t in_cols_max = 0;
  int64_t out_cols_max = 0;
  for (const ColumnSlice& slice : tiling.columns) {
    in_cols_max = std::max(in_cols_max, slice.in_cols.size());
    out_cols_max = std::max(out_cols_max, slice.out_cols.size());
  }
  const int64_t per_output = ir::HasWeights(node.op)
                                 ? window.kernel_h * window.kernel_w * (cin / tiling.groups)
                                 : 0;
  tiling.weight_bytes_per_row_max = CompactWeightBytes(cout_max, per_output, tiling.density);

  const arch::CoreBuffers& buffers = config.core.buffers;
  const std::string where = "layer " + node.name + " (" + ir::OpName(node.op) + ")";
  if (tiling.weight_bytes_per_row_max > static_cast<int64_t>(buffers.weight_bytes)) {
    throw UserError(where + ": weights of one core (" +
                    std::to_string(tiling.weight_bytes_per_row_max) +
                    " B) exceed core.buffers.weight_bytes (" + std::to_string(buffers.weight_bytes) +
                    " B); splitting output/input channels further is not supported by this tiler");
  }
  // The largest block of output rows whose input and output fit one ping/pong buffer each.
  const int64_t span_h = WindowSpan(window.kernel_h, window.dilation_h);
  auto fits = [&](int64_t block_rows) {
    const int64_t in_rows = std::min((block_rows - 1) * window.stride_h + span_h, tiling.in.h);
    return in_rows * in_cols_max * cin <= static_cast<int64_t>(buffers.input_bytes) &&
           block_rows * out_cols_max * cout_max <= static_cast<int64_t>(buffers.output_bytes);
  };
  if (!fits(1)) {
    throw UserError(where + ": one output row of a core needs more than the core's input (" +
                    std::to_string(buffers.input_bytes) + " B) or output (" +
                    std::to_string(buffers.output_bytes) +
                    " B) buffer; splitting the width further is not supported by this tiler");
  }
  tiling.block_rows = 1;
  while (tiling.block_rows < tiling.out.h && fits(tiling.block_rows + 1)) ++tiling.block_rows;

  // Passes: as many output rows per pass as the memtile holds (weights stay resident).
  const int64_t weights_per_memtile =
      tiling.weight_bytes_per_row_max * ((rows + columns - 1) / columns);
  auto pass_fits = [&](int64_t pass_rows) {
    const int64_t in_rows = std::min((pass_rows - 1) * window.stride_h + span_h, tiling.in.h);
    return weights_per_memtile + in_rows * in_cols_max * cin + pass_rows * out_cols_max * tiling.out.c <=
           static_cast<int64_t>(config.memtile.memory_bytes);
  };
  if (!pass_fits(tiling.block_rows)) {
    throw UserError(where + ": one block of rows does not fit memtile.memory_bytes (" +
                    std::to_string(config.memtile.memory_bytes) + " B)");
  }
  int64_t pass_rows = tiling.block_rows;
  while (pass_rows + tiling.block_rows <= tiling.out.h && pass_fits(pass_rows + tiling.block_rows)) {
    pass_rows += tiling.block_rows;
  }
  if (pass_fits(tiling.out.h)) pass_rows = tiling.out.h;
  for (int64_t begin = 0; begin < tiling.out.h; begin += pass_rows) {
    Pass pass;
    pass.out_rows = Range{begin, std::min(begin + pass_rows, tiling.out.h)};
    for (int64_t row = pass.out_rows.begin; row < pass.out_rows.end; row += tiling.block_rows) {
      pass.blocks.push_back(
          MakeBlock(Range{row, std::min(row + tiling.block_rows, pass.out_rows.end)}, window,
                    tiling.in.h));
    }
    pass.in_rows = Range{pass.blocks.front().in_rows.begin, pass.blocks.back().in_rows.end};
    tiling.passes.push_back(std::move(pass));
  }
  return tiling;
}

}  // namespace aie2sim::tiling
