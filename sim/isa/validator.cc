#include "sim/isa/validator.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "sim/arch/config_hash.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"
#include "sim/isa/region_walk.h"

namespace aie2sim::isa {
namespace {

// Address arithmetic is done in 128 bits: a 64-bit address plus steps and negative strides
// must neither wrap nor overflow before it is compared with the memory size.
__extension__ typedef __int128 Wide;

constexpr uint32_t kMaxLockValue = 63;          // locks hold 6-bit values
constexpr uint32_t kNeighbourLockChannels = 4;  // memtile channels 0..3 may use neighbours' locks

std::string WideString(Wide value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    const int digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string Str(uint64_t value) { return std::to_string(value); }

const char* TileKindName(TileKind kind) {
  switch (kind) {
    case SHIM:
      return "shim";
    case MEMTILE:
      return "memtile";
    case CORE:
      return "core";
    default:
      return "unknown tile";
  }
}

// The per-tile-kind facts the rules need. `kind` must be SHIM, MEMTILE or CORE.
struct TileFacts {
  const arch::DmaParams* dma;
  uint32_t locks;
  uint64_t memory_bytes;
  const char* memory_name;
};

TileFacts FactsOf(TileKind kind, const arch::HardwareConfig& config) {
  switch (kind) {
    case SHIM:
      return {&config.shim.dma, config.shim.locks, config.ddr.size_bytes, "DDR"};
    case MEMTILE:
      return {&config.memtile.dma, config.memtile.locks, config.memtile.memory_bytes,
              "memtile memory"};
    default:
      return {&config.core.dma, config.core.locks, config.core.memory_bytes, "core memory"};
  }
}

bool KnownTileKind(TileKind kind) { return kind == SHIM || kind == MEMTILE || kind == CORE; }

// Why a tile does not exist in the config ("" when it does).
std::string TileProblem(TileKind kind, uint32_t column, uint32_t row,
                        const arch::HardwareConfig& config) {
  if (!KnownTileKind(kind)) return "unknown tile kind";
  if (column >= config.array.columns) {
    return "column " + Str(column) + " out of range (" + Str(config.array.columns) + " columns)";
  }
  if (kind == CORE && row >= config.array.rows) {
    return "row " + Str(row) + " out of range (" + Str(config.array.rows) + " rows)";
  }
  if (kind != CORE && row != 0) {
    return "row " + Str(row) + " on a " + TileKindName(kind) + " (must be 0)";
  }
  return "";
}

// Why an engine does not exist in the config ("" when it does).
std::string EngineProblem(const Engine& engine, const arch::HardwareConfig& config) {
  std::string problem = TileProblem(engine.tile(), engine.column(), engine.row(), config);
  if (!problem.empty()) return problem;
  switch (engine.kind()) {
    case PROCESSOR:
      if (engine.tile() != CORE) return "processors exist only on cores";
      if (engine.channel() != 0)
        return "processor channel " + Str(engine.channel()) + " (must be 0)";
      return "";
    case MM2S:
    case S2MM: {
      const arch::DmaParams& dma = *FactsOf(engine.tile(), config).dma;
      const bool mm2s = engine.kind() == MM2S;
      const uint32_t channels = mm2s ? dma.mm2s_channels : dma.s2mm_channels;
      if (engine.channel() < channels) return "";
      return "channel " + Str(engine.channel()) + " out of range (" + TileKindName(engine.tile()) +
             " has " + Str(channels) + (mm2s ? " MM2S" : " S2MM") + " channels)";
    }
    default:
      return "unknown engine kind";
  }
}

// Why `buffer`, used `iterations` times, touches a byte outside [0, memory_bytes) ("" if it does
// not). The touched span of iteration i is [addr_i + min offset, addr_i + max offset]; addr_i is
// affine in i within each parity class, so iterations 0, 1, n-2 and n-1 bound all others.
std::string BufferProblem(const Buffer& buffer, uint32_t iterations, uint64_t memory_bytes,
                          const char* memory_name) {
  for (const Dim& dim : buffer.region().dims()) {
    if (dim.size() == 0) return "";  // reported as an empty dim where it matters
  }
  Wide low = 0;
  Wide high = 0;
  RegionReach(buffer.region(), &low, &high);
  std::set<int64_t> candidates;
  for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{iterations} - 2, int64_t{iterations} - 1}) {
    if (i >= 0 && i < iterations) candidates.insert(i);
  }
  for (int64_t i : candidates) {
    const Wide address = static_cast<Wide>(buffer.region().address()) +
                         static_cast<Wide>(i) * buffer.step() +
                         (i % 2 == 1 ? static_cast<Wide>(buffer.pingpong_offset()) : 0);
    const Wide first = address + low;
    const Wide last = address + high;
    if (first < 0 || last >= static_cast<Wide>(memory_bytes)) {
      return "touches bytes [" + WideString(first) + ", " + WideString(last) + "] in iteration " +
             std::to_string(i) + ", outside " + memory_name + " [0, " + Str(memory_bytes) + ")";
    }
  }
  return "";
}

// Checks one program against one config, collecting every violation in traversal order.
class Validator {
 public:
  Validator(const Program& program, const arch::HardwareConfig& config)
      : program_(program), config_(config) {}

