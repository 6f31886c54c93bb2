// Google Benchmark: block-sparse GEMM on the CPU (compiler/spgemm, PAPER.md §2), the seed paper's
// 1x1-versus-8x8 experiment, against the baselines a user would pick: dense GEMM from OpenBLAS
// (CBLAS) and Eigen's SparseMatrix product on the same kept elements.
//
// Every benchmark is named KERNEL/BLOCK/PRECISION/N/DENSITY/THREADS (square N x N x N products):
//  - one_sided/HxW: C = A · (ΓB), B in HxW blocks with DENSITY of its blocks kept;
//  - two_sided/HxW: C = (ΓA)(ΩB), both operands at DENSITY (A in the transposed block shape);
//  - eigen/HxW: dense A (column-major) times Eigen::SparseMatrix B (column-major) holding the
//    kept elements of the HxW mask of one_sided/HxW at the same N and DENSITY (float, double);
//  - openblas/dense: cblas_sgemm / cblas_dgemm on the dense matrices (DENSITY 1).
// Counter effective_multiply_adds: the multiply-adds of kept blocks (twice that is the effective
// operation count; openblas: N^3). int8 (int32 accumulation) has no Eigen or OpenBLAS baseline.
//
// The grid is chosen with --grid=quick|default|full (scripts/bench-sparse-gemm); the usual
// --benchmark_* flags apply. The context records the OpenBLAS core, its configuration and
// whether Eigen runs multi-threaded (OpenMP).
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <vector>

#include "compiler/spgemm/spgemm.h"

