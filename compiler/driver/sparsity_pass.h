// Pass 2, sparsity: the block mask of every Conv/Gemm (compiler/sparsity/sparsity.h).
//
// Precondition: the frontend's postcondition (shapes inferred).
// Postcondition: every Conv/Gemm node has its mask and sparsity set (dense when no block is
//   zero), the weights of zero blocks are 0; nothing else changes. Deterministic for a given
//   graph, options and seed.
// Fails: UserError naming the flag, file:line or node (invalid options, spec or mask file).
#pragma once

#include <string>

#include "compiler/ir/graph.h"
#include "compiler/sparsity/sparsity.h"

namespace aie2sim::driver {

sparsity::SparsityRecord RunSparsity(ir::Graph& graph, const sparsity::SparsityOptions& options);

// The settings applied, then per Conv/Gemm: blocks kept of total, density, effective MACs, and
// why a dense layer is dense.
std::string DumpSparsity(const sparsity::SparsityRecord& record);

}  // namespace aie2sim::driver