  std::vector<std::string> Run() {
    if (program_.version() != kProgramVersion) {
      Report("",
             "program version " + Str(program_.version()) + ", expected " + Str(kProgramVersion));
    }
    const std::string hash = arch::ConfigHash(config_);
    if (program_.config_hash() != hash) {
      Report("", "config hash mismatch: program compiled for '" + program_.config_name() +
                     "' (hash " + program_.config_hash() + "), config '" + config_.name +
                     "' has hash " + hash);
    }
    if (program_.batch() == 0) Report("", "batch 0 (must be >= 1)");
    if (program_.layers_size() == 0) Report("", "no layers");
    for (int i = 0; i < program_.layers_size(); ++i) {
      const Layer& layer = program_.layers(i);
      CheckLayer(layer, "layer " + (layer.name().empty() ? "#" + std::to_string(i) : layer.name()));
    }
    return std::move(errors_);
  }

 private:
  // Executions of one route side within one iteration of a group: the bytes of each, in order.
  using SideBytes = std::map<Engine, std::vector<uint64_t>, EngineLess>;
  struct TileLess {
    bool operator()(const Tile& a, const Tile& b) const {
      return std::make_tuple(a.kind(), a.column(), a.row()) <
             std::make_tuple(b.kind(), b.column(), b.row());
    }
  };

  void Report(const std::string& where, const std::string& problem) {
    errors_.push_back(where.empty() ? problem : where + ": " + problem);
  }

  void CheckLayer(const Layer& layer, const std::string& where) {
    routes_.clear();
    for (const Route& route : layer.routes()) CheckRoute(route, where);
    for (const LockInit& init : layer.lock_inits()) CheckLockInit(init, where);
    for (int i = 0; i < layer.groups_size(); ++i) {
      const Group& group = layer.groups(i);
      CheckGroup(group, where + ": group " +
                            (group.name().empty() ? "#" + std::to_string(i) : group.name()));
    }
  }

  void CheckRoute(const Route& route, const std::string& layer_where) {
    const std::string where = layer_where + ": route " + Str(route.id());
    if (!routes_.emplace(route.id(), &route).second) {
      Report(where, "duplicate route id");
      return;
    }
    CheckRouteEnd(route.source(), "source", MM2S, where);
    if (route.destinations().empty()) Report(where, "no destinations");
    std::set<Engine, EngineLess> seen;
    for (const Engine& destination : route.destinations()) {
      CheckRouteEnd(destination, "destination", S2MM, where);
      if (!seen.insert(destination).second) {
        Report(where, "destination " + EngineName(destination) + " listed twice");
      }
    }
  }

