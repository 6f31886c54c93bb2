#include "compiler/reference/network_input.h"

#include <random>

#include "sim/base/error.h"

namespace aie2sim::reference {

NetworkInput RandomInput(const ir::Graph& graph, uint64_t seed) {
  std::mt19937_64 engine(seed);
  NetworkInput input;
  input.source = "random int8, seed " + std::to_string(seed);
  for (const int tensor : graph.inputs) {
    std::vector<int8_t> values(static_cast<size_t>(graph.tensor(tensor).shape.elements()));
    for (int8_t& value : values)
      value = static_cast<int8_t>(static_cast<int>(engine() >> 56) - 128);
    input.tensors.push_back(std::move(values));
    input.exponents.push_back(kInputExponent);
  }
  return input;
}

void CheckInputMatches(const ir::Graph& graph, const NetworkInput& input) {
  AIE2SIM_CHECK(
      input.tensors.size() == graph.inputs.size() && input.exponents.size() == graph.inputs.size(),
      "the network input has " + std::to_string(input.tensors.size()) + " tensors for " +
          std::to_string(graph.inputs.size()) + " graph inputs");
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const ir::Tensor& tensor = graph.tensor(graph.inputs[i]);
    AIE2SIM_CHECK(static_cast<int64_t>(input.tensors[i].size()) == tensor.shape.elements(),
                  "input " + tensor.name + " has " + std::to_string(input.tensors[i].size()) +
                      " values for shape " + ir::ToString(tensor.shape));
  }
}

}  // namespace aie2sim::reference
