// HardwareConfig: the typed description of one AIE2 array and its timing parameters.
//
// This is aie2sim's target model (in the spirit of mlir-aie's AIETargetModel): the compiler and
// both time models ask it every "how many / how big / how fast" question; no such number is
// buried in code. It is parsed once from YAML by LoadHardwareConfig (config_loader.h), which
// validates every field; the structs below hold only validated values. Each field's unit is in
// its name or its comment; the YAML key is the dotted path of the field names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aie2sim::arch {

// Which time model the simulator applies. `paper` zeroes every overhead the paper ignores, so a
// simulation must equal the analytic estimate with fill/drain; `realistic` turns them on.
enum class TimingModel { kPaper, kRealistic };

// One tile's DMA engine: its channels (each one engine in a Program), buffer descriptors (BDs)
// shared by its channels, and how many dimensions one BD's address generator walks.
struct DmaParams {
  uint32_t s2mm_channels = 0;  // stream-to-memory (receiving) channels
  uint32_t mm2s_channels = 0;  // memory-to-stream (sending) channels
  uint32_t bds = 0;            // buffer descriptors per tile
  uint32_t address_dims = 0;   // dimensions of one BD's address pattern (AIE2: core 3, memtile 4)
};

// How the compiler lays out a core's data memory, from address 0 in this order: input ping,
// input pong, output ping, output pong, weights, scratch. All sizes in bytes.
struct CoreBuffers {
  uint64_t input_bytes = 0;    // one input activation buffer (there are two: ping and pong)
  uint64_t output_bytes = 0;   // one output activation buffer (two: ping and pong)
  uint64_t weight_bytes = 0;   // the weight buffer (one, loaded once per weight piece)
  uint64_t scratch_bytes = 0;  // kernel scratch (accumulators, stack)
};

// MACs per cycle of one core processor at full kernel efficiency, by operand data type.
struct MacsPerCycle {
  uint32_t int8 = 0;
  uint32_t int16 = 0;
  uint32_t bf16 = 0;
};

// Lanes of the vector unit for element-wise kernels, by element type (kernel classes).
struct VectorLanes {
  uint32_t int8 = 64;   // one 512-bit vector of int8
  uint32_t int16 = 32;  // AIE2: 32 accumulator lanes for int16 element-wise work
  uint32_t int32 = 16;
};

struct CoreParams {
  uint64_t memory_bytes = 0;  // data memory per core tile
  uint32_t memory_banks = 0;  // banks the data memory is interleaved over
  CoreBuffers buffers;
  MacsPerCycle macs_per_cycle;
  // Element operations per cycle of the vector unit for kernels without MACs (pool compares and
  // sums, element-wise adds), int8.
  uint32_t vector_ops_per_cycle = 0;
  double kernel_efficiency = 1.0;  // achieved / peak MACs per cycle of the kernels, in (0, 1]
  VectorLanes vector_lanes;        // element-wise kernel classes (v2 programs)
  // Bytes per cycle one memory bank serves to the DMA (the bank-conflict model, realistic only).
  double bank_bytes_per_cycle = 16;
  DmaParams dma;
  uint32_t locks = 0;  // semaphore locks per core tile
};

struct MemtileParams {
  uint64_t memory_bytes = 0;  // per memtile (one memtile per column)
  uint32_t memory_banks = 0;
  double bank_bytes_per_cycle = 16;  // one bank, to the DMA (the bank-conflict model)
  DmaParams dma;
  uint32_t locks = 0;
};

// A shim DMA cost that differs by direction: MM2S reads DDR (DDR -> array), S2MM writes it.
struct ShimDirectionCycles {
  double mm2s = 0;  // DDR -> array
  double s2mm = 0;  // array -> DDR
};

struct ShimParams {
  DmaParams dma;  // MM2S channels read DDR, S2MM channels write DDR
  uint32_t locks = 0;
  // Tasks a shim DMA channel holds waiting to start (v2 programs' controller; AIE2: 4).
  uint32_t task_queue_depth = 4;
  // Cycles from a task's start on a shim channel to its first byte moving (shim_task_start).
  ShimDirectionCycles task_start_cycles;
  // Least cycles between the starts of two tasks on one shim channel: the runtime sequence
  // issues them no faster (task_issue_spacing).
  ShimDirectionCycles task_issue_spacing_cycles;
  // Cycles from a task's end to its completion token being visible to the controller
  // (token_latency).
  double token_latency_cycles = 0;
};

// The host side of an invocation. In time units, not cycles: the host does not run on the
// array clock, so `--set clock_mhz=...` leaves it as it is.
struct HostParams {
  double dispatch_us = 0;  // per invocation (one program run): command submission and wait
};

// The price of one kernel class (v2 programs, sim/arch/kernel_classes.h). The defaults serve
// configs built in code: full efficiency, no overhead, nothing pinned.
struct KernelClassParams {
  double efficiency = 1.0;          // achieved / peak rate of the class's data type, in (0, 1]
  double call_overhead_cycles = 0;  // per call: prologue, epilogue, loop set-up
  // A measured kernel's cycles per call (0 = priced from work); then `source` names where the
  // figure was measured.
  double cycles_per_call = 0;
  std::string source;
};

