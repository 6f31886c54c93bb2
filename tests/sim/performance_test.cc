// Simulation speed on a ResNet50-sized program: 50 layers on an 8x8 array (448 engines), about
// 100k transfers. Each layer: LOAD + LOADW per column (DDR -> memtile), LOADWM per row, a
// ping/pong body of 28 iterations on all 64 cores, WRITE per column (memtile -> DDR). Checks
// the exact paper-mode time and prints the simulation rate (events per wall-clock second; the
// rate is checked by scripts/bench, not here).
#include <cstdio>

#include <gtest/gtest.h>

#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::MemtileChannel;
using isa::ShimChannel;

constexpr uint32_t kSize = 8;  // rows = columns
constexpr uint32_t kLayers = 50;
constexpr uint32_t kIterations = 28;
constexpr uint32_t kActivationBytes = 64 * 1024;  // per column, LOAD and WRITE
constexpr uint32_t kWeightBytes = 16 * 1024;      // per row, LOADW and LOADWM
constexpr uint32_t kLoadFmBytes = 8192;
constexpr uint64_t kComputeCycles = 1800;
constexpr uint32_t kWriteFmBytes = 2048;

void AddLayerLikeResNet(isa::Program* program, uint32_t index) {
  isa::Layer* layer = AddLayer(program, "conv" + std::to_string(index));
  isa::Group* load = AddGroup(layer, "load", 1, isa::GROUP_LOAD);
  isa::Group* weights = AddGroup(layer, "weights", 1, isa::GROUP_WEIGHTS);
  for (uint32_t column = 0; column < kSize; ++column) {
    isa::AddRoute(layer, 1000 + column, ShimChannel(column, isa::MM2S, 0),
                  {MemtileChannel(column, isa::S2MM, 0)});
    Move(load, ShimChannel(column, isa::MM2S, 0), {MemtileChannel(column, isa::S2MM, 0)},
         1000 + column, kActivationBytes);
    isa::AddRoute(layer, 1100 + column, ShimChannel(column, isa::MM2S, 1),
                  {MemtileChannel(column, isa::S2MM, 1)});
    Side(load, ShimChannel(column, isa::MM2S, 1), 1100 + column, kWeightBytes, isa::WEIGHTS);
    SideAt(load, MemtileChannel(column, isa::S2MM, 1), 1100 + column, kWeightBytes,
           kActivationBytes, isa::WEIGHTS);  // beside the activations
    // Memtile `column` sends the weights of core row `column` along the row.
    std::vector<isa::Engine> row;
    for (uint32_t other = 0; other < kSize; ++other) {
      row.push_back(CoreChannel(column, other, isa::S2MM, 1));
    }
    isa::AddRoute(layer, 1200 + column, MemtileChannel(column, isa::MM2S, 1), row);
    SideAt(weights, MemtileChannel(column, isa::MM2S, 1), 1200 + column, kWeightBytes,
           kActivationBytes, isa::WEIGHTS);
    for (const isa::Engine& core : row)
      Side(weights, core, 1200 + column, kWeightBytes, isa::WEIGHTS);
  }
  isa::Group* body = AddPingPongGroup(layer, "body", 0, kSize, kIterations, kLoadFmBytes,
                                      kComputeCycles * kMacsPerCycle, kWriteFmBytes);
  for (uint32_t column = 1; column < kSize; ++column) {
    isa::Layer scratch;
    const isa::Group* other =
        AddPingPongGroup(&scratch, "body", column, kSize, kIterations, kLoadFmBytes,
                         kComputeCycles * kMacsPerCycle, kWriteFmBytes);
    for (const isa::Stream& stream : other->streams()) *body->add_streams() = stream;
    for (const isa::Route& route : scratch.routes()) *layer->add_routes() = route;
    for (const isa::LockInit& init : scratch.lock_inits()) *layer->add_lock_inits() = init;
  }
  isa::Group* store = AddGroup(layer, "store", 1, isa::GROUP_STORE);
  for (uint32_t column = 0; column < kSize; ++column) {
    isa::AddRoute(layer, 1300 + column, MemtileChannel(column, isa::MM2S, 0),
                  {ShimChannel(column, isa::S2MM, 0)});
    Side(store, MemtileChannel(column, isa::MM2S, 0), 1300 + column, kActivationBytes, isa::OUTPUT);
    SideAt(store, ShimChannel(column, isa::S2MM, 0), 1300 + column, kActivationBytes,
           uint64_t{column} * kActivationBytes, isa::OUTPUT);  // each column its own DDR slice
  }
}

TEST(Performance, ResNet50SizedProgramSimulatesQuickly) {
  isa::Program program;
  for (uint32_t layer = 0; layer < kLayers; ++layer) AddLayerLikeResNet(&program, layer);

  const model::SimResult result = RunModel(PaperConfig(kSize, kSize), program);

  const double layer_cycles = kActivationBytes / kBytesPerCycle +  // LOAD and LOADW in parallel
                              kWeightBytes / kBytesPerCycle +      // LOADWM
                              PingPongCycles(kLoadFmBytes / kBytesPerCycle, kComputeCycles,
                                             kWriteFmBytes / kBytesPerCycle, kIterations) +
                              kActivationBytes / kBytesPerCycle;  // WRITE
  EXPECT_NEAR(result.total_s, kLayers * CyclesToSeconds(layer_cycles), kLayers * kPicosecond);
  const uint64_t transfers =
      uint64_t{kLayers} * (kSize * 4 + kIterations * (kSize + kSize * kSize));
  EXPECT_GE(transfers, 100000u);
  std::printf("%llu transfers, %llu events in %.3f s wall: %.2f M events/s\n",
              static_cast<unsigned long long>(transfers),
              static_cast<unsigned long long>(result.events), result.sim_wall_s,
              result.events / result.sim_wall_s * 1e-6);
  RecordProperty("events", std::to_string(result.events));
  RecordProperty("wall_s", std::to_string(result.sim_wall_s));
  // The rate is information only: speed targets are checked by scripts/bench, not by a test.
}

}  // namespace
}  // namespace aie2sim::sim_test
