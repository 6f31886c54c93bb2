#include "sim/arch/config_schema.h"

#include <algorithm>

namespace aie2sim::arch {
namespace {

// "KEY, accessor" for a ConfigParam: the key is the field path itself, so the two cannot drift.
// clang-format off
#define AIE2SIM_CONFIG_KEY(path) #path, [](HardwareConfig& c) -> auto& { return c.path; }
// clang-format on

constexpr double kKiB = 1024.0;
constexpr double kMiB = 1024.0 * kKiB;
constexpr double kGiB = 1024.0 * kMiB;
constexpr double kTiB = 1024.0 * kGiB;

// The four keys of one kernel class (v2 programs, sim/isa/kernel_classes.h), appended.
template <KernelClassParams KernelClasses::*kClass>
void AddKernelClass(const std::string& name, const std::string& what,
                    std::vector<ConfigParam>* schema) {
  const std::string key = "kernels." + name + ".";
  schema->push_back(
      ConfigParam(key + "efficiency",
                  [](HardwareConfig& c) -> double& { return (c.kernels.*kClass).efficiency; })
          .Unit("ratio")
          .Desc(what + ": achieved / peak rate (realistic timing only)")
          .MinExclusive(0)
          .Max(1));
  schema->push_back(ConfigParam(key + "call_overhead_cycles",
                                [](HardwareConfig& c) -> double& {
                                  return (c.kernels.*kClass).call_overhead_cycles;
                                })
                        .Unit("cycles")
                        .Desc(what + ": cycles per call beyond its work (realistic timing only)")
                        .Min(0)
                        .Max(1e9));
  schema->push_back(
      ConfigParam(key + "cycles_per_call",
                  [](HardwareConfig& c) -> double& { return (c.kernels.*kClass).cycles_per_call; })
          .Unit("cycles")
          .Desc(what + ": measured cycles per call, 0 = priced from work (realistic only)")
          .Min(0)
          .Max(1e12));
  schema->push_back(
      ConfigParam(key + "source",
                  [](HardwareConfig& c) -> std::string& { return (c.kernels.*kClass).source; })
          .Unit("text")
          .Desc(what + ": where cycles_per_call was measured (required when it is set)")
          .AllowEmpty());
}

std::vector<ConfigParam> BuildSchema() {
  using P = ConfigParam;
  std::vector<ConfigParam> schema = {
      P(AIE2SIM_CONFIG_KEY(version))
          .Unit("version")
          .Desc("schema version of this file")
          .Min(1)
          .Max(kConfigVersion),
      P(AIE2SIM_CONFIG_KEY(name)).Unit("text").Desc("config name shown in reports, e.g. paper-4x4"),
      P(AIE2SIM_CONFIG_KEY(description))
          .Unit("text")
          .Desc("free text for humans")
          .Optional()
          .AllowEmpty(),
      P(AIE2SIM_CONFIG_KEY(timing_model))
          .Unit("enum")
          .Desc("paper: every overhead the paper ignores is off; realistic: they are on"),
      // Rates stay at least 1/1000 per cycle and per-event cycle counts at most 10^6, so that a
      // network's simulated time stays far below the 2^63 ps the model represents (a run that
      // still passes it stops: model/clock_domain.h).
      P(AIE2SIM_CONFIG_KEY(clock_mhz)).Unit("MHz").Desc("array clock").Min(1).Max(10000),

      P(AIE2SIM_CONFIG_KEY(array.rows))
          .Unit("rows")
          .Desc("core rows; each column has one shim, one memtile and this many cores")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(array.columns)).Unit("columns").Desc("array columns").Min(1).Max(64),

      P(AIE2SIM_CONFIG_KEY(core.memory_bytes))
          .Unit("bytes")
          .Desc("data memory per core tile")
          .Min(1)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(core.memory_banks))
          .Unit("banks")
          .Desc("banks the core data memory is interleaved over; must divide it evenly")
          .Min(1)
          .Max(256),
      P(AIE2SIM_CONFIG_KEY(core.bank_bytes_per_cycle))
          .Unit("bytes/cycle")
          .Desc("bytes one core memory bank serves per cycle to the DMA (bank conflicts)")
          .Min(0.001)
          .Max(4096),
      P(AIE2SIM_CONFIG_KEY(core.buffers.input_bytes))
          .Unit("bytes")
          .Desc("one input activation buffer (two of them: ping and pong), at address 0")
          .Min(1)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(core.buffers.output_bytes))
          .Unit("bytes")
          .Desc("one output activation buffer (two of them: ping and pong), after the inputs")
          .Min(1)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(core.buffers.weight_bytes))
          .Unit("bytes")
          .Desc("the weight buffer, after the outputs")
          .Min(1)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(core.buffers.scratch_bytes))
          .Unit("bytes")
          .Desc("kernel scratch (accumulators, stack), after the weights")
          .Min(0)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(core.macs_per_cycle.int8))
          .Unit("MACs/cycle")
          .Desc("peak int8 x int8 MACs per cycle of one core")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.macs_per_cycle.int16))
          .Unit("MACs/cycle")
          .Desc("peak int16 x int16 MACs per cycle of one core")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.macs_per_cycle.bf16))
          .Unit("MACs/cycle")
          .Desc("peak bf16 MACs per cycle of one core")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.vector_ops_per_cycle))
          .Unit("ops/cycle")
          .Desc("int8 element operations per cycle for kernels without MACs (pools, adds)")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.kernel_efficiency))
          .Unit("ratio")
          .Desc("achieved / peak MACs per cycle of the kernels (realistic timing only)")
          .Min(0.001)
          .Max(1),
      P(AIE2SIM_CONFIG_KEY(core.vector_lanes.int8))
          .Unit("lanes")
          .Desc("int8 elements per cycle of element-wise kernel classes (v2 programs)")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.vector_lanes.int16))
          .Unit("lanes")
          .Desc("int16 elements per cycle of element-wise kernel classes (v2 programs)")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.vector_lanes.int32))
          .Unit("lanes")
          .Desc("int32 elements per cycle of element-wise kernel classes (v2 programs)")
          .Min(1)
          .Max(65536),
      P(AIE2SIM_CONFIG_KEY(core.dma.s2mm_channels))
          .Unit("channels")
          .Desc("core DMA stream-to-memory (receiving) channels")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(core.dma.mm2s_channels))
          .Unit("channels")
          .Desc("core DMA memory-to-stream (sending) channels")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(core.dma.bds))
          .Unit("BDs")
          .Desc("buffer descriptors per core tile, shared by its channels")
          .Min(1)
          .Max(256),
      P(AIE2SIM_CONFIG_KEY(core.dma.address_dims))
          .Unit("dimensions")
          .Desc("dimensions of one core BD's address pattern (AIE2: 3; fewer is no AIE2)")
          .Min(3)
          .Max(4),
      P(AIE2SIM_CONFIG_KEY(core.locks)).Unit("locks").Desc("locks per core tile").Min(1).Max(64),

      P(AIE2SIM_CONFIG_KEY(memtile.memory_bytes))
          .Unit("bytes")
          .Desc("memory per memtile (one memtile per column)")
          .Min(1)
          .Max(4 * kGiB),
      P(AIE2SIM_CONFIG_KEY(memtile.memory_banks))
          .Unit("banks")
          .Desc("banks the memtile memory is interleaved over; must divide it evenly")
          .Min(1)
          .Max(256),
      P(AIE2SIM_CONFIG_KEY(memtile.bank_bytes_per_cycle))
          .Unit("bytes/cycle")
          .Desc("bytes one memtile bank serves per cycle to the DMA (bank conflicts)")
          .Min(0.001)
          .Max(4096),
      P(AIE2SIM_CONFIG_KEY(memtile.dma.s2mm_channels))
          .Unit("channels")
          .Desc("memtile DMA stream-to-memory (receiving) channels")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(memtile.dma.mm2s_channels))
          .Unit("channels")
          .Desc("memtile DMA memory-to-stream (sending) channels")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(memtile.dma.bds))
          .Unit("BDs")
          .Desc("buffer descriptors per memtile, shared by its channels")
          .Min(1)
          .Max(256),
      P(AIE2SIM_CONFIG_KEY(memtile.dma.address_dims))
          .Unit("dimensions")
          .Desc("dimensions of one memtile BD's address pattern (AIE2: 4; fewer is no AIE2)")
          .Min(4)
          .Max(4),
      P(AIE2SIM_CONFIG_KEY(memtile.locks)).Unit("locks").Desc("locks per memtile").Min(1).Max(64),

      P(AIE2SIM_CONFIG_KEY(shim.dma.s2mm_channels))
          .Unit("channels")
          .Desc("shim DMA stream-to-memory channels: they write DDR")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(shim.dma.mm2s_channels))
          .Unit("channels")
          .Desc("shim DMA memory-to-stream channels: they read DDR")
          .Min(1)
          .Max(32),
      P(AIE2SIM_CONFIG_KEY(shim.dma.bds))
          .Unit("BDs")
          .Desc("buffer descriptors per shim tile, shared by its channels")
          .Min(1)
          .Max(256),
      P(AIE2SIM_CONFIG_KEY(shim.dma.address_dims))
          .Unit("dimensions")
          .Desc("dimensions of one shim BD's address pattern (AIE2: 3; fewer is no AIE2)")
          .Min(3)
          .Max(4),
      P(AIE2SIM_CONFIG_KEY(shim.locks)).Unit("locks").Desc("locks per shim tile").Min(1).Max(64),
      P(AIE2SIM_CONFIG_KEY(shim.task_queue_depth))
          .Unit("tasks")
          .Desc("tasks a shim DMA channel holds waiting to start (v2 programs' controller)")
          .Min(1)
          .Max(64),

      P(AIE2SIM_CONFIG_KEY(shim.task_start_cycles.mm2s))
          .Unit("cycles")
          .Desc("per task a shim MM2S (DDR -> array) channel starts, before data moves (realistic)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(shim.task_start_cycles.s2mm))
          .Unit("cycles")
          .Desc("per task a shim S2MM (array -> DDR) channel starts, before data moves (realistic)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(shim.task_issue_spacing_cycles.mm2s))
          .Unit("cycles")
          .Desc("least cycles between task starts on one shim MM2S channel (realistic)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(shim.task_issue_spacing_cycles.s2mm))
          .Unit("cycles")
          .Desc("least cycles between task starts on one shim S2MM channel (realistic)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(shim.token_latency_cycles))
          .Unit("cycles")
          .Desc(
              "from a shim task's end to its completion token reaching the controller (realistic)")
          .Min(0)
          .Max(1e6),

      // Host-side time is in microseconds, not cycles: clock_mhz does not rescale it.
      P(AIE2SIM_CONFIG_KEY(host.dispatch_us))
          .Unit("us")
          .Desc("host dispatch per invocation (command submission and wait; realistic timing)")
          .Min(0)
          .Max(1e6),

      P(AIE2SIM_CONFIG_KEY(ddr.size_bytes))
          .Unit("bytes")
          .Desc("DDR address space the compiler may place tensors in")
          .Min(1)
          .Max(kTiB),
      P(AIE2SIM_CONFIG_KEY(ddr.channel_bytes_per_cycle))
          .Unit("bytes/cycle")
          .Desc("DDR bandwidth of one shim DMA channel")
          .Min(0.001)
          .Max(1 << 20),
      P(AIE2SIM_CONFIG_KEY(ddr.total_gb_per_s))
          .Unit("GB/s")
          .Desc("DDR bandwidth of all shim channels together, 10^9 B/s (DDR contention; realistic)")
          .Min(0.001)
          .Max(1 << 20),

      P(AIE2SIM_CONFIG_KEY(stream.bytes_per_cycle))
          .Unit("bytes/cycle")
          .Desc("bandwidth of one stream link (shim <-> memtile, memtile <-> core)")
          .Min(0.001)
          .Max(1 << 20),
      P(AIE2SIM_CONFIG_KEY(stream.hop_latency_cycles))
          .Unit("cycles")
          .Desc("latency of one stream-switch traversal (realistic timing only)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(stream.north_ports))
          .Unit("streams")
          .Desc("streams a switch passes to the switch above it (link contention)")
          .Min(1)
          .Max(64),
      P(AIE2SIM_CONFIG_KEY(stream.south_ports))
          .Unit("streams")
          .Desc("streams a switch passes to the switch below it (link contention)")
          .Min(1)
          .Max(64),
      P(AIE2SIM_CONFIG_KEY(stream.east_west_ports))
          .Unit("streams")
          .Desc("streams a switch passes to its east, and to its west, neighbour (link contention)")
          .Min(1)
          .Max(64),

      P(AIE2SIM_CONFIG_KEY(overheads.lock_handshake_cycles))
          .Unit("cycles")
          .Desc("per lock acquire or release an engine performs (realistic timing only)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(overheads.dma_setup_cycles))
          .Unit("cycles")
          .Desc("per transfer (BD) a DMA channel starts (realistic timing only)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(overheads.reconfiguration_cycles))
          .Unit("cycles")
          .Desc("per layer: reprogramming routes, BDs and locks (realistic timing only)")
          .Min(0)
          .Max(1e6),
      P(AIE2SIM_CONFIG_KEY(overheads.bd_reload_cycles))
          .Unit("cycles")
          .Desc("per BD rewritten at a group's start when a tile's BDs run out (realistic only)")
          .Min(0)
          .Max(1e6),

      P(AIE2SIM_CONFIG_KEY(effects.host_dispatch))
          .Unit("switch")
          .Desc("realistic timing: charge host.dispatch_us once per invocation"),
      P(AIE2SIM_CONFIG_KEY(effects.shim_task_start))
          .Unit("switch")
          .Desc("realistic timing: charge shim.task_start_cycles per shim task"),
      P(AIE2SIM_CONFIG_KEY(effects.task_issue_spacing))
          .Unit("switch")
          .Desc("realistic timing: space shim task starts by shim.task_issue_spacing_cycles"),
      P(AIE2SIM_CONFIG_KEY(effects.token_latency))
          .Unit("switch")
          .Desc("realistic timing: delay completion tokens by shim.token_latency_cycles"),
      P(AIE2SIM_CONFIG_KEY(effects.lock_handshake))
          .Unit("switch")
          .Desc("realistic timing: charge overheads.lock_handshake_cycles per acquire/release"),
      P(AIE2SIM_CONFIG_KEY(effects.dma_setup))
          .Unit("switch")
          .Desc("realistic timing: charge overheads.dma_setup_cycles per transfer"),
      P(AIE2SIM_CONFIG_KEY(effects.bd_reload))
          .Unit("switch")
          .Desc("realistic timing: charge overheads.bd_reload_cycles when a tile's BDs run out"),
      P(AIE2SIM_CONFIG_KEY(effects.hop_latency))
          .Unit("switch")
          .Desc("realistic timing: charge stream.hop_latency_cycles per switch on a route"),
      P(AIE2SIM_CONFIG_KEY(effects.link_contention))
          .Unit("switch")
          .Desc("realistic timing: routes share a switch-to-switch link's ports (stream.*_ports)"),
      P(AIE2SIM_CONFIG_KEY(effects.ddr_contention))
          .Unit("switch")
          .Desc("realistic timing: shim channels share ddr.total_gb_per_s"),
      P(AIE2SIM_CONFIG_KEY(effects.bank_conflicts))
          .Unit("switch")
          .Desc("realistic timing: transfers share a memory bank's *.bank_bytes_per_cycle"),
      P(AIE2SIM_CONFIG_KEY(effects.reconfiguration))
          .Unit("switch")
          .Desc("realistic timing: charge overheads.reconfiguration_cycles per layer"),
      P(AIE2SIM_CONFIG_KEY(effects.kernel_efficiency))
          .Unit("switch")
          .Desc("realistic timing: kernels run at core.kernel_efficiency of peak"),

      P(AIE2SIM_CONFIG_KEY(simulation.chunk_bytes))
          .Unit("bytes")
          .Desc("a simulated transfer advances in events of this many bytes")
          .Min(1)
          .Max(16 * kMiB),
  };
  AddKernelClass<&KernelClasses::mm_i16_i32>("mm_i16_i32", "int16 x int16 -> int32 matrix multiply",
                                             &schema);
  AddKernelClass<&KernelClasses::mm_i8_i32>("mm_i8_i32", "int8 x int8 -> int32 matrix multiply",
                                            &schema);
  AddKernelClass<&KernelClasses::conv1x1_i8>("conv1x1_i8", "int8 1x1 convolution", &schema);
  AddKernelClass<&KernelClasses::eltwise_i16>("eltwise_i16", "int16 element-wise kernel", &schema);
  AddKernelClass<&KernelClasses::copy>("copy", "byte copy kernel", &schema);
  return schema;
}

#undef AIE2SIM_CONFIG_KEY

// Levenshtein distance, for suggestions.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string FirstSegment(const std::string& key) { return key.substr(0, key.find('.')); }

std::string LastSegment(const std::string& key) {
  size_t dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

// Every key and every group, each once.
std::vector<std::string> AllPaths() {
  std::vector<std::string> paths;
  for (const ConfigParam& param : ConfigSchema()) {
    const std::string& key = param.key();
    for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
      std::string group = key.substr(0, dot);
      if (std::find(paths.begin(), paths.end(), group) == paths.end()) paths.push_back(group);
    }
    paths.push_back(key);
  }
  return paths;
}

}  // namespace

const std::vector<ConfigParam>& ConfigSchema() {
  static const std::vector<ConfigParam>* const schema = new std::vector<ConfigParam>(BuildSchema());
  return *schema;
}

const ConfigParam* FindConfigParam(const std::string& key) {
  for (const ConfigParam& param : ConfigSchema()) {
    if (param.key() == key) return &param;
  }
  return nullptr;
}

bool IsConfigGroup(const std::string& key) {
  for (const ConfigParam& param : ConfigSchema()) {
    const std::string& full = param.key();
    if (full.size() > key.size() && full.compare(0, key.size(), key) == 0 &&
        full[key.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::string SuggestConfigKey(const std::string& unknown_key) {
  // A small typo anywhere in the path ("core.dma.bd", "arrray.rows")...
  const size_t max_distance = std::max<size_t>(1, std::min<size_t>(3, unknown_key.size() / 4));
  std::string best;
  size_t best_distance = max_distance + 1;
  const std::vector<std::string> paths = AllPaths();
  for (const std::string& path : paths) {
    size_t distance = EditDistance(unknown_key, path);
    if (distance < best_distance) {
      best = path;
      best_distance = distance;
    }
  }
  if (!best.empty()) return best;
  // ... or a right name at the wrong depth ("memtile.bds" for memtile.dma.bds), when unambiguous.
  std::vector<std::string> same_ends;
  for (const std::string& path : paths) {
    if (FirstSegment(path) == FirstSegment(unknown_key) &&
        LastSegment(path) == LastSegment(unknown_key)) {
      same_ends.push_back(path);
    }
  }
  return same_ends.size() == 1 ? same_ends[0] : "";
}

}  // namespace aie2sim::arch
