#include "compiler/codegen/codegen.h"

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/codegen/channel_plan.h"
#include "compiler/codegen/route_table.h"
#include "sim/base/error.h"
#include "sim/isa/program_builder.h"

namespace aie2sim::codegen {
namespace {

using isa::Engine;
using tiling::Range;
using tiling::RowBlock;

constexpr uint64_t kMemtileAlignment = 64;

uint64_t AlignUp(uint64_t value) {
  return (value + kMemtileAlignment - 1) / kMemtileAlignment * kMemtileAlignment;
}

uint32_t U32(int64_t value) { return static_cast<uint32_t>(value); }

// Consecutive blocks of one shape and uniform address steps: one group of `count` iterations.
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

// Emits one layer; holds the per-layer layout decisions shared by its groups.
class WindowLayerEmitter {
 public:
  WindowLayerEmitter(const tiling::WindowTiling& tiling, const LayerContext& context,
                     isa::Layer* layer)
      : t_(tiling),
        context_(context),
        config_(context.config),
        channels_(context.config),
        layer_(layer),
        routes_(layer) {}

  void Emit() {
    PlanLayout();
    for (uint32_t row = 0; row < config_.array.rows; ++row) {
      if (t_.cout_rows[row].empty()) continue;
      for (uint32_t column = 0; column < config_.array.columns; ++column) {
        if (t_.columns[column].out_cols.empty()) continue;
        isa::AddLockInit(layer_, isa::CORE, column, row, kInputFree, 2);
        isa::AddLockInit(layer_, isa::CORE, column, row, kInputFull, 0);
        isa::AddLockInit(layer_, isa::CORE, column, row, kOutputFree, 2);
        isa::AddLockInit(layer_, isa::CORE, column, row, kOutputFull, 0);
      }
    }
    for (int64_t image = 0; image < t_.in.n; ++image) {
      for (size_t p = 0; p < t_.passes.size(); ++p) {
        const bool first = image == 0 && p == 0;
        const std::string suffix = Suffix(image, p);
        EmitLoad(image, t_.passes[p], first && weighted_, suffix);
        if (first && weighted_) EmitWeights();
        EmitBlocks(t_.passes[p], suffix);
        EmitStore(image, t_.passes[p], suffix);
      }
    }
  }

 private:
  std::string Suffix(int64_t image, size_t pass) const {
    std::string suffix;
    if (t_.in.n > 1) suffix += ".b" + std::to_string(image);
    if (t_.passes.size() > 1) suffix += ".p" + std::to_string(pass);
    return suffix;
  }

  void PlanLayout() {
    weighted_ = ir::HasWeights(t_.op);
    const int64_t per_output =
        weighted_ ? t_.window.kernel_h * t_.window.kernel_w * (t_.in.c / t_.groups) : 0;
    const uint32_t rows = config_.array.rows;
    const uint32_t columns = config_.array.columns;
    // Weights: per core row a compacted piece, consecutive in DDR, in its memtile from 0.
    weight_bytes_.assign(rows, 0);
    weight_ddr_offset_.assign(rows, 0);
    weight_memtile_offset_.assign(rows, 0);
    std::vector<uint64_t> memtile_weight_end(columns, 0);
    uint64_t ddr_offset = 0;
    for (uint32_t row = 0; row < rows; ++row) {
      weight_bytes_[row] = static_cast<uint64_t>(
          tiling::CompactWeightBytes(t_.cout_rows[row].size(), per_output, t_.density));
      weight_ddr_offset_[row] = ddr_offset;
      ddr_offset += weight_bytes_[row];
      const uint32_t memtile = channels_.WeightMemtile(row);
      weight_memtile_offset_[row] = memtile_weight_end[memtile];
      memtile_weight_end[memtile] = AlignUp(memtile_weight_end[memtile] + weight_bytes_[row]);
    }
    // Memtile of each column: weights, then the pass input slice, then the pass output slice.
    int64_t max_in_rows = 0;
    int64_t max_out_rows = 0;
    for (const tiling::Pass& pass : t_.passes) {
      max_in_rows = std::max(max_in_rows, pass.in_rows.size());
      max_out_rows = std::max(max_out_rows, pass.out_rows.size());
    }
    input_base_.assign(columns, 0);
    output_base_.assign(columns, 0);
    for (uint32_t column = 0; column < columns; ++column) {
      const tiling::ColumnSlice& slice = t_.columns[column];
      input_base_[column] = memtile_weight_end[column];
      output_base_[column] =
          AlignUp(input_base_[column] + max_in_rows * slice.in_cols.size() * t_.in.c);
      const uint64_t end = output_base_[column] + max_out_rows * slice.out_cols.size() * t_.out.c;
      if (end > config_.memtile.memory_bytes) {
        throw InternalError("layer " + context_.node.name + ": memtile layout overflows column " +
                            std::to_string(column));
      }
    }
    const arch::CoreBuffers& buffers = config_.core.buffers;
    core_input_ = 0;
    core_output_ = 2 * buffers.input_bytes;
    core_weights_ = core_output_ + 2 * buffers.output_bytes;
  }

