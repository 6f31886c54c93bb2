// Google Benchmark: compiling and estimating the shipped networks (pure logic, no SystemC).
// Run through scripts/bench, which compares the figures with tests/bench/baseline.json.
#include <benchmark/benchmark.h>

#include "compiler/codegen/compile.h"
#include "compiler/frontend/workload_loader.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/config_loader.h"

namespace aie2sim {
namespace {

arch::HardwareConfig Config(const std::string& mesh) {
  return arch::LoadHardwareConfig(std::string(AIE2SIM_SOURCE_DIR) + "/configs/paper-" + mesh +
                                  ".yaml");
}

void BM_Compile(benchmark::State& state, const std::string& workload, const std::string& mesh) {
  const ir::Graph graph = frontend::LoadWorkload(workload, 0);
  const arch::HardwareConfig config = Config(mesh);
  int64_t layers = 0;
  for (auto _ : state) {
    const isa::Program program = codegen::CompileGraph(graph, config, {});
    layers = program.layers_size();
    benchmark::DoNotOptimize(layers);
  }
  state.counters["layers"] = static_cast<double>(layers);
}

void BM_Estimate(benchmark::State& state, const std::string& workload, const std::string& mesh) {
  const ir::Graph graph = frontend::LoadWorkload(workload, 0);
  const arch::HardwareConfig config = Config(mesh);
  const isa::Program program = codegen::CompileGraph(graph, config, {});
  for (auto _ : state) {
    const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {true});
    benchmark::DoNotOptimize(estimate.total);
  }
}

BENCHMARK_CAPTURE(BM_Compile, resnet50_paper_4x4, "resnet50", "4x4")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, resnet50_paper_8x8, "resnet50", "8x8")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Estimate, resnet50_paper_4x4, "resnet50", "4x4")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Estimate, resnet50_paper_8x8, "resnet50", "8x8")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace aie2sim

BENCHMARK_MAIN();
