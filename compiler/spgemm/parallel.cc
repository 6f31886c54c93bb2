#include "compiler/spgemm/parallel.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim::spgemm {

int Workers(int64_t count, int threads) {
  if (threads < 1) throw UserError("threads " + std::to_string(threads) + ": must be >= 1");
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, count)));
}

void ParallelFor(int64_t count, int threads, const std::function<void(int, int64_t)>& fn) {
  const int workers = Workers(count, threads);
  std::atomic<int64_t> next{0};
  auto work = [&](int worker) {
    for (int64_t index = next++; index < count; index = next++) fn(worker, index);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (int worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace aie2sim::spgemm