  std::vector<Engine> ActiveCoresOfColumn(uint32_t column, uint32_t channel) const {
    std::vector<Engine> cores;
    for (uint32_t row = 0; row < config_.array.rows; ++row) {
      if (!t_.cout_rows[row].empty()) {
        cores.push_back(isa::CoreChannel(row, column, isa::S2MM, channel));
      }
    }
    return cores;
  }

  std::vector<Engine> ActiveCoresOfRow(uint32_t row, uint32_t channel) const {
    std::vector<Engine> cores;
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      if (!t_.columns[column].out_cols.empty()) {
        cores.push_back(isa::CoreChannel(row, column, isa::S2MM, channel));
      }
    }
    return cores;
  }

  // Adds both sides of a one-shot transfer (route source -> destinations) to `group`.
  void AddTransfer(isa::Group* group, const Engine& source, const isa::Buffer& source_buffer,
                   const std::vector<std::pair<Engine, isa::Buffer>>& destinations,
                   isa::DataKind data) {
    std::vector<Engine> engines;
    for (const auto& destination : destinations) engines.push_back(destination.first);
    const uint32_t route = routes_.Get(source, engines);
    isa::StreamFor(group, source)->add_instructions()->CopyFrom(
        isa::TransferOp(route, data, source_buffer));
    for (const auto& [engine, buffer] : destinations) {
      isa::StreamFor(group, engine)->add_instructions()->CopyFrom(
          isa::TransferOp(route, data, buffer));
    }
  }

  isa::Group* NewGroup(const std::string& name, isa::GroupKind kind, uint32_t iterations) {
    isa::Group* group = layer_->add_groups();
    group->set_name(name);
    group->set_kind(kind);
    group->set_iterations(iterations);
    return group;
  }

  void EmitLoad(int64_t image, const tiling::Pass& pass, bool with_weights,
                const std::string& suffix) {
    isa::Group* group = NewGroup("load" + suffix, isa::GROUP_LOAD, 1);
    const ir::Shape& in = t_.in;
    const uint64_t image_base = context_.ddr.tensor_address[context_.node.inputs.front()] +
                                static_cast<uint64_t>(image * in.h * in.w * in.c);
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const tiling::ColumnSlice& slice = t_.columns[column];
      if (slice.out_cols.empty()) continue;
      const uint32_t row_bytes = U32(slice.in_cols.size() * in.c);
      const uint64_t ddr = image_base + (pass.in_rows.begin * in.w + slice.in_cols.begin) * in.c;
      const isa::Region source = isa::MakeRegion(
          ddr, {{row_bytes, 1}, {U32(pass.in_rows.size()), in.w * in.c}});
      const isa::Region target =
          isa::Contiguous(input_base_[column], U32(pass.in_rows.size()) * row_bytes);
      AddTransfer(group, isa::ShimChannel(column, isa::MM2S, channels_.ShimReadActivations()),
                  isa::MakeBuffer(source),
                  {{isa::MemtileChannel(column, isa::S2MM, channels_.MemtileReceiveActivations()),
                    isa::MakeBuffer(target)}},
                  isa::ACTIVATIONS);
    }
    if (!with_weights) return;
    const uint64_t weights = context_.ddr.weight_address[context_.node_index];
    for (uint32_t row = 0; row < config_.array.rows; ++row) {
      if (weight_bytes_[row] == 0) continue;
      const uint32_t memtile = channels_.WeightMemtile(row);
      AddTransfer(group, isa::ShimChannel(memtile, isa::MM2S, channels_.ShimReadWeights()),
                  isa::MakeBuffer(isa::Contiguous(weights + weight_ddr_offset_[row],
                                                  U32(weight_bytes_[row]))),
                  {{isa::MemtileChannel(memtile, isa::S2MM, channels_.MemtileReceiveWeights()),
                    isa::MakeBuffer(isa::Contiguous(weight_memtile_offset_[row],
                                                    U32(weight_bytes_[row])))}},
                  isa::WEIGHTS);
    }
  }

