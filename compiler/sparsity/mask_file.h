// User-supplied block masks Γ from a YAML file (--mask-file; format in
// workloads/sparsity/README.md):
//
//   version: 1
//   block: 8x8            # output x input channels per block (used instead of --block)
//   layers:
//     conv2:              # one string per block row, one character per block column:
//       - "1011"          #   1 = kept, 0 = zero; grouped convs list group 0's rows, then
//       - "0110"          #   group 1's, ... (groups x rows strings in all)
//
// Layers not listed stay dense. Strict: unknown or duplicate keys, a layer that is not a Conv/
// Gemm node, a depthwise layer, a row count or row length that differs from the layer's grid,
// or a character other than 0/1 are UserErrors "file:line: key: problem".
#pragma once

#include <map>
#include <string>

#include "compiler/ir/graph.h"
#include "compiler/sparsity/sparsity_options.h"

namespace aie2sim::sparsity {

struct MaskFile {
  BlockSize block;
  std::map<std::string, ir::BlockMask> masks;  // node name -> mask (dense if all kept)
};

// Parses the text of a mask file against `graph`'s layers; `file` names it in messages.
MaskFile ParseMaskFile(const std::string& text, const std::string& file, const ir::Graph& graph);

// Reads and parses `path`.
MaskFile LoadMaskFile(const std::string& path, const ir::Graph& graph);

}  // namespace aie2sim::sparsity
