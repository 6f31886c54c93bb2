#include "compiler/codegen/window_codegen.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "compiler/codegen/bd_budget.h"
#include "sim/base/error.h"

namespace aie2sim::codegen {
namespace {

using isa::Engine;
using tiling::Range;
using tiling::RowBlock;

// Consecutive blocks of one shape and uniform step: one group of `count` iterations.
struct BlockRun {
  size_t first = 0;
  size_t count = 0;
};

bool SameShape(const RowBlock& a, const RowBlock& b) {
  return a.out_rows.size() == b.out_rows.size() && a.in_rows.size() == b.in_rows.size() &&
         a.pad_top == b.pad_top && a.pad_bottom == b.pad_bottom;
}

std::vector<BlockRun> RunsOf(const std::vector<RowBlock>& blocks) {
  std::vector<BlockRun> runs;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!runs.empty()) {
      BlockRun& run = runs.back();
      const RowBlock& last = blocks[run.first + run.count - 1];
      const bool uniform =
          run.count < 2 || blocks[i].in_rows.begin - last.in_rows.begin ==
                               last.in_rows.begin - blocks[run.first + run.count - 2].in_rows.begin;
      if (SameShape(blocks[run.first], blocks[i]) && uniform) {
        ++run.count;
        continue;
      }
    }
    runs.push_back(BlockRun{i, 1});
  }
  return runs;
}

// Where one core's work of a group comes from and goes to.
struct CoreTask {
  uint32_t row = 0;
  uint32_t column = 0;
  const tiling::WeightPiece* piece = nullptr;
  const tiling::ColumnSpan* sub = nullptr;
};

class WindowEmitter : public LayerEmitter {
 public:
  // `broadcast_rows` > 0: a column's cores share one input broadcast only within bands of that
  // many core rows (0: one broadcast per column).
  WindowEmitter(const tiling::WindowTiling& tiling, const LayerContext& context, isa::Layer* layer,
                int64_t broadcast_rows)
      : LayerEmitter(context, layer), t_(tiling), broadcast_rows_(broadcast_rows) {}

