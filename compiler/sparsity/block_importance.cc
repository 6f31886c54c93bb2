#include "compiler/sparsity/block_importance.h"

#include <cmath>
#include <random>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

namespace {

void CheckWeights(const BlockGrid& grid, const std::vector<float>& weights) {
  AIE2SIM_CHECK(static_cast<int64_t>(weights.size()) == grid.shape().elements(),
                "weights have " + std::to_string(weights.size()) + " values, the shape needs " +
                    std::to_string(grid.shape().elements()));
}

double Score(const BlockGrid& grid, Importance importance, const std::vector<float>& weights,
             int64_t g, int64_t r, int64_t c) {
  double sum = 0, sum_abs = 0, sum_sq = 0;
  grid.ForEachElement(g, r, c, [&](int64_t index) {
    const double w = weights[index];
    sum += w;
    sum_abs += std::fabs(w);
    sum_sq += w * w;
  });
  switch (importance) {
    case Importance::kL1:
      return sum_abs;
    case Importance::kL2:
      return std::sqrt(sum_sq);
    case Importance::kVariance: {
      // Two-pass for accuracy: the mean first, then the squared deviations.
      const double n = static_cast<double>(grid.BlockElements(r, c));
      const double mean = sum / n;
      double deviation = 0;
      grid.ForEachElement(g, r, c, [&](int64_t index) {
        const double d = weights[index] - mean;
        deviation += d * d;
      });
      return deviation / n;
    }
    case Importance::kExisting:
    case Importance::kRandom:
      break;
  }
  throw InternalError("WeightScores: importance " + std::string(ImportanceName(importance)) +
                      " is not a weight measure");
}

}  // namespace

std::vector<double> WeightScores(const BlockGrid& grid, Importance importance,
                                 const std::vector<float>& weights) {
  CheckWeights(grid, weights);
  std::vector<double> scores(grid.blocks());
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      for (int64_t c = 0; c < grid.cols(); ++c) {
        scores[grid.Index(g, r, c)] = Score(grid, importance, weights, g, r, c);
      }
    }
  }
  return scores;
}

std::vector<double> RandomScores(const BlockGrid& grid, uint64_t layer_seed) {
  std::mt19937_64 engine(layer_seed);
  std::vector<double> scores(grid.blocks());
  for (double& score : scores) score = std::ldexp(static_cast<double>(engine() >> 11), -53);
  return scores;
}

uint64_t LayerSeed(uint64_t seed, const std::string& layer_name) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (unsigned char c : layer_name) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  uint64_t z = seed ^ hash;  // splitmix64 finaliser
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<uint8_t> NonZeroBlocks(const BlockGrid& grid, const std::vector<float>& weights) {
  CheckWeights(grid, weights);
  std::vector<uint8_t> kept(grid.blocks(), 0);
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      for (int64_t c = 0; c < grid.cols(); ++c) {
        uint8_t any = 0;
        grid.ForEachElement(g, r, c, [&](int64_t index) { any |= weights[index] != 0.0f; });
        kept[grid.Index(g, r, c)] = any;
      }
    }
  }
  return kept;
}

}  // namespace aie2sim::sparsity
