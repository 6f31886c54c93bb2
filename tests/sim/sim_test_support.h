// Hand-built hardware configs and programs with known timing, for the SystemC model's tests.
//
// Configs are built as structs (no YAML loader); programs with the isa builders (no compiler,
// no validator). With the paper config one cycle is 1 ns, a stream moves 4 B/cycle (4096 B =
// 1024 cycles = 1.024 us) and a core does 256 MACs/cycle.
// Debug and sanitizer builds check the model's invariants (sim/model/invariants.h): programs
// that move data at the same time keep their buffers apart (SideAt), as a compiler would.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/arch/effects.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"
#include "sim/model/simulator.h"
#include "tests/unit/test_configs.h"

namespace aie2sim::sim_test {

inline constexpr double kNsPerCycle = 1.0;  // the paper config's 1000 MHz clock
inline constexpr double kBytesPerCycle = 4.0;
inline constexpr uint64_t kMacsPerCycle = 256;

// Seconds of `cycles` at the paper config's clock.
inline double CyclesToSeconds(double cycles) { return cycles * kNsPerCycle * 1e-9; }
// One picosecond: the model's time resolution and its rounding step per event.
inline constexpr double kPicosecond = 1e-12;

// An R x C paper-like array: 1000 MHz, 4 B/cycle streams and DDR channels, DDR total 16 B/cycle
// per column, 256 int8 MACs/cycle, 4096 B chunks, 64 KiB cores, 512 KiB memtiles; core DMA 2 S2MM
// + 2 MM2S, 16 BDs, 3 dims; memtile 2+R S2MM, max(2, 1+ceil(R/C)) MM2S, 48 BDs, 4 dims; shim
// 2+2, 16 BDs, 3 dims; locks 16 / 64 / 16; 4 GiB DDR; timing model paper, no overheads.
inline arch::HardwareConfig PaperConfig(uint32_t rows = 4, uint32_t columns = 4) {
  arch::HardwareConfig config = test_support::PaperConfig(rows, columns);
  config.name = "sim-test-paper-" + std::to_string(rows) + "x" + std::to_string(columns);
  config.ddr.total_gb_per_s = 16.0 * columns;  // never the bottleneck in these tests
  return config;
}

// The same array in realistic mode with the given overheads (cycles) and kernel efficiency, every
// effect switch on (HardwareConfig's defaults: AIE2's switch ports 6 up / 4 down / 4 east-west,
// 16 B/cycle memory banks).
inline arch::HardwareConfig RealisticConfig(uint32_t rows, uint32_t columns,
                                            arch::OverheadParams overheads,
                                            double hop_latency_cycles, double kernel_efficiency) {
  arch::HardwareConfig config = PaperConfig(rows, columns);
  config.name = "sim-test-realistic";
  config.timing_model = arch::TimingModel::kRealistic;
  config.overheads = overheads;
  config.stream.hop_latency_cycles = hop_latency_cycles;
  config.core.kernel_efficiency = kernel_efficiency;
  return config;
}

// `config` in realistic mode with exactly one effect switched on (its parameters as they are).
inline arch::HardwareConfig OnlyEffect(arch::HardwareConfig config, arch::Effect effect) {
  config.timing_model = arch::TimingModel::kRealistic;
  for (arch::Effect other : arch::kEffects) arch::EffectSwitch(config.effects, other) = false;
  arch::EffectSwitch(config.effects, effect) = true;
  return config;
}

// Simulates `program` (once per process: SystemC elaborates one design per process).
inline model::SimResult RunModel(const arch::HardwareConfig& config, const isa::Program& program,
                                 const model::SimOptions& options = {}) {
  return model::Simulate(config, program, options);
}

// The stats of `engine`; fails the test (and returns an empty record) if it did not run.
inline model::EngineStats StatsOf(const model::SimResult& result, const std::string& engine) {
  for (const model::EngineStats& stats : result.engines) {
    if (stats.engine == engine) return stats;
  }
  ADD_FAILURE() << "no stats for " << engine;
  return model::EngineStats{};
}

// ---- program pieces -------------------------------------------------------------------------

inline isa::Layer* AddLayer(isa::Program* program, const std::string& name) {
  if (program->version() == 0) program->set_version(isa::kProgramVersion);
  isa::Layer* layer = program->add_layers();
  layer->set_name(name);
  layer->set_op("Conv");
  return layer;
}

inline isa::Group* AddGroup(isa::Layer* layer, const std::string& name, uint32_t iterations,
                            isa::GroupKind kind = isa::GROUP_BODY) {
  isa::Group* group = layer->add_groups();
  group->set_name(name);
  group->set_kind(kind);
  group->set_iterations(iterations);
  return group;
}

inline void Append(isa::Group* group, const isa::Engine& engine,
                   const isa::Instruction& instruction) {
  *isa::StreamFor(group, engine)->add_instructions() = instruction;
}

// One side of route `route` moving `bytes` (contiguous at address 0) on `engine`.
inline void Side(isa::Group* group, const isa::Engine& engine, uint32_t route, uint32_t bytes,
                 isa::DataKind data = isa::ACTIVATIONS) {
  Append(group, engine, isa::TransferOp(route, data, isa::MakeBuffer(isa::Contiguous(0, bytes))));
}

// One side of route `route` moving `bytes` contiguous at `address` of the engine's memory.
inline void SideAt(isa::Group* group, const isa::Engine& engine, uint32_t route, uint32_t bytes,
                   uint64_t address, isa::DataKind data = isa::ACTIVATIONS) {
  Append(group, engine,
         isa::TransferOp(route, data, isa::MakeBuffer(isa::Contiguous(address, bytes))));
}

// Both sides of a transfer: `source` sends `bytes` to every destination over route `route`.
inline void Move(isa::Group* group, const isa::Engine& source,
                 const std::vector<isa::Engine>& destinations, uint32_t route, uint32_t bytes,
                 isa::DataKind data = isa::ACTIVATIONS) {
  Side(group, source, route, bytes, data);
  for (const isa::Engine& destination : destinations) Side(group, destination, route, bytes, data);
}

inline void Compute(isa::Group* group, uint32_t row, uint32_t column, uint64_t macs,
                    double density = 1.0) {
  isa::Compute compute;
  compute.set_kernel(isa::CONV);
  compute.set_macs(macs);
  compute.set_density(density);
  Append(group, isa::CoreProcessor(row, column), isa::ComputeOp(compute));
}

inline void Acquire(isa::Group* group, const isa::Engine& engine, uint32_t lock, uint32_t value,
                    int32_t column_offset = 0) {
  Append(group, engine, isa::AcquireOp(lock, value, column_offset));
}

inline void Release(isa::Group* group, const isa::Engine& engine, uint32_t lock, uint32_t value,
                    int32_t column_offset = 0) {
  Append(group, engine, isa::ReleaseOp(lock, value, column_offset));
}

// ---- the paper's ping/pong body -------------------------------------------------------------

// Core-tile locks of the ping/pong idiom.
enum PingPongLock : uint32_t { kInProd = 0, kInCons = 1, kOutProd = 2, kOutCons = 3 };

// Route ids used by AddPingPongGroup in column c: LOADFM 100 + c, WRITEFM of core row r
// 200 + 16 * c + r.
// Its buffers: the memtile sends from 0 and receives core row r's output at
// kMemtileOutAddress + r * store_bytes; a core receives at 0 and sends from kCoreOutAddress.
inline constexpr uint64_t kMemtileOutAddress = 256 * 1024;
inline constexpr uint64_t kCoreOutAddress = 32 * 1024;
inline uint32_t LoadRoute(uint32_t column) { return 100 + column; }
inline uint32_t StoreRoute(uint32_t row, uint32_t column) { return 200 + 16 * column + row; }

// Adds a group of `iterations` running the paper's LOADFM -> COMP -> WRITEFM pipeline on the
// cores of `rows` rows of column `column`: memtile(c).mm2s0 broadcasts `load_bytes` to
// core(r,c).s2mm0 (acq in_prod 1; recv; rel in_cons 1); core(r,c).proc does acq in_cons 1;
// acq out_prod 1; compute `macs`; rel in_prod 1; rel out_cons 1; core(r,c).mm2s0 does
// acq out_cons 1; send `store_bytes`; rel out_prod 1 to memtile(c).s2mm(r). Also adds the routes
// and the lock inits (in_prod = out_prod = 2, in_cons = out_cons = 0) to `layer`.
// Timing: L = load_bytes / 4, C = macs / 256, S = store_bytes / 4 cycles; the group takes
// L + C + S + (iterations - 1) * max(L, C, S).
inline isa::Group* AddPingPongGroup(isa::Layer* layer, const std::string& name, uint32_t column,
                                    uint32_t rows, uint32_t iterations, uint32_t load_bytes,
                                    uint64_t macs, uint32_t store_bytes) {
  isa::Group* group = AddGroup(layer, name, iterations);
  const isa::Engine loader = isa::MemtileChannel(column, isa::MM2S, 0);
  std::vector<isa::Engine> receivers;
  for (uint32_t row = 0; row < rows; ++row) {
    receivers.push_back(isa::CoreChannel(row, column, isa::S2MM, 0));
  }
  isa::AddRoute(layer, LoadRoute(column), loader, receivers);
  Side(group, loader, LoadRoute(column), load_bytes);
  for (uint32_t row = 0; row < rows; ++row) {
    for (uint32_t lock : {kInProd, kInCons, kOutProd, kOutCons}) {
      isa::AddLockInit(layer, isa::CORE, column, row, lock,
                       lock == kInProd || lock == kOutProd ? 2 : 0);
    }
    const isa::Engine in = isa::CoreChannel(row, column, isa::S2MM, 0);
    Acquire(group, in, kInProd, 1);
    Side(group, in, LoadRoute(column), load_bytes);
    Release(group, in, kInCons, 1);

    const isa::Engine proc = isa::CoreProcessor(row, column);
    Acquire(group, proc, kInCons, 1);
    Acquire(group, proc, kOutProd, 1);
    Compute(group, row, column, macs);
    Release(group, proc, kInProd, 1);
    Release(group, proc, kOutCons, 1);

    const isa::Engine out = isa::CoreChannel(row, column, isa::MM2S, 0);
    const isa::Engine sink = isa::MemtileChannel(column, isa::S2MM, row);
    isa::AddRoute(layer, StoreRoute(row, column), out, {sink});
    Acquire(group, out, kOutCons, 1);
    SideAt(group, out, StoreRoute(row, column), store_bytes, kCoreOutAddress, isa::OUTPUT);
    Release(group, out, kOutProd, 1);
    SideAt(group, sink, StoreRoute(row, column), store_bytes,
           kMemtileOutAddress + uint64_t{row} * store_bytes, isa::OUTPUT);
  }
  return group;
}

// The pipelined time of such a group, in cycles.
inline double PingPongCycles(double load, double compute, double store, uint32_t iterations) {
  return load + compute + store + (iterations - 1) * std::max({load, compute, store});
}

}  // namespace aie2sim::sim_test
