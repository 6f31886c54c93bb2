// Google Benchmark: the pure-logic stages of the toolchain on the shipped ResNet50 (no SystemC):
// loading the config and the workload, compiling, validating and estimating, on paper-4x4 and
// paper-8x8. Simulation runs in child processes (SystemC elaborates once per process), so
// scripts/bench times `aie2sim simulate` itself; it also compares every figure with
// tests/bench/baseline.json. Run by hand: build/compile_bench [--benchmark_filter=Compile].
#include <benchmark/benchmark.h>

#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_loader.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/config_loader.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

std::string ConfigPath(const std::string& mesh) {
  return std::string(AIE2SIM_SOURCE_DIR) + "/configs/paper-" + mesh + ".yaml";
}

arch::HardwareConfig Config(const std::string& mesh) {
  return arch::LoadHardwareConfig(ConfigPath(mesh));
}

void BM_LoadConfig(benchmark::State& state, const std::string& mesh) {
  const std::string path = ConfigPath(mesh);
  for (auto _ : state) {
    const arch::HardwareConfig config = arch::LoadHardwareConfig(path);
    benchmark::DoNotOptimize(config.array.rows);
  }
}

void BM_LoadWorkload(benchmark::State& state, const std::string& workload) {
  size_t nodes = 0;
  for (auto _ : state) {
    const ir::Graph graph = frontend::LoadWorkload(workload, 0);
    nodes = graph.nodes.size();
    benchmark::DoNotOptimize(nodes);
  }
  state.counters["layers"] = static_cast<double>(nodes);
}

void BM_Compile(benchmark::State& state, const std::string& workload, const std::string& mesh) {
  const ir::Graph graph = frontend::LoadWorkload(workload, 0);
  const arch::HardwareConfig config = Config(mesh);
  int64_t layers = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    const isa::Program program = driver::CompileGraph(graph, config, {});
    layers = program.layers_size();
    bytes = static_cast<int64_t>(program.ByteSizeLong());
    benchmark::DoNotOptimize(layers);
  }
  state.counters["layers"] = static_cast<double>(layers);
  state.counters["program_bytes"] = static_cast<double>(bytes);
}

void BM_Validate(benchmark::State& state, const std::string& workload, const std::string& mesh) {
  const arch::HardwareConfig config = Config(mesh);
  const isa::Program program =
      driver::CompileGraph(frontend::LoadWorkload(workload, 0), config, {});
  for (auto _ : state) {
    const std::vector<std::string> errors = isa::ValidateProgram(program, config);
    if (!errors.empty()) state.SkipWithError(errors.front().c_str());
    benchmark::DoNotOptimize(errors.size());
  }
}

void BM_Estimate(benchmark::State& state, const std::string& workload, const std::string& mesh) {
  const ir::Graph graph = frontend::LoadWorkload(workload, 0);
  const arch::HardwareConfig config = Config(mesh);
  const isa::Program program = driver::CompileGraph(graph, config, {});
  for (auto _ : state) {
    const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {true});
    benchmark::DoNotOptimize(estimate.total);
  }
}

BENCHMARK_CAPTURE(BM_LoadConfig, paper_8x8, "8x8")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LoadWorkload, resnet50, "resnet50")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, resnet50_paper_4x4, "resnet50", "4x4")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, resnet50_paper_8x8, "resnet50", "8x8")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Validate, resnet50_paper_4x4, "resnet50", "4x4")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Validate, resnet50_paper_8x8, "resnet50", "8x8")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Estimate, resnet50_paper_4x4, "resnet50", "4x4")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Estimate, resnet50_paper_8x8, "resnet50", "8x8")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace aie2sim

BENCHMARK_MAIN();