  void CheckRouteEnd(const Engine& engine, const std::string& role, EngineKind expected,
                     const std::string& where) {
    const std::string problem = EngineProblem(engine, config_);
    if (!problem.empty()) {
      Report(where, role + " " + EngineName(engine) + ": no such engine: " + problem);
    } else if (engine.kind() != expected) {
      Report(where, role + " " + EngineName(engine) + " is not an " +
                        (expected == MM2S ? "MM2S" : "S2MM") + " channel");
    }
  }

  void CheckLockInit(const LockInit& init, const std::string& layer_where) {
    const Tile& tile = init.tile();
    const std::string where =
        layer_where + ": lock init " + TileName(tile) + " L" + Str(init.lock());
    const std::string problem = TileProblem(tile.kind(), tile.column(), tile.row(), config_);
    if (!problem.empty()) {
      Report(where, "no such tile: " + problem);
      return;
    }
    const uint32_t locks = FactsOf(tile.kind(), config_).locks;
    if (init.lock() >= locks) {
      Report(where, "lock out of range (" + TileName(tile) + " has " + Str(locks) + " locks)");
    }
    if (init.value() > kMaxLockValue) {
      Report(where, "value " + Str(init.value()) + " > " + Str(kMaxLockValue));
    }
  }

  void CheckGroup(const Group& group, const std::string& where) {
    if (group.iterations() == 0) Report(where, "iterations 0 (must be >= 1)");
    if (!GroupKind_IsValid(group.kind()))
      Report(where, "unknown group kind " + std::to_string(group.kind()));
    std::set<Engine, EngineLess> seen;
    std::map<uint32_t, SideBytes> sides;     // route id -> engine -> per-iteration executions
    std::map<Tile, uint64_t, TileLess> bds;  // tile -> buffer descriptors needed
    for (const Stream& stream : group.streams()) {
      const Engine& engine = stream.engine();
      const std::string stream_where = where + ": " + EngineName(engine);
      const std::string problem = EngineProblem(engine, config_);
      if (!problem.empty()) {
        Report(stream_where, "no such engine: " + problem);
        continue;
      }
      if (!seen.insert(engine).second) {
        Report(stream_where, "duplicate stream (an engine has at most one per group)");
        continue;
      }
      for (int i = 0; i < stream.instructions_size(); ++i) {
        CheckInstruction(stream.instructions(i), engine, group.iterations(),
                         stream_where + ": instruction " + std::to_string(i), &sides, &bds);
      }
    }
    CheckRouteBalance(sides, group.iterations(), where);
    for (const auto& [tile, needed] : bds) {
      const uint32_t available = FactsOf(tile.kind(), config_).dma->bds;
      if (needed > available) {
        Report(
            where + ": " + TileName(tile),
            Str(needed) + " BDs needed, " + TileKindName(tile.kind()) + " has " + Str(available));
      }
    }
  }

  void CheckInstruction(const Instruction& instruction, const Engine& engine, uint32_t iterations,
                        const std::string& where, std::map<uint32_t, SideBytes>* sides,
                        std::map<Tile, uint64_t, TileLess>* bds) {
    switch (instruction.op_case()) {
      case Instruction::kAcquire:
        CheckLock(instruction.acquire().lock(), engine, where);
        CheckLockValue("acquire", instruction.acquire().value(), where);
        break;
      case Instruction::kRelease:
        CheckLock(instruction.release().lock(), engine, where);
        CheckLockValue("release", instruction.release().value(), where);
        break;
      case Instruction::kTransfer:
        if (engine.kind() == PROCESSOR) {
          Report(where, "transfer on a processor");
          break;
        }
        if (!DataKind_IsValid(instruction.transfer().data())) {
          Report(where, "unknown data kind " + std::to_string(instruction.transfer().data()));
        }
        (*bds)[TileOf(engine)] += instruction.transfer().buffer().pingpong_offset() != 0 ? 2 : 1;
        CheckTransfer(instruction.transfer(), engine, iterations, where, sides);
        break;
      case Instruction::kCompute:
        if (engine.kind() != PROCESSOR) {
          Report(where, "compute on a DMA channel");
          break;
        }
        CheckCompute(instruction.compute(), iterations, where);
        break;
      default:
        Report(where, "empty instruction");
    }
  }

