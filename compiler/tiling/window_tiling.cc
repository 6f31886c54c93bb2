#include "compiler/tiling/window_tiling.h"

#include <algorithm>
#include <string>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/compaction.h"
#include "sim/arch/target_model.h"
#include "sim/base/error.h"

namespace aie2sim::tiling {
namespace {

int64_t WindowSpan(int64_t kernel, int64_t dilation) { return dilation * (kernel - 1) + 1; }

// Input positions read by outputs `out` along one axis, before clipping to the input.
Range InputSpan(Range out, int64_t stride, int64_t span, int64_t pad_begin) {
  return Range{out.begin * stride - pad_begin, (out.end - 1) * stride - pad_begin + span};
}

Range Clip(Range range, int64_t size) {
  return Range{std::max<int64_t>(range.begin, 0), std::min(range.end, size)};
}

ColumnSpan MakeColumnSpan(Range out_cols, const ir::Window& window, int64_t in_width) {
  ColumnSpan span;
  span.out_cols = out_cols;
  const Range read = InputSpan(out_cols, window.stride_w,
                               WindowSpan(window.kernel_w, window.dilation_w), window.pad_left);
  span.in_cols = Clip(read, in_width);
  span.pad_left = span.in_cols.begin - read.begin;
  span.pad_right = read.end - span.in_cols.end;
  return span;
}

RowBlock MakeBlock(Range out_rows, const ir::Window& window, int64_t in_height) {
  const Range read = InputSpan(out_rows, window.stride_h,
                               WindowSpan(window.kernel_h, window.dilation_h), window.pad_top);
  RowBlock block;
  block.out_rows = out_rows;
  block.in_rows = Clip(read, in_height);
  block.pad_top = block.in_rows.begin - read.begin;
  block.pad_bottom = read.end - block.in_rows.end;
  return block;
}

ir::Window WindowOf(const ir::Node& node, const ir::Shape& in) {
  switch (node.op) {
    case ir::OpKind::kConv:
    case ir::OpKind::kGemm:
      return node.conv.window;
    case ir::OpKind::kAdd:
      return ir::Window{};
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

// The planner: holds the layer's fixed facts and tries subvolume sizes until one fits.
class Planner {
 public:
  Planner(const ir::Graph& graph, const ir::Node& node, const arch::HardwareConfig& config,
          const MemtileBudget& budget)
      : node_(node), config_(config), capacity_(budget.capacity) {
    WindowTiling& t = t_;
    t.op = node.op;
    t.in = graph.InputShape(node);
    t.out = graph.OutputShape(node);
    if (node.op == ir::OpKind::kGemm) {  // rows are images: weights are reused across the batch
      t.in = ir::Shape{1, t.in.n, 1, t.in.c};
      t.out = ir::Shape{1, t.out.n, 1, t.out.c};
    }
    t.window = WindowOf(node, t.in);
    t.weighted = ir::HasWeights(node.op);
    t.groups = t.weighted ? node.conv.groups : 1;
    t.channelwise = !t.weighted || t.groups > 1;
    t.inputs = static_cast<int64_t>(node.inputs.size());
    t.input_resident = budget.input_resident;
    t.input_resident.resize(node.inputs.size(), false);
    t.output_resident = budget.output_resident;
    for (bool resident : t.input_resident) staged_inputs_ += resident ? 0 : 1;
    if (t.weighted) {
      sizer_.emplace(sparsity::WeightShapeOf(graph, node), node.mask);
      kernel_elems_ = t.window.kernel_h * t.window.kernel_w;
    }
    span_h_ = WindowSpan(t.window.kernel_h, t.window.dilation_h);
    span_w_ = WindowSpan(t.window.kernel_w, t.window.dilation_w);
    const arch::CoreBuffers& buffers = config.core.buffers;
    input_bytes_ = static_cast<int64_t>(buffers.input_bytes);
    output_bytes_ = static_cast<int64_t>(buffers.output_bytes);
    weight_bytes_ = static_cast<int64_t>(buffers.weight_bytes);
    scratch_bytes_ = static_cast<int64_t>(buffers.scratch_bytes);
  }

  WindowTiling Plan() {
    WindowTiling& t = t_;
    PlanMesh();
    int64_t cout_piece = 0;
    for (const Range& slice : t.slices) cout_piece = std::max(cout_piece, slice.size());
    cout_piece = std::max<int64_t>(cout_piece, 1);
    const int64_t widest_slice = cout_piece;
    bool cin_split = false;
    if (t.weighted) {
      // Split the output channels until a piece's weights fit the weight buffer.
      for (int64_t bytes = MaxPieceBytes(cout_piece); cout_piece > 1 && bytes > weight_bytes_;
           bytes = MaxPieceBytes(cout_piece)) {
        cout_piece = std::max<int64_t>(
            1, std::min(cout_piece - 1, cout_piece * weight_bytes_ / std::max<int64_t>(bytes, 1)));
      }
      cin_split = MaxPieceBytes(cout_piece) > weight_bytes_;
    }
    if (!t.channelwise && !cin_split && InRows(1) * InCols(1) * t.in.c > input_bytes_) {
      cin_split = true;  // one output element's input window holds too many channels
    }
    if (cin_split && t.channelwise) {
      Fail("one output channel group's weights or input window exceed the core buffers");
    }
    if (t.channelwise) {
      // Kernels reading only their own channels: fewer channels per piece, smaller input.
      while (cout_piece > 1 &&
             t.inputs * InRows(1) * InCols(1) * WindowChannels(cout_piece) > input_bytes_) {
        --cout_piece;
      }
      if (t.inputs * InRows(1) * InCols(1) * WindowChannels(cout_piece) > input_bytes_) {
        Fail("the input window of one output channel exceeds core.buffers.input_bytes");
      }
    }
    cout_piece = std::min(cout_piece, output_bytes_);
    int64_t cin_piece = t.in.c;
    if (cin_split) {
      cout_piece = widest_slice;  // with split inputs, wide pieces re-stream the input less
      ChooseCinSplit(cout_piece, cin_piece);
    }

    // Shrink the sub-volume until the memtiles hold a pass (halving the weight pieces if needed).
    const int64_t first_cout_piece = cout_piece;
    const int64_t first_cin_piece = cin_piece;
    auto shape = [&]() {
      t.cout_piece = cout_piece;
      t.cin_pieces = Chunks(Range{0, t.in.c}, cin_piece);
      BuildPieces();
      if (cin_split) FitCinPieces(cout_piece, cin_piece);
      const int64_t input_channels = cin_split ? cin_piece : WindowChannels(cout_piece);
      t.sub_cols = MaxPartWidth();
      while (t.sub_cols > 1 && !CoreFits(1, t.sub_cols, input_channels)) --t.sub_cols;
      if (!CoreFits(1, t.sub_cols, input_channels)) {
        throw InternalError("layer " + node_.name + ": planned subvolume does not fit");
      }
      t.block_rows = 1;
      while (t.block_rows < t.out.h && CoreFits(t.block_rows + 1, t.sub_cols, input_channels)) {
        ++t.block_rows;
      }
    };
    for (;;) {
      shape();
      if (PlanPasses()) break;
      if (cout_piece == 1) {
        // The last resorts: input-channel chunks (a split input) or per-round staging (kernels
        // reading only their own channels, inputs from DDR), again from the widest pieces down
        // (wide pieces reload each chunk of the input, or stage it in rounds, fewer times).
        cout_piece = first_cout_piece;
        cin_piece = first_cin_piece;
        t.round_staged =
            t.channelwise && staged_inputs_ == static_cast<int64_t>(t.input_resident.size());
        for (;;) {
          shape();
          if (t.round_staged ? PlanPasses() : PlanChunks()) break;
          if (cout_piece == 1) {
            Fail("one pass of one output row does not fit the " + std::to_string(capacity_) +
                 " B the memtile has for it");
          }
          cout_piece = std::max<int64_t>(1, cout_piece / 2);
        }
        break;
      }
      cout_piece = std::max<int64_t>(1, cout_piece / 2);
    }
    for (WidthPart& part : t.parts) {
      part.subs.clear();
      for (const Range& cols : Chunks(part.span.out_cols, t.sub_cols)) {
        part.subs.push_back(MakeColumnSpan(cols, t.window, t.in.w));
      }
    }
    return std::move(t_);
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw UserError("layer " + node_.name + " (" + ir::OpName(node_.op) + "): " + what);
  }

  void PlanMesh() {
    WindowTiling& t = t_;
    const int64_t rows = config_.array.rows;
    const int64_t columns = config_.array.columns;
    t.width_parts = std::min<int64_t>(t.out.w, columns);
    t.cout_groups = columns / t.width_parts;
    for (const Range& cols : SplitEvenly(t.out.w, t.width_parts)) {
      t.parts.push_back(WidthPart{MakeColumnSpan(cols, t.window, t.in.w), {}});
    }
    for (int64_t column = 0; column < columns; ++column) {
      ColumnRole role;
      if (column < t.width_parts * t.cout_groups) {
        role.part = column % t.width_parts;
        role.group = column / t.width_parts;
      }
      t.columns.push_back(role);
    }
    t.slices = SplitEvenly(t.out.c, t.cout_groups * rows);
  }

  int64_t InRows(int64_t out_rows) const {
    return std::min(t_.in.h, (out_rows - 1) * t_.window.stride_h + span_h_);
  }
  int64_t InCols(int64_t out_cols) const {
    return std::min(t_.in.w, (out_cols - 1) * t_.window.stride_w + span_w_);
  }
  int64_t MaxPartWidth() const {
    int64_t width = 1;
    for (const WidthPart& part : t_.parts) width = std::max(width, part.span.out_cols.size());
    return width;
  }

  // Input channels a piece of `couts` consecutive outputs may read, at most.
  int64_t WindowChannels(int64_t couts) const {
    if (!t_.channelwise) return t_.in.c;
    if (!t_.weighted) return couts;
    const int64_t out_per_group = t_.out.c / t_.groups;
    const int64_t in_per_group = t_.in.c / t_.groups;
    const int64_t spanned = std::min(t_.groups, (couts - 1) / out_per_group + 2);
    return std::min(t_.in.c, spanned * in_per_group);
  }

  int64_t SliceBytes(Range couts) const {
    return sizer_ ? sizer_->Bytes(couts.begin, couts.end) : 0;
  }

  int64_t MaxPieceBytes(int64_t cout_piece) const {
    int64_t most = 0;
    for (const Range& slice : t_.slices) {
      for (const Range& piece : Chunks(slice, cout_piece)) most = std::max(most, SliceBytes(piece));
    }
    return most;
  }

  // Input-channel split: weight pieces of cout_piece x cin_piece channels are double-buffered in
  // the weight buffer; partial sums of a block stay in the scratch as int32.
  void ChooseCinSplit(int64_t& cout_piece, int64_t& cin_piece) {
    const int64_t half = weight_bytes_ / 2;
    const int64_t window = InRows(1) * InCols(1);
    const int64_t input_limit = input_bytes_ / window;
    if (input_limit < 1) Fail("one input element's window exceeds core.buffers.input_bytes");
    int64_t target = std::min<int64_t>({cout_piece, output_bytes_, scratch_bytes_ / 4, 32});
    for (target = std::max<int64_t>(target, 1); target >= 1; --target) {
      const int64_t piece_bytes = std::max<int64_t>(MaxPieceBytes(target), 1);
      cin_piece = std::min({t_.in.c, input_limit, half * t_.in.c / piece_bytes});
      if (cin_piece >= 1) break;
    }
    if (target < 1 || cin_piece < 1 || scratch_bytes_ < 4) {
      Fail("no input-channel piece fits core.buffers.weight_bytes / 2 and the scratch");
    }
    cout_piece = target;
  }

  // The largest exact input-channel piece of the built pieces.
  int64_t MaxCinPieceBytes() const {
    int64_t most = 0;
    for (const std::vector<WeightPiece>& pieces : t_.pieces) {
      for (const WeightPiece& piece : pieces) {
        for (int64_t bytes : piece.cin_bytes) most = std::max(most, bytes);
      }
    }
    return most;
  }

  // ChooseCinSplit sized the input-channel pieces by a proportional share of the compacted
  // bytes; sparse pieces (kept blocks unevenly spread, Γ per piece) may exceed the ping/pong
  // half of the weight buffer. Shrinks the input-channel pieces, then (one channel is still
  // too much) the output-channel pieces, until every one fits, rebuilding them.
  void FitCinPieces(int64_t& cout_piece, int64_t& cin_piece) {
    const int64_t half = weight_bytes_ / 2;
    for (int64_t most = MaxCinPieceBytes(); most > half; most = MaxCinPieceBytes()) {
      if (cin_piece > 1) {
        cin_piece = std::max<int64_t>(1, std::min(cin_piece - 1, cin_piece * half / most));
      } else if (cout_piece > 1) {
        cout_piece = std::max<int64_t>(1, std::min(cout_piece - 1, cout_piece * half / most));
        t_.cout_piece = cout_piece;
      } else {
        Fail("no input-channel piece fits core.buffers.weight_bytes / 2 and the scratch");
      }
      t_.cin_pieces = Chunks(Range{0, t_.in.c}, cin_piece);
      BuildPieces();
    }
  }

  bool CoreFits(int64_t block_rows, int64_t sub_cols, int64_t input_channels) const {
    const int64_t outputs = block_rows * sub_cols * t_.cout_piece;
    return t_.inputs * InRows(block_rows) * InCols(sub_cols) * input_channels <= input_bytes_ &&
           outputs <= output_bytes_ && (!t_.cin_split() || outputs * 4 <= scratch_bytes_);
  }

  void BuildPieces() {
    WindowTiling& t = t_;
    t.pieces.assign(t.slices.size(), {});
    t.piece_count = 0;
    for (size_t s = 0; s < t.slices.size(); ++s) {
      for (const Range& couts : Chunks(t.slices[s], t.cout_piece)) {
        WeightPiece piece{couts, t.InputChannels(couts), 0, {}};
        // An input-channel piece holds exactly its channels' kept blocks and its own Γ
        // (compaction.h: EncodeWeightPiece), so the pieces may sum to more than the slice.
        for (const Range& cin : t.cin_pieces) {
          piece.cin_bytes.push_back(t.cin_split() && !couts.empty() && sizer_
                                        ? sizer_->Bytes(couts.begin, couts.end, cin.begin, cin.end)
                                        : SliceBytes(couts));
          piece.weight_bytes += piece.cin_bytes.back();
        }
        t.pieces[s].push_back(std::move(piece));
      }
      t.piece_count = std::max<int64_t>(t.piece_count, static_cast<int64_t>(t.pieces[s].size()));
    }
  }

  // Memtile regions start at this alignment (arch::TileFacts::region_alignment_bytes).
  uint64_t MemtileAlignment() const {
    return arch::FactsOf(config_, arch::TileKind::kMemtile).region_alignment_bytes;
  }
  int64_t Aligned(int64_t bytes) const {
    return static_cast<int64_t>(arch::AlignUp(static_cast<uint64_t>(bytes), MemtileAlignment()));
  }

  // Weights a memtile holds: all it serves (resident) or the largest piece round of them, of
  // one batch of rows. `aligned`: as the code generator lays them out, each slice's weights
  // from an aligned address (resident: a slice's pieces back to back; else each round's piece).
  int64_t MemtileWeightBytes(int64_t column, bool resident, bool aligned = false) const {
    auto align = [this, aligned](int64_t bytes) { return aligned ? Aligned(bytes) : bytes; };
    const int64_t rows = config_.array.rows;
    int64_t total = 0;
    const int64_t batches = resident ? 1 : t_.row_batches();
    std::vector<int64_t> per_piece(static_cast<size_t>(t_.piece_count * batches), 0);
    for (int64_t group = 0; group < t_.cout_groups; ++group) {
      for (int64_t row = 0; row < rows; ++row) {
        if (t_.WeightHome(group, row) != column) continue;
        const std::vector<WeightPiece>& pieces = t_.pieces[group * rows + row];
        const int64_t batch = resident ? 0 : row / t_.row_batch;
        int64_t slice_bytes = 0;
        for (size_t k = 0; k < pieces.size(); ++k) {
          slice_bytes += pieces[k].weight_bytes;
          per_piece[static_cast<size_t>(batch * t_.piece_count) + k] +=
              align(pieces[k].weight_bytes);
        }
        total += align(slice_bytes);
      }
    }
    if (resident) return total;
    return per_piece.empty() ? 0 : *std::max_element(per_piece.begin(), per_piece.end());
  }

  int64_t MemtileActivationBytes(int64_t column, int64_t pass_rows) const {
    const ColumnRole& role = t_.columns[column];
    const WidthPart& part = t_.parts[role.part];
    return staged_inputs_ * InRows(pass_rows) * part.span.in_cols.size() *
               t_.StagedChannels(role.group) +
           (t_.output_resident
                ? 0
                : pass_rows * part.span.out_cols.size() * t_.GroupChannels(role.group).size());
  }

  // The most bytes any memtile needs for the chosen passes and weight residency.
  int64_t MemtileBytes(int64_t pass_rows, bool resident) const {
    const int64_t alignment = static_cast<int64_t>(MemtileAlignment());
    int64_t most = 0;
    for (int64_t column = 0; column < static_cast<int64_t>(t_.columns.size()); ++column) {
      if (!t_.columns[column].active()) continue;
      most = std::max(most, MemtileWeightBytes(column, resident) +
                                MemtileActivationBytes(column, pass_rows) + 3 * alignment);
    }
    return most;
  }

  // The end of the code generator's layout in the fullest memtile: every slice's weights and
  // every staged input's region start at an aligned address (arch::TileFacts).
  int64_t LayoutBytes(int64_t pass_rows, bool resident) const {
    int64_t most = 0;
    for (int64_t column = 0; column < static_cast<int64_t>(t_.columns.size()); ++column) {
      const ColumnRole& role = t_.columns[column];
      if (!role.active()) continue;
      const WidthPart& part = t_.parts[role.part];
      const int64_t input =
          InRows(pass_rows) * part.span.in_cols.size() * t_.StagedChannels(role.group);
      const int64_t output = t_.output_resident ? 0
                                                : pass_rows * part.span.out_cols.size() *
                                                      t_.GroupChannels(role.group).size();
      most = std::max(most, MemtileWeightBytes(column, resident, true) +
                                staged_inputs_ * Aligned(input) + output);
    }
    return most;
  }

  // MemtileBytes allows for the rounding of three regions; many weight slices (one per core row
  // a memtile serves) round more, which LayoutBytes counts.
  bool MemtilesHold(int64_t pass_rows, bool resident) const {
    return MemtileBytes(pass_rows, resident) <= capacity_ &&
           LayoutBytes(pass_rows, resident) <= capacity_;
  }

  // Chooses weight residency and the passes; false when not even one block fits.
  bool PlanPasses() {
    WindowTiling& t = t_;
    t.row_batch = t.rows();
    t.weights_resident = t.weighted && MemtilesHold(t.block_rows, true);
    if (!t.weights_resident && !MemtilesHold(t.block_rows, false)) {
      if (t.block_rows > 1) t.block_rows = 1;
      // The last resort, once the pieces are one output channel wide: fewer rows' pieces at a
      // time, down to one row's.
      while (t.weighted && t.cout_piece == 1 && t.row_batch > 1 && !MemtilesHold(1, false)) {
        t.row_batch = (t.row_batch + 1) / 2;
      }
      if (!MemtilesHold(1, false)) return false;
    }
    const bool resident = t.weights_resident;
    int64_t pass_rows = t.block_rows;
    while (pass_rows + t.block_rows <= t.out.h &&
           MemtilesHold(pass_rows + t.block_rows, resident)) {
      pass_rows += t.block_rows;
    }
    if (MemtilesHold(t.out.h, resident)) pass_rows = t.out.h;
    t.memtile_bytes = MemtileBytes(pass_rows, resident);
    t.passes.clear();
    for (const Range& rows : Chunks(Range{0, t.out.h}, pass_rows)) {
      Pass pass;
      pass.out_rows = rows;
      for (const Range& block : Chunks(rows, t.block_rows)) {
        pass.blocks.push_back(MakeBlock(block, t.window, t.in.h));
      }
      pass.in_rows = Range{pass.blocks.front().in_rows.begin, pass.blocks.back().in_rows.end};
      t.passes.push_back(std::move(pass));
    }
    return true;
  }

  // The most bytes any memtile needs for one block staged chunk by chunk: per core row of the
  // batch it serves, the largest chunk of any of the row's weight pieces (from an aligned
  // address), then the block's input rows of the widest chunk, then the block's output rows.
  int64_t ChunkedBytes() const {
    const int64_t rows = config_.array.rows;
    int64_t widest = 0;
    for (const Range& chunk : t_.cin_chunks)
      widest = std::max(widest, t_.ChunkChannels(chunk).size());
    int64_t most = 0;
    for (int64_t column = 0; column < static_cast<int64_t>(t_.columns.size()); ++column) {
      const ColumnRole& role = t_.columns[column];
      if (!role.active()) continue;
      std::vector<int64_t> per_batch(static_cast<size_t>(t_.row_batches()), 0);
      for (int64_t group = 0; group < t_.cout_groups; ++group) {
        for (int64_t row = 0; row < rows; ++row) {
          if (t_.WeightHome(group, row) != column) continue;
          int64_t largest = 0;
          for (const WeightPiece& piece : t_.pieces[group * rows + row]) {
            for (const Range& chunk : t_.cin_chunks) {
              largest = std::max(largest, WindowTiling::ChunkBytes(piece, chunk));
            }
          }
          per_batch[static_cast<size_t>(row / t_.row_batch)] += Aligned(largest);
        }
      }
      const WidthPart& part = t_.parts[role.part];
      const int64_t input = InRows(t_.block_rows) * part.span.in_cols.size() * widest;
      const int64_t output =
          t_.block_rows * part.span.out_cols.size() * t_.GroupChannels(role.group).size();
      most = std::max(most, *std::max_element(per_batch.begin(), per_batch.end()) +
                                staged_inputs_ * Aligned(input) + output);
    }
    return most;
  }

  // The last resort of PlanPasses for a split input read from DDR: input-channel chunks, as few
  // as fit (the fewer, the fewer reloads), with all core rows at once if possible, else in
  // batches. One pass per block. False when one piece per chunk of one row does not fit.
  bool PlanChunks() {
    WindowTiling& t = t_;
    const bool staged = staged_inputs_ == static_cast<int64_t>(t.input_resident.size());
    if (!t.weighted || !t.cin_split() || !staged || t.output_resident) return false;
    t.weights_resident = false;
    const int64_t count = static_cast<int64_t>(t.cin_pieces.size());
    for (t.row_batch = t.rows();; t.row_batch = (t.row_batch + 1) / 2) {
      for (int64_t chunks = 1; chunks <= count; ++chunks) {
        t.cin_chunks = SplitEvenly(count, chunks);
        t.block_rows = std::min(t.block_rows, std::max<int64_t>(1, t.out.h));
        while (t.block_rows > 1 && ChunkedBytes() > capacity_) --t.block_rows;
        if (ChunkedBytes() > capacity_) continue;
        t.memtile_bytes = ChunkedBytes();
        t.passes.clear();
        for (const Range& rows : Chunks(Range{0, t.out.h}, t.block_rows)) {
          Pass pass;
          pass.out_rows = rows;
          pass.blocks.push_back(MakeBlock(rows, t.window, t.in.h));
          pass.in_rows = pass.blocks.front().in_rows;
          t.passes.push_back(std::move(pass));
        }
        return true;
      }
      if (t.row_batch == 1) break;
    }
    t.cin_chunks.clear();
    return false;
  }

  const ir::Node& node_;
  const arch::HardwareConfig& config_;
  int64_t capacity_;
  int64_t staged_inputs_ = 0;
  WindowTiling t_;
  std::optional<sparsity::CompactSizer> sizer_;
  int64_t kernel_elems_ = 1;
  int64_t span_h_ = 1;
  int64_t span_w_ = 1;
  int64_t input_bytes_ = 0;
  int64_t output_bytes_ = 0;
  int64_t weight_bytes_ = 0;
  int64_t scratch_bytes_ = 0;
};

}  // namespace

Range WindowTiling::GroupChannels(int64_t group) const {
  return Range{slice(group, 0).begin, slice(group, rows() - 1).end};
}

int64_t WindowTiling::WeightHome(int64_t group, int64_t row) const {
  return group * width_parts + row % width_parts;
}

int64_t WindowTiling::RoundWidth(int64_t group, int64_t row) const {
  int64_t widest = 0;
  for (const WeightPiece& piece : pieces[group * rows() + row]) {
    widest = std::max(widest, piece.in_channels.size());
  }
  return widest;
}

int64_t WindowTiling::StagedChannels(int64_t group) const {
  if (!round_staged) return in.c;
  int64_t channels = 0;
  for (int64_t row = 0; row < rows(); ++row) channels += RoundWidth(group, row);
  return channels;
}

Range WindowTiling::InputChannels(Range couts) const {
  if (!channelwise) return Range{0, in.c};
  if (!weighted) return couts;
  const int64_t out_per_group = out.c / groups;
  const int64_t in_per_group = in.c / groups;
  return Range{couts.begin / out_per_group * in_per_group,
               ((couts.end - 1) / out_per_group + 1) * in_per_group};
}

bool IsWindowLayer(ir::OpKind op) {
  return op == ir::OpKind::kConv || op == ir::OpKind::kGemm || op == ir::OpKind::kMaxPool ||
         op == ir::OpKind::kAveragePool || op == ir::OpKind::kGlobalAveragePool ||
         op == ir::OpKind::kAdd;
}

MemtileBudget WholeMemtile(const arch::HardwareConfig& config) {
  MemtileBudget budget;
  budget.capacity = static_cast<int64_t>(config.memtile.memory_bytes);
  return budget;
}

WindowTiling PlanWindowLayer(const ir::Graph& graph, const ir::Node& node,
                             const arch::HardwareConfig& config, const MemtileBudget& budget) {
  AIE2SIM_CHECK(IsWindowLayer(node.op), node.name + " is not a window layer");
  return Planner(graph, node, config, budget).Plan();
}

}  // namespace aie2sim::tiling