  void Emit() {
    PlanLayout();
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const tiling::ColumnRole& role = t_.columns[column];
      if (!role.active()) continue;
      for (uint32_t row = 0; row < config_.array.rows; ++row) {
        if (!t_.slice(role.group, row).empty()) InitCoreLocks(row, column, t_.cin_split());
      }
    }
    for (int64_t image = 0; image < t_.in.n; ++image) {
      image_ = image;
      for (size_t p = 0; p < t_.passes.size(); ++p) {
        const tiling::Pass& pass = t_.passes[p];
        suffix_ = Suffix(image, p);
        const bool first = image == 0 && p == 0;
        if (!t_.chunked()) EmitLoad(image, pass, first && t_.weights_resident, !t_.round_staged);
        for (int64_t k = 0; k < t_.piece_count; ++k) {
          if (t_.round_staged) EmitRoundLoad(image, pass, k);
          for (batch_ = 0; batch_ < t_.row_batches(); ++batch_) {
            if (t_.weighted && !t_.weights_resident && !t_.chunked()) EmitLoadWeights(k);
            if (t_.weighted && !t_.cin_split()) EmitWeights(k);
            for (size_t sub = 0; sub < max_subs_; ++sub) {
              const std::string where =
                  Label(".k", k, t_.piece_count) + BatchLabel() +
                  Label(".s", static_cast<int64_t>(sub), static_cast<int64_t>(max_subs_));
              if (t_.cin_split()) {
                for (size_t b = 0; b < pass.blocks.size(); ++b) {
                  EmitCinBlock(pass, b, k, sub, where + Label(".b", b, pass.blocks.size()));
                }
              } else {
                EmitBlocks(pass, k, sub, where);
              }
            }
          }
        }
        if (!t_.output_resident) EmitStore(image, pass);
      }
    }
    if (t_.output_resident) EmitHalo();
  }

  // After the layer: each memtile sends its neighbours the border columns of the resident output
  // they hold but did not produce (all images and rows). Left copies leave on one channel and
  // right copies on another, and arrive on two, so all of them move at once.
  void EmitHalo() {
    const schedule::TensorPlacement& placement = context_.plan.tensors[context_.node.output];
    const ir::Shape& out = t_.out;
    const uint32_t columns = config_.array.columns;
    isa::Group* group = nullptr;
    for (uint32_t from = 0; from < columns; ++from) {
      const tiling::ColumnRole& role = t_.columns[from];
      if (!role.active()) continue;
      const Range& own = t_.parts[role.part].span.out_cols;
      for (const int side : {-1, 1}) {
        const int64_t to = static_cast<int64_t>(from) + side;
        if (to < 0 || to >= columns) continue;
        const Range& held = placement.columns[to];
        const Range& produced =
            t_.columns[to].active() ? t_.parts[t_.columns[to].part].span.out_cols : Range{};
        // Columns `to` holds, `from` produced, and `to` did not produce itself.
        Range copy{std::max(held.begin, own.begin), std::min(held.end, own.end)};
        if (copy.empty() || (copy.begin >= produced.begin && copy.end <= produced.end)) continue;
        if (group == nullptr) group = NewGroup("halo", isa::GROUP_HALO, 1);
        const Range& source_held = placement.columns[from];
        const int64_t rows = out.n * out.h;
        const Box source{
            placement.address + static_cast<uint64_t>((copy.begin - source_held.begin) * out.c),
            copy.size() * out.c,
            rows,
            1,
            source_held.size() * out.c,
            0};
        const Box target{
            placement.address + static_cast<uint64_t>((copy.begin - held.begin) * out.c),
            copy.size() * out.c,
            rows,
            1,
            held.size() * out.c,
            0};
        const uint32_t send_channel = (side < 0 ? 0 : 1) % config_.memtile.dma.mm2s_channels;
        const uint32_t receive_channel = (side < 0 ? 0 : 1) % config_.memtile.dma.s2mm_channels;
        AddTransfer(group, isa::MemtileChannel(from, isa::MM2S, send_channel),
                    isa::MakeBuffer(source.ToRegion()),
                    {{isa::MemtileChannel(U32(to), isa::S2MM, receive_channel),
                      isa::MakeBuffer(target.ToRegion())}},
                    isa::ACTIVATIONS);
      }
    }
  }

 private:
  static std::string Label(const char* prefix, int64_t index, int64_t count) {
    return count > 1 ? prefix + std::to_string(index) : "";
  }
  std::string BatchLabel() const { return Label(".r", batch_, t_.row_batches()); }
  // Whether slice s's core row is in the current batch of rows.
  bool InBatch(size_t s) const {
    const tiling::Range rows = t_.BatchRows(batch_);
    const int64_t row = static_cast<int64_t>(s) % config_.array.rows;
    return row >= rows.begin && row < rows.end;
  }
  std::string Suffix(int64_t image, size_t pass) const {
    return Label(".n", image, t_.in.n) +
           Label(".p", static_cast<int64_t>(pass), static_cast<int64_t>(t_.passes.size()));
  }

  size_t SliceIndex(int64_t group, int64_t row) const {
    return static_cast<size_t>(group * config_.array.rows + row);
  }
  const tiling::WeightPiece* PieceOf(int64_t group, int64_t row, int64_t k) const {
    const std::vector<tiling::WeightPiece>& pieces = t_.pieces[SliceIndex(group, row)];
    return k < static_cast<int64_t>(pieces.size()) ? &pieces[k] : nullptr;
  }

  // DDR and memtile addresses of the weights, the memtile activation regions, the core layout.
  void PlanLayout() {
    const uint32_t columns = config_.array.columns;
    const size_t slices = t_.slices.size();
    weight_ddr_.assign(slices, {});
    weight_memtile_.assign(slices, {});
    uint64_t ddr = t_.weighted ? context_.ddr.weight_address[context_.node_index] : 0;
    // The layer's own regions start above the tensors kept resident across layers.
    const uint64_t base = static_cast<uint64_t>(context_.layer_plan.memtile_base);
    std::vector<uint64_t> resident_end(columns, base);
    // Per column, per batch of rows and round k (batches and rounds reuse one region in turn).
    std::vector<std::vector<uint64_t>> round_end(
        columns, std::vector<uint64_t>(t_.piece_count * t_.row_batches(), base));
    std::vector<uint64_t> weight_end(columns, base);
    for (size_t s = 0; s < slices; ++s) {
      const int64_t group = static_cast<int64_t>(s) / config_.array.rows;
      const int64_t row = static_cast<int64_t>(s) % config_.array.rows;
      const size_t home = static_cast<size_t>(t_.WeightHome(group, row));
      // Resident: a slice's pieces lie back to back (one LOADW moves them all); otherwise each
      // round k of pieces shares one region, reused round after round.
      // Chunked: one region per slice holds any chunk of any of its pieces, one at a time.
      int64_t largest_chunk = 0;
      for (const tiling::WeightPiece& piece : t_.pieces[s]) {
        for (const Range& chunk : t_.cin_chunks) {
          largest_chunk = std::max(largest_chunk, tiling::WindowTiling::ChunkBytes(piece, chunk));
        }
      }
      for (size_t k = 0; k < t_.pieces[s].size(); ++k) {
        const uint64_t bytes = static_cast<uint64_t>(t_.pieces[s][k].weight_bytes);
        weight_ddr_[s].push_back(ddr);
        ddr += bytes;
        const size_t round = t_.chunked() ? 0 : k;
        uint64_t& end = t_.weights_resident
                            ? resident_end[home]
                            : round_end[home][(row / t_.row_batch) * t_.piece_count + round];
        weight_memtile_[s].push_back(end);
        if (!t_.chunked()) end += bytes;
        if (t_.chunked() && k + 1 == t_.pieces[s].size()) end += largest_chunk;
        weight_end[home] = std::max(weight_end[home], end);
      }
      if (context_.functional != nullptr && t_.weighted) AddWeightData(s);
      if (t_.weights_resident) resident_end[home] = AlignUp(resident_end[home]);
      for (uint64_t& end : round_end[home]) end = AlignUp(end);
    }
    input_base_.assign(columns, 0);
    round_offset_.assign(columns, {});
    input_stride_.assign(columns, 0);
    output_base_.assign(columns, 0);
    int64_t max_in_rows = 0;
    int64_t max_out_rows = 0;
    for (const tiling::Pass& pass : t_.passes) {
      max_in_rows = std::max(max_in_rows, pass.in_rows.size());
      max_out_rows = std::max(max_out_rows, pass.out_rows.size());
    }
    max_subs_ = 0;
    for (const tiling::WidthPart& part : t_.parts)
      max_subs_ = std::max(max_subs_, part.subs.size());
    for (uint32_t column = 0; column < columns; ++column) {
      const tiling::ColumnRole& role = t_.columns[column];
      if (!role.active()) continue;
      const tiling::WidthPart& part = t_.parts[role.part];
      // Staging: one region per input read from DDR (resident inputs are read in place), then
      // the output rows of a pass unless the output is resident.
      int64_t staged = 0;
      for (bool resident : t_.input_resident) staged += resident ? 0 : 1;
      input_base_[column] = AlignUp(weight_end[column]);
      input_stride_[column] =
          AlignUp(max_in_rows * part.span.in_cols.size() *
                  (t_.chunked() ? ChunkedChannels() : t_.StagedChannels(role.group)));
      // Per-round staging: each core row's region, one after another.
      for (int64_t row = 0, offset = 0; t_.round_staged && row < t_.rows(); ++row) {
        round_offset_[column].push_back(static_cast<uint64_t>(offset));
        offset += max_in_rows * part.span.in_cols.size() * t_.RoundWidth(role.group, row);
      }
      output_base_[column] = input_base_[column] + staged * input_stride_[column];
      const uint64_t end =
          output_base_[column] + (t_.output_resident ? 0
                                                     : max_out_rows * part.span.out_cols.size() *
                                                           t_.GroupChannels(role.group).size());
      if (end > config_.memtile.memory_bytes) {
        throw InternalError("layer " + context_.node.name + ": memtile layout overflows column " +
                            std::to_string(column));
      }
    }
    const arch::CoreBuffers& buffers = t_.layout.buffers;
    core_input_ = 0;
    core_output_ = 2 * buffers.input_bytes;
    core_weights_ = core_output_ + 2 * buffers.output_bytes;
  }

  // Input channels a memtile stages per pixel in chunked staging: the widest chunk.
  int64_t ChunkedChannels() const {
    int64_t widest = 0;
    for (const Range& chunk : t_.cin_chunks) {
      widest = std::max(widest, t_.ChunkChannels(chunk).size());
    }
    return widest;
  }

  // Functional mode: slice s's pieces at their DDR addresses.
  void AddWeightData(size_t s) const {
    const std::vector<int8_t>& dense =
        context_.functional->network->nodes.at(static_cast<size_t>(context_.node_index)).weights;
    for (size_t k = 0; k < t_.pieces[s].size(); ++k) {
      const std::vector<int8_t> bytes =
          WeightPieceBytes(context_.graph, context_.node, t_, t_.pieces[s][k], dense);
      if (bytes.empty()) continue;
      isa::DdrInit* init = context_.ddr_image->add_ddr();
      init->set_address(weight_ddr_[s][k]);
      init->set_data(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      init->set_what("weights " + context_.node.name + " slice " + std::to_string(s) + " piece " +
                     std::to_string(k));
    }
  }

  // ---- DDR <-> memtile ----------------------------------------------------------------------

  // `with_inputs` false: the weights only (per-round staging loads the inputs by round).
  void EmitLoad(int64_t image, const tiling::Pass& pass, bool with_weights, bool with_inputs) {
    bool staged = false;
    for (bool resident : t_.input_resident) staged = staged || (!resident && with_inputs);
    if (!staged && !with_weights) return;  // everything it reads is already on chip
    isa::Group* group = NewGroup("load" + suffix_, isa::GROUP_LOAD, 1);
    const ir::Shape& in = t_.in;
    for (uint32_t i = 0; i < t_.inputs; ++i) {
      if (t_.input_resident[i] || !with_inputs) continue;
      const uint64_t base = context_.ddr.tensor_address[context_.node.inputs[i]] +
                            static_cast<uint64_t>(image * in.h * in.w * in.c);
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        const tiling::ColumnRole& role = t_.columns[column];
        if (!role.active()) continue;
        const Range& cols = t_.parts[role.part].span.in_cols;
        if (cols.empty() || pass.in_rows.empty()) continue;  // wholly in the padding
        Box ddr{base + static_cast<uint64_t>((pass.in_rows.begin * in.w + cols.begin) * in.c),
                cols.size() * in.c,
                pass.in_rows.size(),
                1,
                in.w * in.c,
                0};
        Box memtile{input_base_[column] + StagedIndex(i) * input_stride_[column],
                    cols.size() * in.c * pass.in_rows.size(),
                    1,
                    1,
                    0,
                    0};
        AddTransfer(group, isa::ShimChannel(column, isa::MM2S, channels_.ShimReadInput(i)),
                    isa::MakeBuffer(ddr.ToRegion()),
                    {{isa::MemtileChannel(column, isa::S2MM, channels_.MemtileReceiveInput(i)),
                      isa::MakeBuffer(memtile.ToRegion())}},
                    isa::ACTIVATIONS);
      }
    }
    if (!with_weights) return;
    for (size_t s = 0; s < t_.slices.size(); ++s) {
      const size_t count = t_.pieces[s].size();
      if (count == 0) continue;
      if (t_.layout.spread_weights && count > 1) {
        // Both read channels: the larger half on the weights' own, the rest beside the input.
        const size_t half = (count + 1) / 2;
        AddWeightLoad(group, s, 0, half, 0);
        AddWeightLoad(group, s, half, count - half, 1);
      } else {
        AddWeightLoad(group, s, 0, count, WeightLane(s));
      }
    }
  }

  // The shim read channel lane of slice s's weights: with spread weights, the rows sharing a home
  // memtile alternate between the two read channels; else the weights' own channel.
  uint32_t WeightLane(size_t s) const {
    if (!t_.layout.spread_weights) return 0;
    return U32(static_cast<int64_t>(s) % config_.array.rows / t_.width_parts % 2);
  }

  // LOADW of pieces [k, k + count) of slice s (back to back in DDR and in the memtile), on
  // weight channel `lane`.
  void AddWeightLoad(isa::Group* group, size_t s, size_t k, size_t count, uint32_t lane = 0) {
    const int64_t group_index = static_cast<int64_t>(s) / config_.array.rows;
    const int64_t row = static_cast<int64_t>(s) % config_.array.rows;
    const uint32_t home = U32(t_.WeightHome(group_index, row));
    int64_t total = 0;
    for (size_t i = k; i < k + count; ++i) total += t_.pieces[s][i].weight_bytes;
    if (total == 0) return;
    const uint32_t bytes = U32(total);
    AddTransfer(group, isa::ShimChannel(home, isa::MM2S, channels_.ShimReadWeights(lane)),
                isa::MakeBuffer(isa::Contiguous(weight_ddr_[s][k], bytes)),
                {{isa::MemtileChannel(home, isa::S2MM, channels_.MemtileReceiveWeights(lane)),
                  isa::MakeBuffer(isa::Contiguous(weight_memtile_[s][k], bytes))}},
                isa::WEIGHTS);
  }

  void EmitLoadWeights(int64_t k) {
    isa::Group* group = NewGroup("loadw" + Label(".k", k, t_.piece_count) + BatchLabel() + suffix_,
                                 isa::GROUP_LOAD, 1);
    for (size_t s = 0; s < t_.slices.size(); ++s) {
      if (InBatch(s) && k < static_cast<int64_t>(t_.pieces[s].size())) {
        AddWeightLoad(group, s, k, 1, WeightLane(s));
      }
    }
  }

  void EmitStore(int64_t image, const tiling::Pass& pass) {
    isa::Group* group = NewGroup("store" + suffix_, isa::GROUP_STORE, 1);
    const ir::Shape& out = t_.out;
    const uint64_t base = context_.ddr.tensor_address[context_.node.output] +
                          static_cast<uint64_t>(image * out.h * out.w * out.c);
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const tiling::ColumnRole& role = t_.columns[column];
      if (!role.active()) continue;
      const Range& cols = t_.parts[role.part].span.out_cols;
      const Range channels = t_.GroupChannels(role.group);
      if (channels.empty()) continue;
      const Box memtile{output_base_[column], channels.size(), cols.size(),
                        pass.out_rows.size(), channels.size(), cols.size() * channels.size()};
      const Box ddr{base + static_cast<uint64_t>(
                               (pass.out_rows.begin * out.w + cols.begin) * out.c + channels.begin),
                    channels.size(),
                    cols.size(),
                    pass.out_rows.size(),
                    out.c,
                    out.w * out.c};
      AddStoreHalves(group, column, memtile, ddr);
    }
  }

  // ---- memtile -> cores -----------------------------------------------------------------------

  void EmitWeights(int64_t k) {
    isa::Group* group = NewGroup(
        "weights" + Label(".k", k, t_.piece_count) + BatchLabel() + suffix_, isa::GROUP_WEIGHTS, 1);
    for (size_t s = 0; s < t_.slices.size(); ++s) {
      if (!InBatch(s) || k >= static_cast<int64_t>(t_.pieces[s].size())) continue;
      const int64_t group_index = static_cast<int64_t>(s) / config_.array.rows;
      const uint32_t row = U32(static_cast<int64_t>(s) % config_.array.rows);
      const uint32_t bytes = U32(t_.pieces[s][k].weight_bytes);
      std::vector<std::pair<Engine, isa::Buffer>> cores;
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        if (t_.columns[column].group != group_index) continue;
        cores.push_back({isa::CoreChannel(row, column, isa::S2MM, channels_.CoreReceiveWeights()),
                         isa::MakeBuffer(isa::Contiguous(core_weights_, bytes))});
      }
      const uint32_t home = U32(t_.WeightHome(group_index, row));
      AddTransfer(
          group,
          isa::MemtileChannel(
              home, isa::MM2S,
              channels_.MemtileSendWeights(row, U32(t_.width_parts), t_.layout.spread_weights)),
          isa::MakeBuffer(isa::Contiguous(weight_memtile_[s][k], bytes)), cores, isa::WEIGHTS);
    }
  }

  // The cores of `column` that work on piece k, sub-slice `sub`.
  std::vector<CoreTask> TasksOf(uint32_t column, int64_t k, size_t sub) const {
    std::vector<CoreTask> tasks;
    const tiling::ColumnRole& role = t_.columns[column];
    if (!role.active()) return tasks;
    const tiling::WidthPart& part = t_.parts[role.part];
    if (sub >= part.subs.size()) return tasks;
    const tiling::Range rows = t_.BatchRows(batch_);
    for (uint32_t row = U32(rows.begin); row < rows.end; ++row) {
      const tiling::WeightPiece* piece = PieceOf(role.group, row, k);
      if (piece == nullptr || piece->couts.empty()) continue;
      tasks.push_back(CoreTask{row, column, piece, &part.subs[sub]});
    }
    return tasks;
  }

  // Where input `i` sits in a column's memtile: rows x cols x channels from `base`, which holds
  // input row `first_row` and column `first_col` (of image 0 when resident: all images are there).
  struct InputView {
    uint64_t base = 0;
    int64_t first_row = 0;
    int64_t first_col = 0;
    int64_t cols = 0;
    int64_t image_bytes = 0;    // 0 when staged: one image at a time
    int64_t channels = 0;       // per pixel
    int64_t first_channel = 0;  // the channel at a pixel's first byte
    int64_t row_bytes() const { return cols * channels; }
  };

  // Position of input `i` among the inputs staged from DDR.
  uint64_t StagedIndex(uint32_t i) const {
    uint64_t index = 0;
    for (uint32_t j = 0; j < i; ++j) index += t_.input_resident[j] ? 0 : 1;
    return index;
  }

  InputView ViewOf(uint32_t i, const CoreTask& task, const tiling::Pass& pass) const {
    const uint32_t column = task.column;
    InputView view;
    if (t_.input_resident[i]) {
      const schedule::TensorPlacement& placement = context_.plan.tensors[context_.node.inputs[i]];
      view.base = placement.address;
      view.first_col = placement.columns[column].begin;
      view.cols = placement.columns[column].size();
      view.image_bytes = t_.in.h * view.cols * t_.in.c;
      view.channels = t_.in.c;
    } else {
      const tiling::WidthPart& part = t_.parts[t_.columns[column].part];
      view.base = input_base_[column] + StagedIndex(i) * input_stride_[column];
      view.first_row = pass.in_rows.begin;
      view.first_col = part.span.in_cols.begin;
      view.cols = part.span.in_cols.size();
      view.channels = t_.chunked() ? chunk_channels_.size() : t_.in.c;
      view.first_channel = t_.chunked() ? chunk_channels_.begin : 0;
      if (t_.round_staged) {  // the task's row region holds its piece's channels
        view.base += round_offset_[column][task.row];
        view.channels = task.piece->in_channels.size();
        view.first_channel = task.piece->in_channels.begin;
      }
    }
    return view;
  }

  // The memtile box of input `i` for a task's block and input channels `channels`.
  Box InputBox(uint32_t i, const CoreTask& task, const tiling::Pass& pass, const RowBlock& block,
               const Range& channels) const {
    const InputView view = ViewOf(i, task, pass);
    const int64_t row_bytes = view.row_bytes();
    AIE2SIM_CHECK(task.sub->in_cols.begin >= view.first_col &&
                      task.sub->in_cols.end <= view.first_col + view.cols,
                  "layer " + context_.node.name + ": input columns not in the memtile");
    return Box{view.base + static_cast<uint64_t>(
                               image_ * view.image_bytes +
                               (block.in_rows.begin - view.first_row) * row_bytes +
                               (task.sub->in_cols.begin - view.first_col) * view.channels +
                               channels.begin - view.first_channel),
               channels.size(),
               task.sub->in_cols.size(),
               block.in_rows.size(),
               view.channels,
               row_bytes};
  }

  // Where a task's output block goes: the column's staging slice, or its own memtile's part of the
  // resident output (the HALO group copies border columns to the neighbours afterwards).
  struct OutputTarget {
    uint32_t column = 0;  // memtile
    Box memtile;
    Box core;  // the part of the core's output buffer sent there
    int64_t row_bytes = 0;
  };

  std::vector<OutputTarget> OutputTargets(const CoreTask& task, const tiling::Pass& pass,
                                          const RowBlock& block, uint64_t core_buffer) const {
    const int64_t couts = task.piece->couts.size();
    const Range& cols = task.sub->out_cols;
    const int64_t rows = block.out_rows.size();
    std::vector<OutputTarget> targets;
    if (!t_.output_resident) {
      const tiling::ColumnRole& role = t_.columns[task.column];
      const tiling::WidthPart& part = t_.parts[role.part];
      const Range group_channels = t_.GroupChannels(role.group);
      const int64_t row_bytes = part.span.out_cols.size() * group_channels.size();
      OutputTarget target;
      target.column = task.column;
      target.row_bytes = row_bytes;
      target.memtile = Box{output_base_[task.column] +
                               static_cast<uint64_t>(
                                   (block.out_rows.begin - pass.out_rows.begin) * row_bytes +
                                   (cols.begin - part.span.out_cols.begin) * group_channels.size() +
                                   (task.piece->couts.begin - group_channels.begin)),
                           couts,
                           cols.size(),
                           rows,
                           group_channels.size(),
                           row_bytes};
      target.core = Box{core_buffer, couts * cols.size() * rows, 1, 1, 0, 0};
      targets.push_back(target);
      return targets;
    }
    const schedule::TensorPlacement& placement = context_.plan.tensors[context_.node.output];
    const ir::Shape& out = t_.out;
    for (uint32_t m = task.column; m == task.column; ++m) {
      const Range& held = placement.columns[m];
      const Range both{std::max(held.begin, cols.begin), std::min(held.end, cols.end)};
      if (both.empty()) continue;
      OutputTarget target;
      target.column = m;
      target.row_bytes = held.size() * out.c;
      target.memtile =
          Box{placement.address +
                  static_cast<uint64_t>(((image_ * out.h + block.out_rows.begin) * held.size() +
                                         (both.begin - held.begin)) *
                                            out.c +
                                        task.piece->couts.begin),
              couts,
              both.size(),
              rows,
              out.c,
              target.row_bytes};
      target.core =
          both.size() == cols.size()
              ? Box{core_buffer, couts * cols.size() * rows, 1, 1, 0, 0}
              : Box{core_buffer + static_cast<uint64_t>((both.begin - cols.begin) * couts),
                    couts * both.size(),
                    rows,
                    1,
                    cols.size() * couts,
                    0};
      targets.push_back(target);
    }
    return targets;
  }

  // LOADFM for every core of a column: one broadcast when they read the same channels, else one
  // transfer per core on the column's activation channel. Returns each task's receiving buffer.
  // The address step per iteration is `step_rows` input rows plus `step_bytes` (the channel step
  // of input-channel pieces).
  void AddInputs(isa::Group* group, const std::vector<CoreTask>& tasks, const tiling::Pass& pass,
                 const RowBlock& block, const Range* cin, int64_t step_rows, int64_t step_bytes,
                 uint64_t input_toggle) {
    const Engine sender =
        isa::MemtileChannel(tasks.front().column, isa::MM2S, channels_.MemtileSendActivations());
    auto channels_of = [&](const CoreTask& task) { return cin ? *cin : task.piece->in_channels; };
    auto block_bytes = [&](const CoreTask& task) {
      return U32(block.in_rows.size() * task.sub->in_cols.size() * channels_of(task).size());
    };
    bool shared = true;
    for (const CoreTask& task : tasks) {
      shared = shared && channels_of(task) == channels_of(tasks.front());
    }
    std::vector<std::vector<CoreTask>> sends;
    if (shared) {
      for (const CoreTask& task : tasks) {
        const bool same_band = !sends.empty() && (broadcast_rows_ == 0 ||
                                                  task.row / broadcast_rows_ ==
                                                      sends.back().front().row / broadcast_rows_);
        if (!same_band) sends.emplace_back();
        sends.back().push_back(task);
      }
    } else {
      for (const CoreTask& task : tasks) sends.push_back({task});
    }
    for (const std::vector<CoreTask>& receivers : sends) {
      std::vector<Engine> engines;
      for (const CoreTask& task : receivers) {
        engines.push_back(
            isa::CoreChannel(task.row, task.column, isa::S2MM, channels_.CoreReceiveActivations()));
      }
      for (const Engine& engine : engines) Append(group, engine, isa::AcquireOp(kInputFree, 1));
      // A block whose input window lies wholly in the padding (a stride stepping past the last
      // column or row onto the pad) reads nothing: the locks still pass the empty buffer on.
      const bool empty = block_bytes(receivers.front()) == 0;
      const uint32_t route = empty ? 0 : routes_.Get(sender, engines);
      // Several inputs (Add) travel one after another into consecutive parts of the buffer.
      for (uint32_t i = 0; i < (empty ? 0 : t_.inputs); ++i) {
        const Box box = InputBox(i, receivers.front(), pass, block, channels_of(receivers.front()));
        const int64_t step = step_rows * box.outer_stride + step_bytes;
        Append(group, sender,
               isa::TransferOp(route, isa::ACTIVATIONS, isa::MakeBuffer(box.ToRegion(), step)));
        for (size_t r = 0; r < receivers.size(); ++r) {
          const uint32_t bytes = block_bytes(receivers[r]);
          Append(group, engines[r],
                 isa::TransferOp(route, isa::ACTIVATIONS,
                                 isa::MakeBuffer(isa::Contiguous(core_input_ + i * bytes, bytes), 0,
                                                 input_toggle)));
        }
      }
      for (const Engine& engine : engines) Append(group, engine, isa::ReleaseOp(kInputFull, 1));
    }
  }

  static std::vector<Engine> EnginesOf(const std::vector<std::pair<Engine, isa::Buffer>>& pairs) {
    std::vector<Engine> engines;
    for (const auto& pair : pairs) engines.push_back(pair.first);
    return engines;
  }

  // WRITEFM of one core: into its column's staging slice, or into every memtile holding some of
  // the block's columns of the resident output.
  void AddOutput(isa::Group* group, const CoreTask& task, const tiling::Pass& pass,
                 const RowBlock& block, int64_t step_rows, uint64_t output_toggle) {
    const Engine sender =
        isa::CoreChannel(task.row, task.column, isa::MM2S, channels_.CoreSendOutput());
    Append(group, sender, isa::AcquireOp(kOutputFull, 1));
    for (const OutputTarget& target : OutputTargets(task, pass, block, core_output_)) {
      const Engine writer =
          isa::MemtileChannel(target.column, isa::S2MM, channels_.MemtileReceiveOutput(task.row));
      const uint32_t route = routes_.Get(sender, {writer});
      Append(group, sender,
             isa::TransferOp(route, isa::OUTPUT,
                             isa::MakeBuffer(target.core.ToRegion(), 0, output_toggle)));
      Append(group, writer,
             isa::TransferOp(
                 route, isa::OUTPUT,
                 isa::MakeBuffer(target.memtile.ToRegion(), step_rows * target.row_bytes)));
    }
    Append(group, sender, isa::ReleaseOp(kOutputFree, 1));
  }

  isa::Compute MakeCompute(const CoreTask& task, const RowBlock& block, const Range& cin,
                           uint64_t input_toggle, uint64_t output_toggle) const {
    isa::Compute compute;
    switch (t_.op) {
      case ir::OpKind::kConv:
        compute.set_kernel(isa::CONV);
        break;
      case ir::OpKind::kGemm:
        compute.set_kernel(isa::GEMM);
        break;
      case ir::OpKind::kMaxPool:
        compute.set_kernel(isa::MAXPOOL);
        break;
      case ir::OpKind::kAveragePool:
        compute.set_kernel(isa::AVGPOOL);
        break;
      case ir::OpKind::kAdd:
        compute.set_kernel(isa::ADD);
        break;
      default:
        compute.set_kernel(isa::GLOBAL_AVGPOOL);
        break;
    }
    const int64_t couts = task.piece->couts.size();
    const int64_t outputs = block.out_rows.size() * task.sub->out_cols.size() * couts;
    isa::KernelDims* dims = compute.mutable_dims();
    dims->set_out_rows(U32(block.out_rows.size()));
    dims->set_out_cols(U32(task.sub->out_cols.size()));
    dims->set_out_channels(U32(couts));
    dims->set_in_rows(U32(block.in_rows.size()));
    dims->set_in_cols(U32(task.sub->in_cols.size()));
    dims->set_in_channels(U32(cin.size()));
    dims->set_kernel_h(U32(t_.window.kernel_h));
    dims->set_kernel_w(U32(t_.window.kernel_w));
    dims->set_stride_h(U32(t_.window.stride_h));
    dims->set_stride_w(U32(t_.window.stride_w));
    dims->set_dilation_h(U32(t_.window.dilation_h));
    dims->set_dilation_w(U32(t_.window.dilation_w));
    dims->set_pad_top(U32(block.pad_top));
    dims->set_pad_bottom(U32(block.pad_bottom));
    dims->set_pad_left(U32(task.sub->pad_left));
    dims->set_pad_right(U32(task.sub->pad_right));
    dims->set_groups(U32(t_.groups));
    compute.set_out_row(U32(block.out_rows.begin));
    compute.set_out_col(U32(task.sub->out_cols.begin));
    compute.set_cout_begin(U32(task.piece->couts.begin));
    compute.set_cin_begin(U32(cin.begin));
    const int64_t window = t_.window.kernel_h * t_.window.kernel_w;
    if (t_.weighted) {
      const int64_t reduction = t_.channelwise ? t_.in.c / t_.groups : cin.size();
      compute.set_macs(static_cast<uint64_t>(outputs * window * reduction));
      compute.set_density(context_.node.sparsity.density);
    } else {
      compute.set_ops(static_cast<uint64_t>(outputs * window * t_.inputs));
      compute.set_density(1.0);
    }
    const uint32_t in_bytes = U32(t_.inputs * block.in_rows.size() * task.sub->in_cols.size() *
                                  (t_.cin_split() ? cin.size() : task.piece->in_channels.size()));
    *compute.mutable_input() =
        isa::MakeBuffer(isa::Contiguous(core_input_, in_bytes), 0, input_toggle);
    *compute.mutable_output() =
        isa::MakeBuffer(isa::Contiguous(core_output_, U32(outputs)), 0, output_toggle);
    compute.set_relu(context_.node.activation != ir::Activation::kNone);
    if (t_.weighted && !t_.cin_split() && task.piece->weight_bytes > 0) {
      // The piece the WEIGHTS group delivered (split pieces set their own, per step).
      *compute.mutable_weights() =
          isa::MakeBuffer(isa::Contiguous(core_weights_, U32(task.piece->weight_bytes)));
    }
    return compute;
  }

  // Head / body / tail groups of one weight piece and sub-slice over the pass's blocks.
  void EmitBlocks(const tiling::Pass& pass, int64_t k, size_t sub, const std::string& where) {
    const std::vector<BlockRun> runs = RunsOf(pass.blocks);
    size_t body = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
      if (runs[i].count > runs[body].count) body = i;
    }
    for (size_t i = 0; i < runs.size(); ++i) {
      // Runs before the longest one are heads, after it tails; numbered when there are several.
      const isa::GroupKind kind = i < body    ? isa::GROUP_HEAD
                                  : i == body ? isa::GROUP_BODY
                                              : isa::GROUP_TAIL;
      std::string name = i < body ? "head" : i == body ? "body" : "tail";
      if ((i < body && body > 1) || (i > body && runs.size() - body > 2)) {
        name += std::to_string(i < body ? i : i - body - 1);
      }
      EmitRun(pass, runs[i], k, sub, NewGroup(name + where + suffix_, kind, U32(runs[i].count)));
    }
  }

  void EmitRun(const tiling::Pass& pass, const BlockRun& run, int64_t k, size_t sub,
               isa::Group* group) {
    const RowBlock& block = pass.blocks[run.first];
    const bool repeated = run.count > 1;
    const int64_t in_step_rows =
        repeated ? pass.blocks[run.first + 1].in_rows.begin - block.in_rows.begin : 0;
    const int64_t out_step_rows = repeated ? block.out_rows.size() : 0;
    const arch::CoreBuffers& buffers = t_.layout.buffers;
    const uint64_t input_toggle = repeated ? buffers.input_bytes : 0;
    const uint64_t output_toggle = repeated ? buffers.output_bytes : 0;
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const std::vector<CoreTask> tasks = TasksOf(column, k, sub);
      if (tasks.empty()) continue;
      AddInputs(group, tasks, pass, block, nullptr, in_step_rows, 0, input_toggle);
      for (const CoreTask& task : tasks) {
        const Engine processor = isa::CoreProcessor(task.row, task.column);
        Append(group, processor, isa::AcquireOp(kInputFull, 1));
        Append(group, processor, isa::AcquireOp(kOutputFree, 1));
        Append(group, processor,
               isa::ComputeOp(
                   MakeCompute(task, block, task.piece->in_channels, input_toggle, output_toggle)));
        Append(group, processor, isa::ReleaseOp(kInputFree, 1));
        Append(group, processor, isa::ReleaseOp(kOutputFull, 1));
        AddOutput(group, task, pass, block, out_step_rows, output_toggle);
      }
    }
  }

  // One block with the input channels split: groups first (piece 0), body (the uniform middle
  // pieces) and last (the final piece, which also writes the output). Input and weight pieces
  // stream through ping/pong pairs; the core accumulates in int32.
  void EmitCinBlock(const tiling::Pass& pass, size_t b, int64_t k, size_t sub,
                    const std::string& where) {
    const RowBlock& block = pass.blocks[b];
    const std::vector<Range>& cins = t_.cin_pieces;
    const size_t count = cins.size();
    struct Step {
      size_t first, count;
      std::string name;
      isa::GroupKind kind;
    };
    // Middle pieces repeat in one group only while they are interchangeable: as many channels
    // and, in every weight piece, as many bytes (sparse pieces differ); else runs of them.
    auto uniform = [&](size_t a, size_t b) {
      if (cins[a].size() != cins[b].size() || ChunkOf(a) != ChunkOf(b)) return false;
      for (const std::vector<tiling::WeightPiece>& slice : t_.pieces) {
        for (const tiling::WeightPiece& piece : slice) {
          if (piece.cin_bytes[a] != piece.cin_bytes[b]) return false;
        }
      }
      return true;
    };
    std::vector<Step> steps = {{0, 1, "first", isa::GROUP_HEAD}};
    std::vector<Step> body;
    for (size_t q = 1; q + 1 < count; ++q) {
      if (!body.empty() && uniform(body.back().first, q)) {
        ++body.back().count;
      } else {
        body.push_back({q, 1, "body", isa::GROUP_BODY});
      }
    }
    for (size_t i = 0; i < body.size(); ++i) {
      if (body.size() > 1) body[i].name += std::to_string(i);
      steps.push_back(body[i]);
    }
    steps.push_back({count - 1, 1, "last", isa::GROUP_TAIL});
    const arch::CoreBuffers& buffers = t_.layout.buffers;
    const uint64_t weight_half = buffers.weight_bytes / 2;
    for (const Step& step : steps) {
      const bool repeated = step.count > 1;
      const bool last = step.first + step.count == count;
      const Range& cin = cins[step.first];
      if (t_.chunked() &&
          t_.cin_chunks[ChunkOf(step.first)].begin == static_cast<int64_t>(step.first)) {
        EmitChunkLoad(block, k, ChunkOf(step.first), where);
      }
      const int64_t channel_step = repeated ? cin.size() : 0;
      const uint64_t input_toggle = repeated ? buffers.input_bytes : 0;
      const uint64_t weight_toggle = repeated ? weight_half : 0;
      isa::Group* group =
          NewGroup(std::string("cin.") + step.name + where + suffix_, step.kind, U32(step.count));
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        const std::vector<CoreTask> tasks = TasksOf(column, k, sub);
        if (tasks.empty()) continue;
        AddInputs(group, tasks, pass, block, &cin, 0, channel_step, input_toggle);
        for (const CoreTask& task : tasks) {
          const Engine processor = isa::CoreProcessor(task.row, task.column);
          Append(group, processor, isa::AcquireOp(kInputFull, 1));
          Append(group, processor, isa::AcquireOp(kWeightFull, 1));
          if (last) Append(group, processor, isa::AcquireOp(kOutputFree, 1));
          isa::Compute compute = MakeCompute(task, block, cin, input_toggle, 0);
          compute.set_accumulate(step.first > 0);
          compute.set_partial(!last);
          const uint32_t weight_bytes = U32(task.piece->cin_bytes[step.first]);
          *compute.mutable_weights() =
              isa::MakeBuffer(isa::Contiguous(core_weights_, weight_bytes), 0, weight_toggle);
          Append(group, processor, isa::ComputeOp(compute));
          Append(group, processor, isa::ReleaseOp(kInputFree, 1));
          Append(group, processor, isa::ReleaseOp(kWeightFree, 1));
          if (last) {
            Append(group, processor, isa::ReleaseOp(kOutputFull, 1));
            AddOutput(group, task, pass, block, 0, 0);
          }
        }
      }
      // Weight pieces along each core row of a cout group, from the slice's home memtile.
      for (size_t s = 0; s < t_.slices.size(); ++s) {
        const int64_t group_index = static_cast<int64_t>(s) / config_.array.rows;
        const uint32_t row = U32(static_cast<int64_t>(s) % config_.array.rows);
        const tiling::WeightPiece* piece = PieceOf(group_index, row, k);
        if (!InBatch(s) || piece == nullptr || piece->couts.empty()) continue;
        std::vector<std::pair<Engine, isa::Buffer>> cores;
        for (uint32_t column = 0; column < config_.array.columns; ++column) {
          if (t_.columns[column].group != group_index) continue;
          if (sub >= t_.parts[t_.columns[column].part].subs.size()) continue;
          cores.push_back({isa::CoreChannel(row, column, isa::S2MM, channels_.CoreReceiveWeights()),
                           isa::Buffer()});
        }
        if (cores.empty()) continue;
        const uint32_t bytes = U32(piece->cin_bytes[step.first]);
        // Chunked: the memtile holds the current chunk of the piece only.
        const int64_t offset =
            PieceOffset(*piece, step.first) -
            (t_.chunked() ? PieceOffset(*piece, t_.cin_chunks[ChunkOf(step.first)].begin) : 0);
        const Engine sender = isa::MemtileChannel(
            U32(t_.WeightHome(group_index, row)), isa::MM2S,
            channels_.MemtileSendWeights(row, U32(t_.width_parts), t_.layout.spread_weights));
        const uint32_t route = routes_.Get(sender, EnginesOf(cores));
        Append(
            group, sender,
            isa::TransferOp(route, isa::WEIGHTS,
                            isa::MakeBuffer(isa::Contiguous(weight_memtile_[s][k] + offset, bytes),
                                            repeated ? static_cast<int64_t>(bytes) : 0)));
        for (const auto& core : cores) {
          Append(group, core.first, isa::AcquireOp(kWeightFree, 1));
          Append(group, core.first,
                 isa::TransferOp(
                     route, isa::WEIGHTS,
                     isa::MakeBuffer(isa::Contiguous(core_weights_, bytes), 0, weight_toggle)));
          Append(group, core.first, isa::ReleaseOp(kWeightFull, 1));
        }
      }
    }
  }

  // Stages rows x cols x channels of input i (its image at DDR address `base`) into `column`'s
  // memtile at `memtile_address`, packed with the channels innermost.
  void StageInput(isa::Group* group, uint32_t i, uint64_t base, uint32_t column, const Range& rows,
                  const Range& cols, const Range& channels, uint64_t memtile_address) {
    const ir::Shape& in = t_.in;
    const Box ddr{
        base + static_cast<uint64_t>((rows.begin * in.w + cols.begin) * in.c + channels.begin),
        channels.size(),
        cols.size(),
        rows.size(),
        in.c,
        in.w * in.c};
    const Box memtile{memtile_address, channels.size() * cols.size() * rows.size(), 1, 1, 0, 0};
    AddTransfer(group, isa::ShimChannel(column, isa::MM2S, channels_.ShimReadInput(i)),
                isa::MakeBuffer(ddr.ToRegion()),
                {{isa::MemtileChannel(column, isa::S2MM, channels_.MemtileReceiveInput(i)),
                  isa::MakeBuffer(memtile.ToRegion())}},
                isa::ACTIVATIONS);
  }

  // Per-round staging: before round k, every column's memtile loads the pass's input rows of the
  // channels of each core row's piece k into that row's region.
  void EmitRoundLoad(int64_t image, const tiling::Pass& pass, int64_t k) {
    isa::Group* group =
        NewGroup("load" + Label(".k", k, t_.piece_count) + suffix_, isa::GROUP_LOAD, 1);
    const ir::Shape& in = t_.in;
    for (uint32_t i = 0; i < t_.inputs; ++i) {
      const uint64_t base = context_.ddr.tensor_address[context_.node.inputs[i]] +
                            static_cast<uint64_t>(image * in.h * in.w * in.c);
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        const tiling::ColumnRole& role = t_.columns[column];
        if (!role.active()) continue;
        const Range& cols = t_.parts[role.part].span.in_cols;
        if (cols.empty() || pass.in_rows.empty()) continue;  // wholly in the padding
        for (uint32_t row = 0; row < config_.array.rows; ++row) {
          const tiling::WeightPiece* piece = PieceOf(role.group, row, k);
          if (piece == nullptr || piece->couts.empty()) continue;
          StageInput(group, i, base, column, pass.in_rows, cols, piece->in_channels,
                     input_base_[column] + StagedIndex(i) * input_stride_[column] +
                         round_offset_[column][row]);
        }
      }
    }
  }

  // The chunk holding input-channel piece q (0 when not chunked).
  size_t ChunkOf(size_t q) const {
    for (size_t c = 0; c < t_.cin_chunks.size(); ++c) {
      if (static_cast<int64_t>(q) < t_.cin_chunks[c].end) return c;
    }
    return 0;
  }

  // Chunked staging: before the first input-channel piece of chunk c of a block, every column's
  // memtile loads the block's input rows of the chunk's channels, and every home memtile the
  // chunk's part of piece k of each slice of the batch (the cin pieces lie in order in DDR).
  void EmitChunkLoad(const RowBlock& block, int64_t k, size_t c, const std::string& where) {
    const Range& chunk = t_.cin_chunks[c];
    chunk_channels_ = t_.ChunkChannels(chunk);
    isa::Group* group = NewGroup(
        "load" + Label(".c", static_cast<int64_t>(c), static_cast<int64_t>(t_.cin_chunks.size())) +
            where + suffix_,
        isa::GROUP_LOAD, 1);
    const ir::Shape& in = t_.in;
    for (uint32_t i = 0; i < t_.inputs; ++i) {
      const uint64_t base = context_.ddr.tensor_address[context_.node.inputs[i]] +
                            static_cast<uint64_t>(image_ * in.h * in.w * in.c);
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        const tiling::ColumnRole& role = t_.columns[column];
        if (!role.active()) continue;
        const Range& cols = t_.parts[role.part].span.in_cols;
        if (cols.empty() || block.in_rows.empty()) continue;  // wholly in the padding
        StageInput(group, i, base, column, block.in_rows, cols, chunk_channels_,
                   input_base_[column] + StagedIndex(i) * input_stride_[column]);
      }
    }
    for (size_t s = 0; s < t_.slices.size(); ++s) {
      if (!InBatch(s) || k >= static_cast<int64_t>(t_.pieces[s].size())) continue;
      const tiling::WeightPiece& piece = t_.pieces[s][k];
      const int64_t bytes = tiling::WindowTiling::ChunkBytes(piece, chunk);
      if (piece.couts.empty() || bytes == 0) continue;
      const int64_t group_index = static_cast<int64_t>(s) / config_.array.rows;
      const int64_t row = static_cast<int64_t>(s) % config_.array.rows;
      const uint32_t home = U32(t_.WeightHome(group_index, row));
      AddTransfer(group, isa::ShimChannel(home, isa::MM2S, channels_.ShimReadWeights()),
                  isa::MakeBuffer(isa::Contiguous(
                      weight_ddr_[s][k] + static_cast<uint64_t>(PieceOffset(piece, chunk.begin)),
                      U32(bytes))),
                  {{isa::MemtileChannel(home, isa::S2MM, channels_.MemtileReceiveWeights()),
                    isa::MakeBuffer(isa::Contiguous(weight_memtile_[s][k], U32(bytes)))}},
                  isa::WEIGHTS);
    }
  }

  // Byte offset of input-channel piece `q` inside a weight piece (pieces stored in order).
  int64_t PieceOffset(const tiling::WeightPiece& piece, size_t q) const {
    int64_t offset = 0;
    for (size_t i = 0; i < q; ++i) offset += piece.cin_bytes[i];
    return offset;
  }

  const tiling::WindowTiling& t_;
  const int64_t broadcast_rows_;
  std::string suffix_;
  int64_t image_ = 0;
  int64_t batch_ = 0;  // the batch of core rows being emitted
  size_t max_subs_ = 0;
  Range chunk_channels_;  // chunked staging: the input channels the memtiles hold now
  std::vector<std::vector<uint64_t>> round_offset_;    // per column, per core row: its region
  std::vector<std::vector<uint64_t>> weight_ddr_;      // per slice, per piece
  std::vector<std::vector<uint64_t>> weight_memtile_;  // per slice, per piece
  std::vector<uint64_t> input_base_;
  std::vector<uint64_t> input_stride_;  // between the memtile copies of several inputs
  std::vector<uint64_t> output_base_;
  uint64_t core_input_ = 0;
  uint64_t core_output_ = 0;
  uint64_t core_weights_ = 0;
};

}  // namespace