  void CheckLockValue(const char* op, uint32_t value, const std::string& where) {
    if (value > kMaxLockValue) {
      Report(where, std::string(op) + " value " + Str(value) + " > " + Str(kMaxLockValue));
    }
  }

  void CheckLock(const LockRef& lock, const Engine& engine, const std::string& where) {
    Tile tile = TileOf(engine);
    const int32_t offset = lock.column_offset();
    if (offset != 0) {
      const std::string named = "column_offset " + std::to_string(offset);
      const char* rule = " (only memtile channels 0..3 may use a neighbour's locks)";
      if (engine.tile() != MEMTILE) {
        Report(where, named + " on a " + TileKindName(engine.tile()) + " lock" + rule);
        return;
      }
      if (engine.channel() >= kNeighbourLockChannels) {
        Report(where, named + " on memtile channel " + Str(engine.channel()) + rule);
        return;
      }
      if (offset < -1 || offset > 1) {
        Report(where, named + " out of range (-1..1)");
        return;
      }
      const int64_t column = int64_t{engine.column()} + offset;
      if (column < 0 || column >= config_.array.columns) {
        Report(where,
               named + " names memtile(" + std::to_string(column) + "), which does not exist");
        return;
      }
      tile.set_column(static_cast<uint32_t>(column));
    }
    const uint32_t locks = FactsOf(tile.kind(), config_).locks;
    if (lock.id() >= locks) {
      Report(where, "lock L" + Str(lock.id()) + " out of range (" + TileName(tile) + " has " +
                        Str(locks) + " locks)");
    }
  }

  void CheckTransfer(const Transfer& transfer, const Engine& engine, uint32_t iterations,
                     const std::string& where, std::map<uint32_t, SideBytes>* sides) {
    bool route_ok = false;
    const auto route = routes_.find(transfer.route());
    const std::string route_name = "route " + Str(transfer.route());
    if (route == routes_.end()) {
      Report(where, route_name + " is not defined in this layer");
    } else if (engine.kind() == MM2S) {
      route_ok = SameEngine(route->second->source(), engine);
      if (!route_ok) {
        Report(where, "MM2S transfer on " + route_name + ", whose source is " +
                          EngineName(route->second->source()));
      }
    } else {
      for (const Engine& destination : route->second->destinations()) {
        route_ok = route_ok || SameEngine(destination, engine);
      }
      if (!route_ok) {
        Report(where, "S2MM transfer on " + route_name + ", which does not deliver to this engine");
      }
    }

    const Region& region = transfer.buffer().region();
    const TileFacts facts = FactsOf(engine.tile(), config_);
    bool region_ok = !region.dims().empty();
    if (region.dims().empty()) Report(where, "region has no dims");
    if (static_cast<uint32_t>(region.dims_size()) > facts.dma->address_dims) {
      Report(where, Str(region.dims_size()) + " address dims, " + TileKindName(engine.tile()) +
                        " DMA has " + Str(facts.dma->address_dims));
    }
    for (int d = 0; d < region.dims_size(); ++d) {
      if (region.dims(d).size() == 0) {
        Report(where, "dim " + std::to_string(d) + " has size 0");
        region_ok = false;
      }
    }
    const uint64_t region_bytes = RegionBytes(region);
    if (transfer.bytes() != region_bytes) {
      Report(where, "bytes " + Str(transfer.bytes()) + " != region size " + Str(region_bytes));
    }
    if (region_ok) {
      const std::string problem =
          BufferProblem(transfer.buffer(), iterations, facts.memory_bytes, facts.memory_name);
      if (!problem.empty()) Report(where, "buffer " + problem);
    }
    // Balance is judged on what the DMA actually moves: the region, not the `bytes` field.
    if (route_ok) (*sides)[transfer.route()][engine].push_back(region_bytes);
  }