struct KernelClasses {
  KernelClassParams mm_i16_i32;
  KernelClassParams mm_i8_i32;
  KernelClassParams conv1x1_i8;
  KernelClassParams eltwise_i16;
  KernelClassParams copy;
};

struct DdrParams {
  uint64_t size_bytes = 0;             // address space the compiler may place tensors in
  double channel_bytes_per_cycle = 0;  // one shim DMA channel's DDR bandwidth
  // All shim channels together (the DDR bandwidth the array sees), in GB/s = 10^9 B/s: a
  // property of the memory system, independent of the array clock (ddr_contention).
  double total_gb_per_s = 0;
};

// The stream network. A route is a circuit (or, when more routes cross a switch-to-switch link
// than it has ports, a share of one: the link-contention model) of bytes_per_cycle.
struct StreamParams {
  double bytes_per_cycle = 0;     // one stream link (memtile <-> core, shim <-> memtile)
  double hop_latency_cycles = 0;  // latency of one stream-switch traversal
  uint32_t north_ports = 6;       // streams one switch passes to the switch above it
  uint32_t south_ports = 4;       // streams one switch passes to the switch below it
  uint32_t east_west_ports = 4;   // streams one switch passes to its east (and its west) neighbour
};

// Costs the paper's analytic model ignores. Zero in the paper presets.
struct OverheadParams {
  double lock_handshake_cycles = 0;   // per acquire or release that the engine performs
  double dma_setup_cycles = 0;        // per transfer (BD) started by a DMA channel
  double reconfiguration_cycles = 0;  // per layer: reprogramming routes, BDs and locks
  // Per BD written at a group's start when the tile's BDs cannot hold this group's and the
  // previous group's together (see sim/arch/effects.h, bd_reload).
  double bd_reload_cycles = 0;
};

// One switch per effect the paper's model ignores (sim/arch/effects.h describes each). An effect
// applies only with `timing_model: realistic` and its switch on; the paper presets turn every
// switch off. The defaults (on) serve configs built in code.
struct EffectSwitches {
  bool host_dispatch = true;
  bool lock_handshake = true;
  bool dma_setup = true;
  bool shim_task_start = true;
  bool task_issue_spacing = true;
  bool token_latency = true;
  bool bd_reload = true;
  bool hop_latency = true;
  bool link_contention = true;
  bool ddr_contention = true;
  bool bank_conflicts = true;
  bool reconfiguration = true;
  bool kernel_efficiency = true;
};

// Parameters of the simulation itself, not of the hardware.
struct SimulationParams {
  uint64_t chunk_bytes = 0;  // a transfer advances in events of this many bytes
};

struct ArrayParams {
  uint32_t rows = 0;     // core rows (each column: one shim, one memtile, `rows` cores)
  uint32_t columns = 0;  // columns
};

struct HardwareConfig {
  uint32_t version = 0;  // schema version of the YAML file; kConfigVersion
  std::string name;      // e.g. "paper-4x4"
  std::string description;
  TimingModel timing_model = TimingModel::kPaper;
  double clock_mhz = 0;  // array clock
  ArrayParams array;
  CoreParams core;
  MemtileParams memtile;
  ShimParams shim;
  HostParams host;
  DdrParams ddr;
  StreamParams stream;
  OverheadParams overheads;
  EffectSwitches effects;
  SimulationParams simulation;
  KernelClasses kernels;

  // Where it came from, for reports: the file and the --set overrides applied, in order.
  std::string source_path;
  std::vector<std::string> overrides;

  double clock_hz() const { return clock_mhz * 1e6; }
  // ddr.total_gb_per_s in bytes per cycle of the array clock.
  double ddr_total_bytes_per_cycle() const { return ddr.total_gb_per_s * 1e9 / clock_hz(); }
  uint32_t cores() const { return array.rows * array.columns; }
};

inline constexpr uint32_t kConfigVersion = 1;

const char* TimingModelName(TimingModel model);

}  // namespace aie2sim::arch

namespace aie2sim::arch {

// The timing parameters a simulator actually applies. Under `timing_model: paper` every effect
// the paper ignores is forced off (zero overheads and hop latency, kernel efficiency 1, no
// contention for links, DDR or banks) whatever the file says, so paper mode always means the
// paper's assumptions; under `realistic` each effect applies when its switch (effects.*) is on.
struct EffectiveTiming {
  double kernel_efficiency = 1.0;
  double hop_latency_cycles = 0;
  OverheadParams overheads;
  double host_dispatch_us = 0;                   // per invocation
  ShimDirectionCycles shim_task_start_cycles;    // per shim task, before data moves
  ShimDirectionCycles shim_task_spacing_cycles;  // least start-to-start on one shim channel
  double token_latency_cycles = 0;               // task end -> token seen by the controller
  bool link_contention = false;                  // routes share a switch-to-switch link's ports
  bool ddr_contention = false;                   // shim channels share ddr.total_gb_per_s
  bool bank_conflicts = false;  // concurrent transfers share a memory bank's bandwidth
};

EffectiveTiming EffectiveTimingOf(const HardwareConfig& config);

}  // namespace aie2sim::arch
