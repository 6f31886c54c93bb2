// Work sharing for the block-sparse kernels: std::thread workers claiming indices from an atomic
// counter (dynamic scheduling; panels of a two-sided product differ in work).
//
// Why std::thread and not OpenMP: the library then needs no OpenMP runtime in any build (the
// clang sanitizer build included), and the cost of starting the workers per call, tens of
// microseconds, is under 1% of the smallest product the benchmark times.
#pragma once

#include <cstdint>
#include <functional>

namespace aie2sim::spgemm {

// Calls fn(worker, index) once for every index in [0, count), on min(threads, count) workers;
// worker is in [0, workers) and the calling thread is worker 0. Returns when all calls are done.
// Precondition (UserError otherwise): threads >= 1.
void ParallelFor(int64_t count, int threads, const std::function<void(int, int64_t)>& fn);

// min(threads, count), at least 1: the workers ParallelFor starts.
int Workers(int64_t count, int threads);

}  // namespace aie2sim::spgemm
