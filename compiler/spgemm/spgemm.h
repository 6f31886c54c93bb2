// Block-sparse matrix products on the CPU (PAPER.md §2), the experiment behind the paper's choice
// of 8x8 blocks: at an equal number of effective multiply-adds, dense fixed-size block products
// run far faster than unstructured (1x1) ones.
//
//  - One-sided, C = A · (ΓB): A dense M x K, B block-sparse K x N in CBR. Each worker takes a
//    panel of A's rows, packs it, and walks B by block column (the column view), keeping the
//    panel's C tile of that block column in registers while it accumulates the kept blocks.
//  - Two-sided, C = (ΓA)(ΩB): both operands block-sparse. C's block (i, j) is the sum over the
//    block pairs with both masks set, found by merging A's block row i (CBR, ascending block
//    columns) with B's block column j (column view, ascending block rows). A's blocks are the
//    transpose of B's: B in h x w blocks needs A in w x h blocks, so C's blocks are w x w.
//
// Block shapes (block_h x block_w of B): 1x1, 4x4, 8x8, 16x4, 4x16; each is its own template
// instance whose inner block product has a fixed size the compiler vectorises. Precisions:
// float, double, int8 (int32 accumulation and result). Multi-threaded over row panels
// (parallel.h). ISA: see kernels_isa.h (target_clones, CMake option AIE2SIM_SPGEMM_CLONES).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "compiler/spgemm/block_sparse_matrix.h"
#include "compiler/spgemm/dense_matrix.h"

namespace aie2sim::spgemm {

struct BlockShape {
  int h;
  int w;
};
inline constexpr std::array<BlockShape, 5> kBlockShapes{{{1, 1}, {4, 4}, {8, 8}, {16, 4}, {4, 16}}};

// "8x8" -> {8, 8}; UserError naming the text unless it is one of kBlockShapes.
BlockShape ParseBlockShape(const std::string& text);
std::string ToString(BlockShape shape);
// "1x1, 4x4, 8x8, 16x4, 4x16".
std::string KnownBlockShapes();

// The block shape of `matrix`; UserError "<what>: block shape HxW not supported (...)" unless it
// is in kBlockShapes.
template <typename T>
BlockShape SupportedShape(const BlockSparseMatrix<T>& matrix, const std::string& what);

// The largest inner dimension of an int8 product: 128 x 128 x K stays within int32.
inline constexpr int64_t kMaxInt8Inner = int64_t{1} << 17;

// UserError "<product>: A is MxK but B has R rows" unless a_cols == b_rows; for int8, also
// unless a_cols <= kMaxInt8Inner.
template <typename T>
void CheckInnerDimension(const std::string& product, int64_t a_rows, int64_t a_cols,
                         int64_t b_rows);

// C = A · B with B's zero blocks skipped. Preconditions (UserError otherwise): a.cols == b.rows
// (int8: at most kMaxInt8Inner),
// B's block shape in kBlockShapes, threads >= 1. C is resized to a.rows x b.cols and every
// element written.
template <typename T>
void MultiplyOneSided(const DenseMatrix<T>& a, const BlockSparseMatrix<T>& b,
                      DenseMatrix<AccumulatorT<T>>* c, int threads);

// C = A · B with only the block pairs whose blocks are both kept multiplied. Preconditions
// (UserError otherwise): a.cols == b.rows (int8: at most kMaxInt8Inner), B's block shape in
// kBlockShapes, A's block shape its transpose (a.block_h == b.block_w, a.block_w == b.block_h),
// threads >= 1.
template <typename T>
void MultiplyTwoSided(const BlockSparseMatrix<T>& a, const BlockSparseMatrix<T>& b,
                      DenseMatrix<AccumulatorT<T>>* c, int threads);

// Effective multiply-adds (the real elements of the multiplied blocks, edge padding excluded;
// twice this is the effective operation count): one-sided, rows x b.KeptElements(); two-sided,
// the sum over block pairs with both set of (real rows x real inner x real columns).
template <typename T>
int64_t OneSidedMultiplyAdds(int64_t rows, const BlockSparseMatrix<T>& b) {
  return rows * b.KeptElements();
}
template <typename T>
int64_t TwoSidedMultiplyAdds(const BlockSparseMatrix<T>& a, const BlockSparseMatrix<T>& b);

}  // namespace aie2sim::spgemm
