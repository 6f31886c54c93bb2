#include "compiler/reference/synthetic_weights.h"

#include <cmath>
#include <random>
#include <string>

#include "compiler/sparsity/block_grid.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

uint64_t Fnv1a(const std::string& text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Uniform in [-bound, bound) from one draw.
float Uniform(std::mt19937_64& engine, double bound) {
  const double unit = static_cast<double>(engine() >> 11) * 0x1p-53;
  return static_cast<float>(bound * (2.0 * unit - 1.0));
}

}  // namespace

ir::WeightData SyntheticWeights(const ir::Graph& graph, const ir::Node& node, uint64_t seed) {
  AIE2SIM_CHECK(ir::HasWeights(node.op), "synthetic weights for " + node.name + ", which has none");
  const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
  std::mt19937_64 engine(SplitMix64(SplitMix64(seed) ^ Fnv1a(node.name)));
  const double fan_in = static_cast<double>(shape.kernel_elems * shape.in_per_group);
  ir::WeightData data;
  data.values.resize(static_cast<size_t>(shape.elements()));
  const double weight_bound = std::sqrt(6.0 / fan_in);
  for (float& w : data.values) w = Uniform(engine, weight_bound);
  if (node.conv.has_bias) {
    data.bias.resize(static_cast<size_t>(shape.out_channels));
    const double bias_bound = 1.0 / std::sqrt(fan_in);
    for (float& b : data.bias) b = Uniform(engine, bias_bound);
  }
  return data;
}

void ZeroDroppedBlocks(const ir::Graph& graph, const ir::Node& node, std::vector<float>& values) {
  const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
  AIE2SIM_CHECK(static_cast<int64_t>(values.size()) == shape.elements(),
                node.name + ": weights do not match the node's shape");
  if (node.mask.dense()) return;
  const sparsity::BlockGrid grid = sparsity::BlockGrid::OfMask(shape, node.mask);
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      for (int64_t c = 0; c < grid.cols(); ++c) {
        if (node.mask.kept[grid.Index(g, r, c)]) continue;
        grid.ForEachElement(g, r, c, [&](int64_t index) { values[index] = 0.0f; });
      }
    }
  }
}

ir::WeightData NodeFloatWeights(const ir::Graph& graph, const ir::Node& node, uint64_t seed) {
  ir::WeightData data = node.weights ? *node.weights : SyntheticWeights(graph, node, seed);
  ZeroDroppedBlocks(graph, node, data.values);
  AIE2SIM_CHECK(
      data.bias.empty() || static_cast<int64_t>(data.bias.size()) == node.conv.out_channels,
      node.name + ": bias does not match the output channels");
  return data;
}

}  // namespace aie2sim::reference