namespace aie2sim::spgemm {
namespace {

struct Grid {
  std::vector<int64_t> sizes;
  std::vector<double> densities;
  std::vector<std::string> precisions;
  std::vector<BlockShape> blocks;        // at every density
  std::vector<BlockShape> extra_blocks;  // at kExtraDensity only
  std::vector<int64_t> two_sided_sizes;  // two_sided 1x1 and 8x8 at kExtraDensity
  std::vector<int64_t> eigen_1x1_sizes;  // eigen/1x1 (vs one_sided/1x1) at kExtraDensity
  int64_t target_size = 2048;            // the target figures: float at kExtraDensity
  int repetitions = 3;  // per benchmark; at N >= target_size only the target figures
                        // are repeated, the rest run once
};
constexpr double kExtraDensity = 0.5;

Grid GridNamed(const std::string& name) {
  Grid grid;
  if (name == "quick") {
    grid.sizes = {512};
    grid.densities = {0.1, 0.5, 0.9};
    grid.precisions = {"float"};
    grid.blocks = {{1, 1}, {8, 8}};
    grid.eigen_1x1_sizes = {512};
    grid.target_size = 512;
    return grid;
  }
  grid.sizes = {512, 1024, 2048};
  grid.densities = {0.1, 0.25, 0.5, 0.75, 0.9};
  grid.precisions = {"float", "double", "int8"};
  grid.blocks = {{1, 1}, {8, 8}};
  grid.extra_blocks = {{4, 4}, {16, 4}, {4, 16}};
  grid.two_sided_sizes = {512, 1024};
  grid.eigen_1x1_sizes = {512, 1024, 2048};
  grid.target_size = 2048;
  if (name == "full") {
    grid.sizes.push_back(4096);
    grid.two_sided_sizes.push_back(2048);
    grid.eigen_1x1_sizes.push_back(4096);
  } else if (name != "default") {
    std::fprintf(stderr, "sparse_gemm_bench: --grid=%s: not one of quick, default, full\n",
                 name.c_str());
    std::exit(2);
  }
  return grid;
}

template <typename T>
DenseMatrix<T> RandomMatrix(int64_t rows, int64_t cols, uint64_t seed) {
  std::mt19937_64 engine(seed);
  DenseMatrix<T> matrix(rows, cols);
  std::uniform_int_distribution<int> small(-8, 8);
  for (T& value : matrix.data) value = static_cast<T>(small(engine));
  return matrix;
}

// The benchmarks of one (N, precision) share A and the dense B; those of one (N, block, density)
// share the mask (seeded by the three, so every precision and kernel sees the same mask).
template <typename T>
const std::pair<DenseMatrix<T>, DenseMatrix<T>>& Operands(int64_t n) {
  static std::map<int64_t, std::unique_ptr<std::pair<DenseMatrix<T>, DenseMatrix<T>>>> cache;
  auto& entry = cache[n];
  if (!entry) {
    cache.clear();  // one N at a time: the grid is registered N by N
    auto& fresh = cache[n];
    fresh = std::make_unique<std::pair<DenseMatrix<T>, DenseMatrix<T>>>(
        RandomMatrix<T>(n, n, 2 * n + 1), RandomMatrix<T>(n, n, 2 * n + 2));
    return *fresh;
  }
  return *entry;
}

const BlockMask& Mask(int64_t n, BlockShape block, double density, int side) {
  using Key = std::tuple<int64_t, int, int, long, int>;
  static std::map<Key, BlockMask> cache;
  const Key key{n, block.h, block.w, std::lround(density * 1e6), side};
  auto found = cache.find(key);
  if (found == cache.end()) {
    const uint64_t seed = static_cast<uint64_t>(n) * 1000003u + block.h * 101u + block.w * 7u +
                          static_cast<uint64_t>(std::lround(density * 1000)) * 13u + side;
    // side 0: B (block x block), side 1: A of a two-sided product (the transposed shape).
    const BlockShape shape = side == 0 ? block : BlockShape{block.w, block.h};
    found = cache.emplace(key, RandomBlockMask(n, n, shape.h, shape.w, density, seed)).first;
  }
  return found->second;
}

// The last value built under `key`: the repetitions and thread counts of one case, registered
// one after the other, reuse their operands instead of rebuilding them. One slot per type.
template <typename V>
const V& Cached(const std::string& key, const std::function<V()>& make) {
  static std::string last;
  static std::unique_ptr<V> value;
  if (!value || key != last) {
    value.reset();
    value = std::make_unique<V>(make());
    last = key;
  }
  return *value;
}

std::string CaseKey(int64_t n, BlockShape block, double density) {
  return std::to_string(n) + "/" + ToString(block) + "/" + std::to_string(density);
}

void Finish(benchmark::State& state, int64_t multiply_adds) {
  state.counters["effective_multiply_adds"] = static_cast<double>(multiply_adds);
  state.counters["effective_gflops"] = benchmark::Counter(
      2.0 * static_cast<double>(multiply_adds) * static_cast<double>(state.iterations()) * 1e-9,
      benchmark::Counter::kIsRate);
}

template <typename T>
void OneSided(benchmark::State& state, int64_t n, BlockShape block, double density, int threads) {
  // Plain references, not a structured binding: clang 14 cannot capture one in a lambda.
  const DenseMatrix<T>& a = Operands<T>(n).first;
  const DenseMatrix<T>& b_dense = Operands<T>(n).second;
  const BlockSparseMatrix<T>& b = Cached<BlockSparseMatrix<T>>(
      CaseKey(n, block, density), [&] { return Compress(b_dense, Mask(n, block, density, 0)); });
  DenseMatrix<AccumulatorT<T>> c(n, n);
  for (auto _ : state) {
    MultiplyOneSided(a, b, &c, threads);
    benchmark::DoNotOptimize(c.data.data());
    benchmark::ClobberMemory();
  }
  Finish(state, OneSidedMultiplyAdds(n, b));
}

template <typename T>
void TwoSided(benchmark::State& state, int64_t n, BlockShape block, double density, int threads) {
  const DenseMatrix<T>& a_dense = Operands<T>(n).first;
  const DenseMatrix<T>& b_dense = Operands<T>(n).second;
  using Pair = std::pair<BlockSparseMatrix<T>, BlockSparseMatrix<T>>;
  const auto& [a, b] = Cached<Pair>(CaseKey(n, block, density), [&] {
    return Pair(Compress(a_dense, Mask(n, block, density, 1)),
                Compress(b_dense, Mask(n, block, density, 0)));
  });
  DenseMatrix<AccumulatorT<T>> c(n, n);
  for (auto _ : state) {
    MultiplyTwoSided(a, b, &c, threads);
    benchmark::DoNotOptimize(c.data.data());
    benchmark::ClobberMemory();
  }
  Finish(state, TwoSidedMultiplyAdds(a, b));
}

template <typename T>
void EigenSparse(benchmark::State& state, int64_t n, BlockShape block, double density,
                 int threads) {
  using DenseE = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using EigenOperands = std::pair<DenseE, Eigen::SparseMatrix<T>>;
  const auto& [a_eigen, b_eigen] = Cached<EigenOperands>(CaseKey(n, block, density), [&] {
    const auto& [a, b_dense] = Operands<T>(n);
    const BlockMask elements = ElementMask(Mask(n, block, density, 0));
    EigenOperands operands(DenseE(n, n), Eigen::SparseMatrix<T>(n, n));
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t k = 0; k < n; ++k) operands.first(i, k) = a.at(i, k);
    }
    std::vector<Eigen::Triplet<T>> triplets;
    triplets.reserve(static_cast<size_t>(elements.KeptBlocks()));
    for (int64_t k = 0; k < n; ++k) {
      for (int64_t j = 0; j < n; ++j) {
        if (elements.kept[k * n + j]) triplets.emplace_back(k, j, b_dense.at(k, j));
      }
    }
    operands.second.setFromTriplets(triplets.begin(), triplets.end());
    operands.second.makeCompressed();
    return operands;
  });
  DenseE c_eigen(n, n);
  Eigen::setNbThreads(threads);
  for (auto _ : state) {
    c_eigen.noalias() = a_eigen * b_eigen;
    benchmark::DoNotOptimize(c_eigen.data());
    benchmark::ClobberMemory();
  }
  Finish(state, n * static_cast<int64_t>(b_eigen.nonZeros()));
}