  void EmitWeights() {
    isa::Group* group = NewGroup("weights", isa::GROUP_WEIGHTS, 1);
    for (uint32_t row = 0; row < config_.array.rows; ++row) {
      if (weight_bytes_[row] == 0) continue;
      const uint32_t memtile = channels_.WeightMemtile(row);
      std::vector<std::pair<Engine, isa::Buffer>> destinations;
      for (const Engine& core : ActiveCoresOfRow(row, channels_.CoreReceiveWeights())) {
        destinations.push_back(
            {core, isa::MakeBuffer(isa::Contiguous(core_weights_, U32(weight_bytes_[row])))});
      }
      AddTransfer(group, isa::MemtileChannel(memtile, isa::MM2S, channels_.MemtileSendWeights(row)),
                  isa::MakeBuffer(isa::Contiguous(weight_memtile_offset_[row],
                                                  U32(weight_bytes_[row]))),
                  destinations, isa::WEIGHTS);
    }
  }

  void EmitBlocks(const tiling::Pass& pass, const std::string& suffix) {
    const std::vector<BlockRun> runs = RunsOf(pass.blocks);
    size_t body = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
      if (runs[i].count > runs[body].count) body = i;
    }
    // Runs before the longest one are heads, after it tails; numbered when there are several.
    for (size_t i = 0; i < runs.size(); ++i) {
      const isa::GroupKind kind = i < body   ? isa::GROUP_HEAD
                                  : i == body ? isa::GROUP_BODY
                                              : isa::GROUP_TAIL;
      std::string name = i < body ? "head" : i == body ? "body" : "tail";
      if ((i < body && body > 1) || (i > body && runs.size() - body > 2)) {
        name += std::to_string(i < body ? i : i - body - 1);
      }
      EmitRun(pass, runs[i], NewGroup(name + suffix, kind, U32(runs[i].count)));
    }
  }

  void EmitRun(const tiling::Pass& pass, const BlockRun& run, isa::Group* group) {
    const RowBlock& block = pass.blocks[run.first];
    const bool repeated = run.count > 1;
    const int64_t in_step_rows =
        repeated ? pass.blocks[run.first + 1].in_rows.begin - block.in_rows.begin : 0;
    const int64_t out_step_rows = repeated ? block.out_rows.size() : 0;
    const arch::CoreBuffers& buffers = config_.core.buffers;
    const uint64_t input_toggle = repeated ? buffers.input_bytes : 0;
    const uint64_t output_toggle = repeated ? buffers.output_bytes : 0;
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const tiling::ColumnSlice& slice = t_.columns[column];
      if (slice.out_cols.empty()) continue;
      // LOADFM: the block's input rows, broadcast down the column.
      const int64_t in_row_bytes = slice.in_cols.size() * t_.in.c;
      const uint32_t in_bytes = U32(block.in_rows.size() * in_row_bytes);
      std::vector<std::pair<Engine, isa::Buffer>> receivers;
      for (const Engine& core : ActiveCoresOfColumn(column, channels_.CoreReceiveActivations())) {
        receivers.push_back({core, isa::MakeBuffer(isa::Contiguous(core_input_, in_bytes), 0,
                                                   input_toggle)});
      }
      const uint64_t memtile_in =
          input_base_[column] + (block.in_rows.begin - pass.in_rows.begin) * in_row_bytes;
      const Engine loader =
          isa::MemtileChannel(column, isa::MM2S, channels_.MemtileSendActivations());
      const uint32_t load_route = routes_.Get(loader, EnginesOf(receivers));
      isa::StreamFor(group, loader)->add_instructions()->CopyFrom(isa::TransferOp(
          load_route, isa::ACTIVATIONS,
          isa::MakeBuffer(isa::Contiguous(memtile_in, in_bytes), in_step_rows * in_row_bytes)));
      const int64_t out_row_bytes = slice.out_cols.size() * t_.out.c;
      for (const auto& [receiver, buffer] : receivers) {
        const uint32_t row = receiver.row();
        const Range& couts = t_.cout_rows[row];
        // Core DMA in: ping/pong input buffer.
        isa::Stream* in = isa::StreamFor(group, receiver);
        in->add_instructions()->CopyFrom(isa::AcquireOp(kInputFree, 1));
        in->add_instructions()->CopyFrom(isa::TransferOp(load_route, isa::ACTIVATIONS, buffer));
        in->add_instructions()->CopyFrom(isa::ReleaseOp(kInputFull, 1));
        // Core processor.
        const uint32_t out_bytes = U32(block.out_rows.size() * slice.out_cols.size() * couts.size());
        isa::Stream* processor = isa::StreamFor(group, isa::CoreProcessor(row, column));
        processor->add_instructions()->CopyFrom(isa::AcquireOp(kInputFull, 1));
        processor->add_instructions()->CopyFrom(isa::AcquireOp(kOutputFree, 1));
        processor->add_instructions()->CopyFrom(isa::ComputeOp(
            MakeCompute(block, slice, row, in_bytes, out_bytes, input_toggle, output_toggle)));
        processor->add_instructions()->CopyFrom(isa::ReleaseOp(kInputFree, 1));
        processor->add_instructions()->CopyFrom(isa::ReleaseOp(kOutputFull, 1));
        // WRITEFM: core DMA out -> the column's memtile, into the output slice layout.
        const Engine sender = isa::CoreChannel(row, column, isa::MM2S, channels_.CoreSendOutput());
        const Engine writer =
            isa::MemtileChannel(column, isa::S2MM, channels_.MemtileReceiveOutput(row));
        const uint32_t store_route = routes_.Get(sender, {writer});
        isa::Stream* out = isa::StreamFor(group, sender);
        out->add_instructions()->CopyFrom(isa::AcquireOp(kOutputFull, 1));
        out->add_instructions()->CopyFrom(isa::TransferOp(
            store_route, isa::OUTPUT,
            isa::MakeBuffer(isa::Contiguous(core_output_, out_bytes), 0, output_toggle)));
        out->add_instructions()->CopyFrom(isa::ReleaseOp(kOutputFree, 1));
        const uint64_t memtile_out = output_base_[column] +
                                     (block.out_rows.begin - pass.out_rows.begin) * out_row_bytes +
                                     couts.begin;
        const isa::Region target = isa::MakeRegion(
            memtile_out, {{U32(couts.size()), 1},
                          {U32(slice.out_cols.size()), t_.out.c},
                          {U32(block.out_rows.size()), out_row_bytes}});
        isa::StreamFor(group, writer)->add_instructions()->CopyFrom(isa::TransferOp(
            store_route, isa::OUTPUT, isa::MakeBuffer(target, out_step_rows * out_row_bytes)));
      }
    }
  }

  static std::vector<Engine> EnginesOf(const std::vector<std::pair<Engine, isa::Buffer>>& pairs) {
    std::vector<Engine> engines;
    for (const auto& pair : pairs) engines.push_back(pair.first);
    return engines;
  }

  isa::Compute MakeCompute(const RowBlock& block, const tiling::ColumnSlice& slice, uint32_t row,
                           uint32_t in_bytes, uint32_t out_bytes,
                           uint64_t input_toggle, uint64_t output_toggle) const {
    const Range& couts = t_.cout_rows[row];
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
      default:
        compute.set_kernel(isa::GLOBAL_AVGPOOL);
        break;
    }
    isa::KernelDims* dims = compute.mutable_dims();
    dims->set_out_rows(U32(block.out_rows.size()));
    dims->set_out_cols(U32(slice.out_cols.size()));
    dims->set_out_channels(U32(couts.size()));
    dims->set_in_rows(U32(block.in_rows.size()));
    dims->set_in_cols(U32(slice.in_cols.size()));
    dims->set_in_channels(U32(t_.in.c));
    dims->set_kernel_h(U32(t_.window.kernel_h));
    dims->set_kernel_w(U32(t_.window.kernel_w));
    dims->set_stride_h(U32(t_.window.stride_h));
    dims->set_stride_w(U32(t_.window.stride_w));
    dims->set_dilation_h(U32(t_.window.dilation_h));
    dims->set_dilation_w(U32(t_.window.dilation_w));
    dims->set_pad_top(U32(block.pad_top));
    dims->set_pad_bottom(U32(block.pad_bottom));
    dims->set_pad_left(U32(slice.pad_left));
    dims->set_pad_right(U32(slice.pad_right));
    dims->set_groups(U32(t_.groups));
    if (weighted_) {
      compute.set_macs(static_cast<uint64_t>(block.out_rows.size() * slice.out_cols.size() *
                                             couts.size() * t_.window.kernel_h *
                                             t_.window.kernel_w * (t_.in.c / t_.groups)));
      *compute.mutable_weights() = isa::MakeBuffer(
          isa::Contiguous(core_weights_, U32(weight_bytes_[row])));
    }
    compute.set_density(weighted_ ? t_.density : 1.0);
    *compute.mutable_input() = isa::MakeBuffer(isa::Contiguous(core_input_, in_bytes), 0, input_toggle);
    *compute.mutable_output() =
        isa::MakeBuffer(isa::Contiguous(core_output_, out_bytes), 0, output_toggle);
    compute.set_relu(context_.node.activation != ir::Activation::kNone);
    return compute;
  }

  void EmitStore(int64_t image, const tiling::Pass& pass, const std::string& suffix) {
    isa::Group* group = NewGroup("store" + suffix, isa::GROUP_STORE, 1);
    const ir::Shape& out = t_.out;
    const uint64_t image_base = context_.ddr.tensor_address[context_.node.output] +
                                static_cast<uint64_t>(image * out.h * out.w * out.c);
    for (uint32_t column = 0; column < config_.array.columns; ++column) {
      const tiling::ColumnSlice& slice = t_.columns[column];
      if (slice.out_cols.empty()) continue;
      const int64_t row_bytes = slice.out_cols.size() * out.c;
      const uint64_t ddr = image_base + (pass.out_rows.begin * out.w + slice.out_cols.begin) * out.c;
      // The paper's WRITE uses both DDR channels: split the rows (or a single row's bytes) in two.
      std::vector<std::pair<isa::Region, isa::Region>> halves;
      const int64_t rows = pass.out_rows.size();
      if (rows >= 2) {
        const int64_t first = (rows + 1) / 2;
        for (const Range& part : {Range{0, first}, Range{first, rows}}) {
          halves.push_back(
              {isa::Contiguous(output_base_[column] + part.begin * row_bytes,
                               U32(part.size() * row_bytes)),
               isa::MakeRegion(ddr + part.begin * out.w * out.c,
                               {{U32(row_bytes), 1}, {U32(part.size()), out.w * out.c}})});
        }
      } else {
        const int64_t first = (row_bytes + 1) / 2;
        for (const Range& part : {Range{0, first}, Range{first, row_bytes}}) {
          if (part.empty()) continue;
          halves.push_back({isa::Contiguous(output_base_[column] + part.begin, U32(part.size())),
                            isa::Contiguous(ddr + part.begin, U32(part.size()))});
        }
      }
      for (uint32_t half = 0; half < halves.size(); ++half) {
        AddTransfer(group, isa::MemtileChannel(column, isa::MM2S, channels_.MemtileSendOutput(half)),
                    isa::MakeBuffer(halves[half].first),
                    {{isa::ShimChannel(column, isa::S2MM, channels_.ShimWrite(half)),
                      isa::MakeBuffer(halves[half].second)}},
                    isa::OUTPUT);
      }
    }
  }

  const tiling::WindowTiling& t_;
  const LayerContext& context_;
  const arch::HardwareConfig& config_;
  ChannelPlan channels_;
  isa::Layer* layer_;
  RouteTable routes_;
  bool weighted_ = false;
  std::vector<uint64_t> weight_bytes_;
  std::vector<uint64_t> weight_ddr_offset_;
  std::vector<uint64_t> weight_memtile_offset_;
  std::vector<uint64_t> input_base_;
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
  WindowLayerEmitter(tiling, context, layer).Emit();
}

}  // namespace aie2sim::codegen