void EmitWindowLayer(const tiling::WindowTiling& tiling, const LayerContext& context,
                     isa::Layer* layer) {
  if (context.config.core.locks < kCoreLocksUsed) {
    throw UserError("config core.locks = " + std::to_string(context.config.core.locks) +
                    ": the code generator needs at least " + std::to_string(kCoreLocksUsed) +
                    " locks per core for its ping/pong pairs");
  }
  const int functional_inits = context.ddr_image ? context.ddr_image->ddr_size() : 0;
  WindowEmitter(tiling, context, layer, 0).Emit();
  if (!PiecesFitBds(context.config, *layer)) {
    // A broadcast of a column's input to all its cores joins them, with their outputs and the
    // weights of their rows, into one piece of work the BD budget cannot split. Bands of rows
    // whose work fits one memtile's BDs (per band: the inputs, and per row at most one weight
    // send and one output receive) make pieces FitGroupsToBds can spread over groups; each band
    // gets its own copy of the input.
    layer->clear_groups();
    layer->clear_routes();
    layer->clear_lock_inits();
    if (context.ddr_image) {
      context.ddr_image->mutable_ddr()->DeleteSubrange(
          functional_inits, context.ddr_image->ddr_size() - functional_inits);
    }
    const int64_t bds = context.config.memtile.dma.bds;
    WindowEmitter(tiling, context, layer, std::max<int64_t>(1, (bds - tiling.inputs) / 2)).Emit();
  }
  FitGroupsToBds(context.config, layer);
}

}  // namespace aie2sim::codegen