template <typename T>
void OpenBlasDense(benchmark::State& state, int64_t n, int threads) {
  const auto& [a, b] = Operands<T>(n);
  DenseMatrix<T> c(n, n);
  openblas_set_num_threads(threads);
  const int side = static_cast<int>(n);
  for (auto _ : state) {
    if constexpr (std::is_same_v<T, float>) {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, side, side, side, 1.0f, a.data.data(),
                  side, b.data.data(), side, 0.0f, c.data.data(), side);
    } else {
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, side, side, side, 1.0, a.data.data(),
                  side, b.data.data(), side, 0.0, c.data.data(), side);
    }
    benchmark::DoNotOptimize(c.data.data());
    benchmark::ClobberMemory();
  }
  Finish(state, n * n * n);
}

std::string Name(const std::string& kernel, const std::string& block, const std::string& precision,
                 int64_t n, double density, int threads) {
  char text[160];
  std::snprintf(text, sizeof(text), "%s/%s/%s/%lld/%.2f/%d", kernel.c_str(), block.c_str(),
                precision.c_str(), static_cast<long long>(n), density, threads);
  return text;
}

// Registers fn<float|double|int8>(state, args...) under `name`.
// Repetitions of one benchmark (its CSV figure is their median): grid.repetitions up to the
// target size; above it once, except the target figures (at target_size itself they are repeated
// like the rest). Long single runs at N = 2048 and 4096 keep the default grid within minutes.
int RepetitionsOf(const Grid& grid, const std::string& kernel, const std::string& block,
                  const std::string& precision, int64_t n, double density) {
  if (n < grid.target_size) return grid.repetitions;
  const bool target =
      precision == "float" &&
      (kernel == "openblas" ||
       (density == kExtraDensity &&
        (kernel == "eigen" || (kernel == "one_sided" && (block == "1x1" || block == "8x8")))));
  return n == grid.target_size && target ? grid.repetitions : 1;
}

template <template <typename> class Kernel, typename... Args>
void Register(const Grid& grid, const std::string& kernel, const std::string& block,
              const std::string& precision, int64_t n, double density, int threads, Args... args) {
  const std::string name = Name(kernel, block, precision, n, density, threads);
  benchmark::internal::Benchmark* bench = nullptr;
  if (precision == "float") {
    bench = benchmark::RegisterBenchmark(name.c_str(), Kernel<float>::Run, args...);
  } else if (precision == "double") {
    bench = benchmark::RegisterBenchmark(name.c_str(), Kernel<double>::Run, args...);
  } else {
    bench = benchmark::RegisterBenchmark(name.c_str(), Kernel<int8_t>::Run, args...);
  }
  bench->UseRealTime()
      ->Unit(benchmark::kMillisecond)
      ->MinTime(0.05)
      ->Repetitions(RepetitionsOf(grid, kernel, block, precision, n, density));
}

