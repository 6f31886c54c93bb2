#include "compiler/reduction/block_counter.h"

#include <algorithm>
#include <cstdlib>

#include "sim/base/error.h"

namespace aie2sim::reduction {

BlockCounter::BlockCounter(const std::vector<int8_t>& weights, int64_t out_channels, int64_t groups,
                           int64_t taps, int64_t in_per_group)
    : weights_(weights),
      groups_(groups),
      taps_(taps),
      in_per_group_(in_per_group),
      row_(taps * in_per_group),
      col_blocks_((in_per_group + kVectorLanes - 1) / kVectorLanes) {
  AIE2SIM_CHECK(groups >= 1 && out_channels % groups == 0, "groups must divide out_channels");
  AIE2SIM_CHECK(static_cast<int64_t>(weights.size()) == out_channels * row_,
                "weights do not match the layer");
  const int64_t out_per_group = out_channels / groups;
  const int32_t blocks = static_cast<int32_t>(taps * col_blocks_);
  for (int64_t g = 0; g < groups; ++g) {
    for (int64_t begin = 0; begin < out_per_group; begin += kVectorLanes) {
      BlockRow row;
      row.group = g;
      row.co_begin = g * out_per_group + begin;
      row.co_end = g * out_per_group + std::min(out_per_group, begin + kVectorLanes);
      std::vector<int64_t> magnitude(static_cast<size_t>(blocks), 0);
      for (int32_t b = 0; b < blocks; ++b) {
        const int64_t t = b / col_blocks_, c = b % col_blocks_;
        const int64_t c_end = std::min(in_per_group, (c + 1) * kVectorLanes);
        bool any = false, positive = false;
        for (int64_t co = row.co_begin; co < row.co_end; ++co) {
          for (int64_t ci = c * kVectorLanes; ci < c_end; ++ci) {
            const int8_t w = weights_[co * row_ + t * in_per_group + ci];
            any = any || w != 0;
            positive = positive || w > 0;
            magnitude[b] += std::abs(static_cast<int>(w));
          }
        }
        if (!any) continue;
        (positive ? row.first : row.last).push_back(b);
        row.kept_elements += BlockSize(row, b);
      }
      std::stable_sort(row.last.begin(), row.last.end(),
                       [&](int32_t a, int32_t b) { return magnitude[a] > magnitude[b]; });
      rows_.push_back(std::move(row));
    }
  }
}

int64_t BlockCounter::BlockSize(const BlockRow& row, int32_t block) const {
  const int64_t c = block % col_blocks_;
  const int64_t cols = std::min(in_per_group_, (c + 1) * kVectorLanes) - c * kVectorLanes;
  return (row.co_end - row.co_begin) * cols;
}

int64_t BlockCounter::Contribution(int64_t co, int32_t block, const int8_t* group_patch) const {
  const int64_t t = block / col_blocks_, c = block % col_blocks_;
  const int64_t begin = t * in_per_group_ + c * kVectorLanes;
  const int64_t end = t * in_per_group_ + std::min(in_per_group_, (c + 1) * kVectorLanes);
  const int8_t* w = &weights_[co * row_];
  int64_t sum = 0;
  for (int64_t p = begin; p < end; ++p) sum += static_cast<int32_t>(w[p]) * group_patch[p];
  return sum;
}

bool BlockCounter::VectorLive(int32_t block, const int8_t* group_patch) const {
  const int64_t t = block / col_blocks_, c = block % col_blocks_;
  const int64_t begin = t * in_per_group_ + c * kVectorLanes;
  const int64_t end = t * in_per_group_ + std::min(in_per_group_, (c + 1) * kVectorLanes);
  for (int64_t p = begin; p < end; ++p) {
    if (group_patch[p] != 0) return true;
  }
  return false;
}

bool BlockCounter::CountRow(const BlockRow& row, const std::vector<TilePixel>& tile, bool predict,
                            MethodCounts& counts) const {
  const int64_t pixels = static_cast<int64_t>(tile.size());
  counts.block_compressed += pixels * row.kept_elements;
  auto live_work = [&](int32_t block) {
    int64_t work = 0;
    for (const TilePixel& pixel : tile) {
      if (VectorLive(block, pixel.patch + row.group * row_)) work += BlockSize(row, block);
    }
    return work;
  };
  for (const int32_t block : row.first) counts.block_proposal2 += live_work(block);
  if (!predict) {
    for (const int32_t block : row.last) counts.block_proposal2 += live_work(block);
    return false;
  }
  // Partial sums after the first phase: the full accumulator minus the non-positive blocks.
  const int64_t channels = row.co_end - row.co_begin;
  std::vector<int64_t> partial(static_cast<size_t>(pixels * channels));
  for (int64_t p = 0; p < pixels; ++p) {
    const int8_t* patch = tile[p].patch + row.group * row_;
    for (int64_t i = 0; i < channels; ++i) {
      int64_t sum = tile[p].accumulator[row.co_begin + i];
      for (const int32_t block : row.last) sum -= Contribution(row.co_begin + i, block, patch);
      partial[p * channels + i] = sum;
    }
  }
  auto all_negative = [&] {
    return std::all_of(partial.begin(), partial.end(), [](int64_t s) { return s < 0; });
  };
  for (const int32_t block : row.last) {
    if (all_negative()) return true;
    counts.block_proposal2 += live_work(block);
    for (int64_t p = 0; p < pixels; ++p) {
      const int8_t* patch = tile[p].patch + row.group * row_;
      for (int64_t i = 0; i < channels; ++i) {
        partial[p * channels + i] += Contribution(row.co_begin + i, block, patch);
      }
    }
  }
  return false;  // every block was multiplied: nothing was skipped
}

}  // namespace aie2sim::reduction
