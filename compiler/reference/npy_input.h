// A network input read from a NumPy .npy file (format versions 1.0, 2.0 and 3.0).
//
// Accepted: dtype int8 ('|i1', as numpy writes it), C order (fortran_order False), a shape of
// exactly (B, H, W, C) of the graph's single input, and exactly B*H*W*C data bytes after the
// header. The values get exponent kInputExponent (7: x = q / 128, in [-1, 1)).
// Every problem is a UserError "PATH: problem": the file cannot be read, bad magic, an
// unsupported version, a malformed or truncated header, another dtype, Fortran order, another
// shape, too few or too many data bytes, or a workload with more than one input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reference/network_input.h"

namespace aie2sim::reference {

NetworkInput LoadNpyInput(const ir::Graph& graph, const std::string& path);

// The shape of an int8 C-order .npy file (its batch tells a command how many inputs it holds);
// the same UserErrors as LoadNpyInput up to the shape.
std::vector<int64_t> NpyShape(const std::string& path);

}  // namespace aie2sim::reference
