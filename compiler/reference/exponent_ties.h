// The activation exponent of every tensor of a quantised network, from the float run's max |x|.
//
// Scale-preserving ops are pure data movement in int8 only when their tensors share one
// exponent, so those exponents are tied: a MaxPool, AveragePool, GlobalAveragePool or Flatten
// output takes its input's exponent, and a Concat's inputs and output all share one. The ties
// form classes (union-find over tensors). A class containing a graph input takes that input's
// fixed exponent; any other class takes the smallest (coarsest) exponent of its members,
// quant::ChooseExponent of the class's largest max |x|, so that no member saturates. Conv,
// Gemm and Add outputs not tied to anything are free: ChooseExponent of their own max |x|.
#pragma once

#include <vector>

#include "compiler/ir/graph.h"

namespace aie2sim::reference {

// Exponents by tensor index. `max_abs` is max |x| by tensor index (finite, >= 0);
// `input_exponents` holds one exponent per graph input (graph.inputs order). InternalError when
// two graph inputs with different exponents are tied together.
std::vector<int> TieExponents(const ir::Graph& graph, const std::vector<double>& max_abs,
                              const std::vector<int>& input_exponents);

}  // namespace aie2sim::reference
