#include "compiler/codegen/concat_codegen.h"

#include <algorithm>
#include <string>

#include "compiler/codegen/bd_budget.h"
#include "compiler/tiling/range.h"
#include "sim/base/error.h"

namespace aie2sim::codegen {
namespace {

using tiling::Range;

class ConcatEmitter : public LayerEmitter {
 public:
  using LayerEmitter::LayerEmitter;

  void Emit() {
    const ir::Graph& graph = context_.graph;
    const ir::Node& node = context_.node;
    const ir::Shape out = graph.OutputShape(node);
    const schedule::TensorPlacement& placement = context_.plan.tensors[node.output];
    if (placement.resident) {
      // Written in place: each memtile loads, for all images and rows, the columns it holds.
      for (int64_t image = 0; image < out.n; ++image) {
        EmitLoads(image, Range{0, out.h}, placement.columns, placement.address, image * out.h,
                  (out.n > 1 ? ".n" + std::to_string(image) : ""));
      }
      return;
    }
    const int64_t columns = config_.array.columns;
    const std::vector<Range> parts = tiling::SplitEvenly(out.w, std::min<int64_t>(out.w, columns));
    int64_t widest = 0;
    for (const Range& part : parts) widest = std::max(widest, part.size());
    const int64_t row_bytes = widest * out.c;
    const int64_t pass_rows = std::min(out.h, context_.layer_plan.budget.capacity / row_bytes);
    if (pass_rows < 1) {
      throw UserError("layer " + node.name + " (Concat): one output row of a column (" +
                      std::to_string(row_bytes) + " B) exceeds the " +
                      std::to_string(context_.layer_plan.budget.capacity) +
                      " B the memtile has for it");
    }
    const std::vector<Range> passes = tiling::Chunks(Range{0, out.h}, pass_rows);
    for (int64_t image = 0; image < out.n; ++image) {
      for (size_t p = 0; p < passes.size(); ++p) {
        const std::string suffix = (out.n > 1 ? ".n" + std::to_string(image) : "") +
                                   (passes.size() > 1 ? ".p" + std::to_string(p) : "");
        EmitPass(image, passes[p], parts, suffix);
      }
    }
  }

 private:
  // LOAD of every input's `rows` of `columns[m]` into memtile m's block at `base` (layout
  // [rows from `first_row`][columns[m]][all channels], each input at its channel offset).
  void EmitLoads(int64_t image, const Range& rows, const std::vector<Range>& columns, uint64_t base,
                 int64_t first_row, const std::string& suffix) {
    const ir::Graph& graph = context_.graph;
    const ir::Node& node = context_.node;
    const ir::Shape out = graph.OutputShape(node);
    isa::Group* load = NewGroup("load" + suffix, isa::GROUP_LOAD, 1);
    for (uint32_t column = 0; column < columns.size(); ++column) {
      const Range& cols = columns[column];
      if (cols.empty()) continue;
      int64_t channel = 0;
      for (uint32_t i = 0; i < node.inputs.size(); ++i) {
        const ir::Shape& in = graph.tensor(node.inputs[i]).shape;
        const Box ddr{
            context_.ddr.tensor_address[node.inputs[i]] +
                static_cast<uint64_t>(((image * in.h + rows.begin) * in.w + cols.begin) * in.c),
            cols.size() * in.c,
            rows.size(),
            1,
            in.w * in.c,
            0};
        const Box memtile{base + static_cast<uint64_t>(
                                     ((first_row + rows.begin) * cols.size()) * out.c + channel),
                          in.c,
                          cols.size(),
                          rows.size(),
                          out.c,
                          cols.size() * out.c};
        AddTransfer(load, isa::ShimChannel(column, isa::MM2S, channels_.ShimReadInput(i)),
                    isa::MakeBuffer(ddr.ToRegion()),
                    {{isa::MemtileChannel(column, isa::S2MM, channels_.MemtileReceiveInput(i)),
                      isa::MakeBuffer(memtile.ToRegion())}},
                    isa::ACTIVATIONS);
        channel += in.c;
      }
    }
  }

  // Staged through the memtile: LOAD the pass's rows of each column part, then STORE them.
  void EmitPass(int64_t image, const Range& rows, const std::vector<Range>& parts,
                const std::string& suffix) {
    const ir::Graph& graph = context_.graph;
    const ir::Node& node = context_.node;
    const ir::Shape out = graph.OutputShape(node);
    const uint64_t base = static_cast<uint64_t>(context_.layer_plan.memtile_base);
    EmitLoads(image, rows, parts, base, -rows.begin, suffix);
    isa::Group* store = NewGroup("store" + suffix, isa::GROUP_STORE, 1);
    for (uint32_t column = 0; column < parts.size(); ++column) {
      const Range& cols = parts[column];
      const Box memtile{base, cols.size() * out.c, rows.size(), 1, cols.size() * out.c, 0};
      const Box ddr{
          context_.ddr.tensor_address[node.output] +
              static_cast<uint64_t>(((image * out.h + rows.begin) * out.w + cols.begin) * out.c),
          cols.size() * out.c,
          rows.size(),
          1,
          out.w * out.c,
          0};
      AddStoreHalves(store, column, memtile, ddr);
    }
  }
};

}  // namespace

void EmitConcatLayer(const LayerContext& context, isa::Layer* layer) {
  ConcatEmitter(context, layer).Emit();
  FitGroupsToBds(context.config, layer);
}

}  // namespace aie2sim::codegen