  void CheckCompute(const Compute& compute, uint32_t iterations, const std::string& where) {
    if (!KernelKind_IsValid(compute.kernel())) {
      Report(where, "unknown kernel kind " + std::to_string(compute.kernel()));
    }
    if (!(compute.density() >= 0.0 && compute.density() <= 1.0)) {  // also rejects NaN
      std::ostringstream density;
      density << compute.density();
      Report(where, "density " + density.str() + " outside [0, 1]");
    }
    const TileFacts facts = FactsOf(CORE, config_);
    const std::pair<const char*, const Buffer*> buffers[] = {{"input", &compute.input()},
                                                             {"weights", &compute.weights()},
                                                             {"output", &compute.output()}};
    for (const auto& [name, buffer] : buffers) {
      if (buffer->region().dims().empty()) continue;
      const std::string problem =
          BufferProblem(*buffer, iterations, facts.memory_bytes, facts.memory_name);
      if (!problem.empty()) Report(where, std::string("compute ") + name + " buffer " + problem);
    }
  }

  // Every route used in the group has all its sides present, and the k-th execution of the
  // MM2S side moves as many bytes as the k-th execution of each destination's S2MM side.
  void CheckRouteBalance(const std::map<uint32_t, SideBytes>& sides, uint32_t iterations,
                         const std::string& where) {
    for (const auto& [id, engines] : sides) {
      const Route& route = *routes_.at(id);
      const std::string route_where = where + ": route " + Str(id);
      const std::string source_name = EngineName(route.source());
      const auto source = engines.find(route.source());
      if (source == engines.end()) {
        Report(route_where, "source " + source_name + " has no transfer in this group");
      }
      std::set<Engine, EngineLess> seen;
      for (const Engine& destination : route.destinations()) {
        if (!seen.insert(destination).second) continue;
        const std::string destination_name = EngineName(destination);
        const auto side = engines.find(destination);
        if (side == engines.end()) {
          Report(route_where, "destination " + destination_name + " has no transfer in this group");
          continue;
        }
        if (source == engines.end()) continue;
        const std::vector<uint64_t>& sent = source->second;
        const std::vector<uint64_t>& received = side->second;
        if (sent.size() != received.size()) {
          Report(route_where, source_name + " executes " + Str(sent.size() * iterations) +
                                  " times, " + destination_name + " " +
                                  Str(received.size() * iterations) + " times");
          continue;
        }
        for (size_t k = 0; k < sent.size(); ++k) {
          if (sent[k] != received[k]) {
            Report(route_where, "execution " + Str(k) + " sends " + Str(sent[k]) + " B from " +
                                    source_name + " but " + destination_name + " receives " +
                                    Str(received[k]) + " B");
            break;
          }
        }
      }
    }
  }

  const Program& program_;
  const arch::HardwareConfig& config_;
  std::map<uint32_t, const Route*> routes_;  // of the current layer, first definition per id
  std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> ValidateProgram(const Program& program,
                                         const arch::HardwareConfig& config) {
  return Validator(program, config).Run();
}

void CheckProgram(const Program& program, const arch::HardwareConfig& config,
                  const std::string& program_name) {
  const std::vector<std::string> errors = ValidateProgram(program, config);
  if (errors.empty()) return;
  std::string message = program_name + ": invalid program: " + errors.front();
  if (errors.size() > 1) message += " (and " + std::to_string(errors.size() - 1) + " more)";
  throw UserError(message);
}

}  // namespace aie2sim::isa
