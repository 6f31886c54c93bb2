#include "compiler/reduction/nonnegative_tensors.h"

#include "sim/base/error.h"

namespace aie2sim::reduction {

std::vector<bool> NonNegativeTensors(const ir::Graph& graph,
                                     const std::vector<bool>& inputs_nonnegative) {
  AIE2SIM_CHECK(inputs_nonnegative.size() == graph.inputs.size(), "one flag per graph input");
  std::vector<bool> nonnegative(graph.tensors.size(), false);
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    nonnegative[graph.inputs[i]] = inputs_nonnegative[i];
  }
  for (const ir::Node& node : graph.nodes) {
    bool all_inputs = true;
    for (const int input : node.inputs) all_inputs = all_inputs && nonnegative[input];
    bool result = node.activation != ir::Activation::kNone;
    switch (node.op) {
      case ir::OpKind::kConv:
      case ir::OpKind::kGemm:
        break;
      case ir::OpKind::kMaxPool:
      case ir::OpKind::kAveragePool:
      case ir::OpKind::kGlobalAveragePool:
      case ir::OpKind::kFlatten:
      case ir::OpKind::kConcat:
      case ir::OpKind::kAdd:
        result = result || all_inputs;
        break;
    }
    nonnegative[node.output] = result;
  }
  return nonnegative;
}

}  // namespace aie2sim::reduction
