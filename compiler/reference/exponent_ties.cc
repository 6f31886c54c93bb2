#include "compiler/reference/exponent_ties.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Unite(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

}  // namespace

std::vector<int> TieExponents(const ir::Graph& graph, const std::vector<double>& max_abs,
                              const std::vector<int>& input_exponents) {
  AIE2SIM_CHECK(max_abs.size() == graph.tensors.size(), "one max |x| per tensor");
  AIE2SIM_CHECK(input_exponents.size() == graph.inputs.size(), "one exponent per graph input");
  UnionFind classes(graph.tensors.size());
  for (const ir::Node& node : graph.nodes) {
    switch (node.op) {
      case ir::OpKind::kMaxPool:
      case ir::OpKind::kAveragePool:
      case ir::OpKind::kGlobalAveragePool:
      case ir::OpKind::kFlatten:
      case ir::OpKind::kConcat:
        for (const int input : node.inputs) classes.Unite(input, node.output);
        break;
      case ir::OpKind::kConv:
      case ir::OpKind::kGemm:
      case ir::OpKind::kAdd:
        break;
    }
  }
  // Per class: the largest max |x| of its members and the fixed exponent of a graph input in it.
  const size_t count = graph.tensors.size();
  std::vector<double> class_max(count, 0.0);
  std::vector<std::optional<int>> fixed(count);
  for (size_t t = 0; t < count; ++t) {
    const int root = classes.Find(static_cast<int>(t));
    class_max[root] = std::max(class_max[root], max_abs[t]);
  }
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const int root = classes.Find(graph.inputs[i]);
    AIE2SIM_CHECK(!fixed[root] || *fixed[root] == input_exponents[i],
                  "graph inputs with different exponents are tied by a Concat");
    fixed[root] = input_exponents[i];
  }
  std::vector<int> exponents(count);
  for (size_t t = 0; t < count; ++t) {
    const int root = classes.Find(static_cast<int>(t));
    exponents[t] = fixed[root] ? *fixed[root] : quant::ChooseExponent(class_max[root]);
  }
  return exponents;
}

}  // namespace aie2sim::reference