template <typename T>
struct OneSidedKernel {
  static void Run(benchmark::State& s, int64_t n, BlockShape b, double d, int t) {
    OneSided<T>(s, n, b, d, t);
  }
};
template <typename T>
struct TwoSidedKernel {
  static void Run(benchmark::State& s, int64_t n, BlockShape b, double d, int t) {
    TwoSided<T>(s, n, b, d, t);
  }
};
template <typename T>
struct EigenKernel {
  static void Run(benchmark::State& s, int64_t n, BlockShape b, double d, int t) {
    if constexpr (std::is_floating_point_v<T>) EigenSparse<T>(s, n, b, d, t);
  }
};
template <typename T>
struct OpenBlasKernel {
  static void Run(benchmark::State& s, int64_t n, int t) {
    if constexpr (std::is_floating_point_v<T>) OpenBlasDense<T>(s, n, t);
  }
};

bool Contains(const std::vector<int64_t>& values, int64_t value) {
  for (int64_t v : values) {
    if (v == value) return true;
  }
  return false;
}

void RegisterGrid(const Grid& grid) {
  const int all = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<int> thread_counts{1};
  if (all > 1) thread_counts.push_back(all);
  for (int64_t n : grid.sizes) {
    for (const std::string& precision : grid.precisions) {
      const bool floating = precision != "int8";
      for (int threads : thread_counts) {
        if (floating)
          Register<OpenBlasKernel>(grid, "openblas", "dense", precision, n, 1.0, threads, n,
                                   threads);
      }
      for (const BlockShape block : grid.blocks) {
        for (double density : grid.densities) {
          for (int threads : thread_counts) {
            Register<OneSidedKernel>(grid, "one_sided", ToString(block), precision, n, density,
                                     threads, n, block, density, threads);
            // Eigen on the 8x8 mask's elements at every density, on the 1x1 mask at 50%.
            // From the target size on, Eigen only in float (the target figures): its double
            // products at N = 2048 alone took a third of the default grid's time.
            const bool eigen = block.h == 8 ? true
                                            : block.h == 1 && density == kExtraDensity &&
                                                  Contains(grid.eigen_1x1_sizes, n);
            const bool eigen_size = precision == "float" || n < grid.target_size;
            if (floating && eigen && eigen_size) {
              Register<EigenKernel>(grid, "eigen", ToString(block), precision, n, density, threads,
                                    n, block, density, threads);
            }
          }
        }
      }
      for (const BlockShape block : grid.extra_blocks) {
        for (int threads : thread_counts) {
          Register<OneSidedKernel>(grid, "one_sided", ToString(block), precision, n, kExtraDensity,
                                   threads, n, block, kExtraDensity, threads);
        }
      }
      if (Contains(grid.two_sided_sizes, n)) {
        for (const BlockShape block : {BlockShape{1, 1}, BlockShape{8, 8}}) {
          // 1x1 merges two index lists per C element: seconds at N = 512 already, so only
          // the smallest size, in float.
          if (block.h == 1 && (n != grid.two_sided_sizes.front() || precision != "float")) {
            continue;
          }
          for (int threads : thread_counts) {
            Register<TwoSidedKernel>(grid, "two_sided", ToString(block), precision, n,
                                     kExtraDensity, threads, n, block, kExtraDensity, threads);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace aie2sim::spgemm

int main(int argc, char** argv) {
  std::string grid = "default";
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--grid=", 7) == 0) {
      grid = argv[i] + 7;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  aie2sim::spgemm::RegisterGrid(aie2sim::spgemm::GridNamed(grid));
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) return 2;
  benchmark::AddCustomContext("grid", grid);
  benchmark::AddCustomContext("openblas_core", openblas_get_corename());
  benchmark::AddCustomContext("openblas_config", openblas_get_config());
  benchmark::AddCustomContext("openblas_threads", std::to_string(openblas_get_num_threads()));
#ifdef EIGEN_HAS_OPENMP
  benchmark::AddCustomContext("eigen_threads", "OpenMP, Eigen::setNbThreads");
#else
  benchmark::AddCustomContext("eigen_threads", "single-threaded (built without OpenMP)");
#endif
  benchmark::AddCustomContext("spgemm_isa", AIE2SIM_SPGEMM_ISA);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
