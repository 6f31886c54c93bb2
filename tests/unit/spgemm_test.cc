// Block-sparse GEMM (compiler/spgemm): CBR storage and its column view, and the one- and
// two-sided products of every block shape and precision against a dense reference, over random
// masks, odd sizes, empty block rows and columns, 0% and 100% density, one and several threads.
#include "compiler/spgemm/spgemm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <string>
#include <type_traits>

#include "compiler/spgemm/parallel.h"
#include "sim/base/error.h"

namespace aie2sim::spgemm {
namespace {

template <typename T>
DenseMatrix<T> RandomMatrix(int64_t rows, int64_t cols, uint64_t seed) {
  std::mt19937_64 engine(seed);
  DenseMatrix<T> matrix(rows, cols);
  for (T& value : matrix.data) {
    if constexpr (std::is_integral_v<T>) {
      value = static_cast<T>(std::uniform_int_distribution<int>(-128, 127)(engine));
    } else {
      value = static_cast<T>(std::uniform_real_distribution<double>(-1.0, 1.0)(engine));
    }
  }
  return matrix;
}

// C = A · B in double (exact for int8: |sum| < 2^53), the reference of every product.
template <typename T>
DenseMatrix<double> Reference(const DenseMatrix<T>& a, const DenseMatrix<T>& b) {
  DenseMatrix<double> c(a.rows, b.cols);
  for (int64_t i = 0; i < a.rows; ++i) {
    for (int64_t k = 0; k < a.cols; ++k) {
      for (int64_t j = 0; j < b.cols; ++j) {
        c.at(i, j) += static_cast<double>(a.at(i, k)) * static_cast<double>(b.at(k, j));
      }
    }
  }
  return c;
}

// int8: equal; float and double: within a few rounding errors of the inner dimension's sum.
template <typename T, typename Acc>
void ExpectNear(const DenseMatrix<double>& expected, const DenseMatrix<Acc>& actual, int64_t inner,
                const std::string& what) {
  ASSERT_EQ(actual.rows, expected.rows) << what;
  ASSERT_EQ(actual.cols, expected.cols) << what;
  const double epsilon = std::is_same_v<T, float> ? 1e-6 : 1e-14;
  const double tolerance = std::is_integral_v<T> ? 0.0 : 4.0 * epsilon * static_cast<double>(inner);
  int64_t wrong = 0;
  for (int64_t i = 0; i < expected.rows; ++i) {
    for (int64_t j = 0; j < expected.cols; ++j) {
      const double difference = std::abs(expected.at(i, j) - static_cast<double>(actual.at(i, j)));
      if (difference > tolerance && wrong++ < 3) {
        ADD_FAILURE() << what << ": C(" << i << ", " << j << ") = " << actual.at(i, j)
                      << ", expected " << expected.at(i, j);
      }
    }
  }
  EXPECT_EQ(wrong, 0) << what;
}

// Masks with `lines` block rows and block columns emptied on top of a random mask.
BlockMask WithEmptyLines(BlockMask mask, int64_t lines) {
  const sparsity::BlockGrid& grid = mask.grid;
  for (int64_t line = 0; line < lines; ++line) {
    const int64_t row = (line * 3 + 1) % grid.rows();
    const int64_t col = (line * 5 + 2) % grid.cols();
    for (int64_t c = 0; c < grid.cols(); ++c) mask.kept[grid.Index(0, row, c)] = 0;
    for (int64_t r = 0; r < grid.rows(); ++r) mask.kept[grid.Index(0, r, col)] = 0;
  }
  return mask;
}

struct Case {
  int64_t m, k, n;
  double density;
  int empty_lines;
  int threads;
};

// Odd sides (partial edge blocks for every shape), both extremes of density, empty lines, and
// more threads than some products have panels.
constexpr Case kCases[] = {
    {37, 45, 29, 0.5, 0, 1}, {37, 45, 29, 0.0, 0, 3}, {37, 45, 29, 1.0, 0, 3},
    {64, 64, 64, 0.3, 2, 2}, {1, 17, 33, 0.6, 0, 4},  {50, 1, 7, 1.0, 0, 2},
    {33, 70, 19, 0.8, 3, 3},
};

template <typename T>
class SpgemmTest : public ::testing::Test {};
using Precisions = ::testing::Types<float, double, int8_t>;
struct PrecisionName {
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, float> ? "float" : std::is_same_v<T, double> ? "double" : "int8";
  }
};
TYPED_TEST_SUITE(SpgemmTest, Precisions, PrecisionName);

TYPED_TEST(SpgemmTest, OneSidedMatchesDenseReference) {
  using T = TypeParam;
  uint64_t seed = 1;
  for (const BlockShape shape : kBlockShapes) {
    for (const Case& test : kCases) {
      const std::string what = ToString(shape) + " m" + std::to_string(test.m) + " k" +
                               std::to_string(test.k) + " n" + std::to_string(test.n) +
                               " density " + std::to_string(test.density) + " threads " +
                               std::to_string(test.threads);
      const DenseMatrix<T> a = RandomMatrix<T>(test.m, test.k, ++seed);
      const DenseMatrix<T> b_full = RandomMatrix<T>(test.k, test.n, ++seed);
      const BlockMask mask =
          WithEmptyLines(RandomBlockMask(test.k, test.n, shape.h, shape.w, test.density, ++seed),
                         test.empty_lines);
      const BlockSparseMatrix<T> b = Compress(b_full, mask);
      DenseMatrix<AccumulatorT<T>> c;
      MultiplyOneSided(a, b, &c, test.threads);
      ExpectNear<T>(Reference(a, Expand(b)), c, test.k, "one-sided " + what);
      EXPECT_EQ(OneSidedMultiplyAdds(test.m, b), test.m * mask.KeptElements()) << what;
    }
  }
}

TYPED_TEST(SpgemmTest, TwoSidedMatchesDenseReference) {
  using T = TypeParam;
  uint64_t seed = 100;
  for (const BlockShape shape : kBlockShapes) {
    for (const Case& test : kCases) {
      const std::string what = ToString(shape) + " m" + std::to_string(test.m) + " k" +
                               std::to_string(test.k) + " n" + std::to_string(test.n) +
                               " density " + std::to_string(test.density);
      const BlockMask a_mask =
          WithEmptyLines(RandomBlockMask(test.m, test.k, shape.w, shape.h, test.density, ++seed),
                         test.empty_lines);
      const BlockMask b_mask =
          RandomBlockMask(test.k, test.n, shape.h, shape.w, 1.0 - test.density / 2, ++seed);
      const BlockSparseMatrix<T> a = Compress(RandomMatrix<T>(test.m, test.k, ++seed), a_mask);
      const BlockSparseMatrix<T> b = Compress(RandomMatrix<T>(test.k, test.n, ++seed), b_mask);
      DenseMatrix<AccumulatorT<T>> c(3, 3);  // resized by the product
      MultiplyTwoSided(a, b, &c, test.threads);
      const DenseMatrix<T> a_dense = Expand(a);
      const DenseMatrix<T> b_dense = Expand(b);
      ExpectNear<T>(Reference(a_dense, b_dense), c, test.k, "two-sided " + what);

      // Effective multiply-adds: element triples (i, k, j) with A(i, k) and B(k, j) both kept.
      const BlockMask a_elements = ElementMask(a_mask);
      const BlockMask b_elements = ElementMask(b_mask);
      int64_t triples = 0;
      for (int64_t i = 0; i < test.m; ++i) {
        for (int64_t k = 0; k < test.k; ++k) {
          if (!a_elements.kept[i * test.k + k]) continue;
          for (int64_t j = 0; j < test.n; ++j) triples += b_elements.kept[k * test.n + j];
        }
      }
      EXPECT_EQ(TwoSidedMultiplyAdds(a, b), triples) << what;
    }
  }
}

TEST(BlockSparseMatrix, CbrOrderColumnViewAndRoundTrip) {
  // 5 x 7 in 2x3 blocks: a 3 x 3 grid, partial last block row and column. Kept:
  //   1 0 1
  //   0 0 0
  //   0 1 1
  DenseMatrix<float> dense(5, 7);
  for (int64_t i = 0; i < 5; ++i) {
    for (int64_t j = 0; j < 7; ++j) dense.at(i, j) = static_cast<float>(10 * i + j);
  }
  BlockMask mask{MatrixGrid(5, 7, 2, 3), {1, 0, 1, 0, 0, 0, 0, 1, 1}};
  const BlockSparseMatrix<float> sparse = Compress(dense, mask);
  EXPECT_EQ(sparse.row_offsets, (std::vector<int64_t>{0, 2, 2, 4}));
  EXPECT_EQ(sparse.col_indices, (std::vector<int32_t>{0, 2, 1, 2}));
  EXPECT_EQ(sparse.col_offsets, (std::vector<int64_t>{0, 1, 2, 4}));
  EXPECT_EQ(sparse.row_indices, (std::vector<int32_t>{0, 2, 0, 2}));
  // The column view's values are the CBR blocks 0, 2, 1, 3 in that order.
  ASSERT_EQ(sparse.col_values.size(), sparse.values.size());
  const int order[] = {0, 2, 1, 3};
  for (int slot = 0; slot < 4; ++slot) {
    EXPECT_TRUE(std::equal(sparse.col_values.begin() + slot * 6,
                           sparse.col_values.begin() + slot * 6 + 6,
                           sparse.values.begin() + order[slot] * 6))
        << slot;
  }
  ASSERT_EQ(sparse.values.size(), 4u * 6u);
  // Block (0, 2): columns 6..8 of rows 0..1, of which only column 6 is real.
  EXPECT_EQ(std::vector<float>(sparse.values.begin() + 6, sparse.values.begin() + 12),
            (std::vector<float>{6, 0, 0, 16, 0, 0}));
  // Block (2, 1): row 4 only, columns 3..5.
  EXPECT_EQ(std::vector<float>(sparse.values.begin() + 12, sparse.values.begin() + 18),
            (std::vector<float>{43, 44, 45, 0, 0, 0}));
  EXPECT_EQ(sparse.KeptElements(), 6 + 2 + 3 + 1);
  EXPECT_EQ(sparse.KeptElements(), mask.KeptElements());

  const DenseMatrix<float> expanded = Expand(sparse);
  for (int64_t i = 0; i < 5; ++i) {
    for (int64_t j = 0; j < 7; ++j) {
      const bool kept = mask.kept[(i / 2) * 3 + j / 3];
      EXPECT_EQ(expanded.at(i, j), kept ? dense.at(i, j) : 0.0f) << i << "," << j;
    }
  }
}

TEST(BlockMask, RandomMaskHasTheRequestedDensityAndElementMaskTheSameElements) {
  const BlockMask mask = RandomBlockMask(100, 60, 8, 8, 0.25, 7);
  EXPECT_EQ(mask.KeptBlocks(), std::llround(0.25 * 13 * 8));
  EXPECT_EQ(RandomBlockMask(100, 60, 8, 8, 0.25, 7).kept, mask.kept);  // seeded
  EXPECT_NE(RandomBlockMask(100, 60, 8, 8, 0.25, 8).kept, mask.kept);
  const BlockMask elements = ElementMask(mask);
  EXPECT_EQ(elements.KeptBlocks(), mask.KeptElements());
  EXPECT_EQ(elements.grid.block_h(), 1);
  EXPECT_EQ(RandomBlockMask(9, 9, 4, 4, 0.0, 1).KeptBlocks(), 0);
  EXPECT_EQ(RandomBlockMask(9, 9, 4, 4, 1.0, 1).KeptBlocks(), 9);
  EXPECT_THROW(RandomBlockMask(9, 9, 4, 4, 1.5, 1), UserError);
}

TEST(ParallelFor, CallsEveryIndexOnceOnAtMostTheWorkersAsked) {
  for (const int threads : {1, 2, 5}) {
    std::vector<std::atomic<int>> calls(37);
    std::vector<std::atomic<int>> workers(threads);
    ParallelFor(37, threads, [&](int worker, int64_t index) {
      ++calls[index];
      ++workers[worker];
    });
    for (const auto& count : calls) EXPECT_EQ(count.load(), 1) << threads;
    int total = 0;
    for (const auto& count : workers) total += count.load();
    EXPECT_EQ(total, 37);
  }
  EXPECT_EQ(Workers(3, 8), 3);
  EXPECT_EQ(Workers(0, 8), 1);
  EXPECT_THROW(ParallelFor(4, 0, [](int, int64_t) {}), UserError);
}

TEST(Spgemm, BadOperandsAreUserErrors) {
  const DenseMatrix<float> a = RandomMatrix<float>(8, 16, 1);
  const BlockSparseMatrix<float> b8 =
      Compress(RandomMatrix<float>(16, 8, 2), RandomBlockMask(16, 8, 8, 8, 0.5, 3));
  const BlockSparseMatrix<float> b2 =
      Compress(RandomMatrix<float>(16, 8, 2), RandomBlockMask(16, 8, 2, 2, 0.5, 3));
  const BlockSparseMatrix<float> wide =
      Compress(RandomMatrix<float>(8, 16, 4), RandomBlockMask(8, 16, 16, 4, 0.5, 5));
  DenseMatrix<float> c;
  EXPECT_THROW(MultiplyOneSided(a, b2, &c, 1), UserError);  // unsupported shape
  EXPECT_THROW(MultiplyOneSided(RandomMatrix<float>(8, 15, 1), b8, &c, 1), UserError);
  EXPECT_THROW(MultiplyOneSided(a, b8, &c, 0), UserError);     // threads
  EXPECT_THROW(MultiplyTwoSided(wide, b8, &c, 1), UserError);  // not the transpose
  EXPECT_NO_THROW(MultiplyOneSided(a, b8, &c, 1));
  try {
    MultiplyOneSided(a, b2, &c, 1);
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(),
                 "one-sided product: B: block shape 2x2 not supported (1x1, 4x4, 8x8, 16x4, 4x16)");
  }
  // int8: an inner dimension past kMaxInt8Inner could overflow the int32 accumulator.
  const int64_t long_inner = kMaxInt8Inner + 1;
  const BlockSparseMatrix<int8_t> tall =
      Compress(DenseMatrix<int8_t>(long_inner, 1), RandomBlockMask(long_inner, 1, 1, 1, 0.5, 6));
  DenseMatrix<int32_t> c8;
  EXPECT_THROW(MultiplyOneSided(DenseMatrix<int8_t>(1, long_inner), tall, &c8, 1), UserError);
  EXPECT_EQ(ToString(ParseBlockShape("16x4")), "16x4");
  EXPECT_THROW(ParseBlockShape("8"), UserError);
}

}  // namespace
}  // namespace aie2sim::spgemm
