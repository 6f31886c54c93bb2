// The block-sparsity pass (PAPER.md §1): chooses the block mask Γ of every Conv/Gemm node.
//
// Pre:  shapes inferred (ir::InferShapes); weights, where present, are COUT x KH x KW x CIN/groups.
// Post: every Conv/Gemm node has `mask` and `sparsity` set (a dense mask and {0, 0, 1.0} when no
//       block is zero), and the weights of zero blocks are 0.0 in `weights->values`; shapes,
//       other nodes and bias are unchanged. Deterministic for a given graph, options and seed.
//       Re-running the pass replaces the masks (zeroed weights stay zero).
// Fails (UserError, one line naming the flag, file:line or node): invalid options, a bad spec or
//       mask file, an importance that needs weights (l1, l2, variance, existing) asked for on a
//       workload where a Conv/Gemm has none, non-finite weights under l1/l2/variance.
//
// Which blocks are zero, per Conv/Gemm layer in graph order:
//  - depthwise convolutions (one input channel per group) stay dense;
//  - with a mask file: the file's mask for the layers it lists, dense for the others;
//  - `existing`: kept = blocks holding a non-zero weight (ratios ignored);
//  - otherwise the layer's ratio r is the spec's entry for it, else the spec's `default`, else
//    the global ratio; exactly llround(r x blocks) blocks of the layer (all groups ranked
//    together) are zeroed, the least important first (block_selection.h; `keep_lines` may keep
//    more);
//  - with `global`, the individual weights of every layer the ratio applies to (not depthwise,
//    not the first under `first_dense`) are ranked together by magnitude and llround(ratio x
//    their weights) of them zeroed (global_selection.h; PyTorch's global_unstructured pruning);
//    the mask then drops the blocks left all zero (as `existing`), and a layer's recorded ratio
//    is its own share of zeroed weights;
//  - with `first_dense`, the first Conv/Gemm in graph order stays dense unless a spec names it
//    (existing and the global ratio included).
// Importance when not given: l2 if every Conv/Gemm has weights, random otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/sparsity/sparsity_options.h"

namespace aie2sim::sparsity {

// What the pass did to one Conv/Gemm layer.
struct LayerSparsity {
  std::string name;
  std::string op;            // "Conv" | "Gemm"
  double ratio = 0;          // ratio applied (ratio/spec modes); 0 when dense by rule or not used
  int64_t blocks_total = 0;  // as ir::SparsityInfo: 0 for a dense layer
  int64_t blocks_kept = 0;
  double density = 1.0;  // kept weight elements / dense weight elements
  int64_t macs = 0;
  int64_t effective_macs = 0;  // llround(macs x density)
  // Why the layer is dense, empty when it has zero blocks: "depthwise", "first layer",
  // "not in mask file", "no block zeroed".
  std::string dense_reason;
};

// What the pass applied, for reports (the program's SparsityInfo and the report's `sparsity`).
struct SparsityRecord {
  // The global ratio asked for (the spec's `default` when a spec gives one). With `existing` or a
  // mask file: the zero share of all Conv/Gemm weight elements, 1 - kept / dense.
  double ratio = 0;
  std::string block;       // "BHxBW" used (a mask file's own block size)
  std::string importance;  // l1 | l2 | variance | existing | random; "global-magnitude"; "mask-file"; "dense" when
                           // nothing was asked for (ratio 0, no spec, no mask file, not existing)
  uint64_t seed = 0;
  std::vector<LayerSparsity> layers;  // Conv/Gemm layers in graph order
};

SparsityRecord ApplySparsity(ir::Graph& graph, const SparsityOptions& options);

}  // namespace aie2sim::sparsity
