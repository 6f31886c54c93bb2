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
#include "sim/isa/tile_facts.h"

namespace aie2sim::isa {
namespace {

// Address arithmetic is done in 128 bits: a 64-bit address plus steps and negative strides
// must neither wrap nor overflow before it is compared with the memory size.
__extension__ typedef __int128 Wide;

constexpr uint32_t kMaxLockValue = arch::kLockMaxValue;

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

bool KnownTileKind(TileKind kind) { return kind == SHIM || kind == MEMTILE || kind == CORE; }

// The target model's facts of `kind`; a kind the checks before have reported unknown is taken as
// a core's, so that checking goes on.
using arch::TileFacts;
TileFacts FactsOf(TileKind kind, const arch::HardwareConfig& config) {
  return isa::FactsOf(config, KnownTileKind(kind) ? kind : CORE);
}

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
  if (engine.kind() == CONTROLLER) {
    const bool plain = engine.tile() == TILE_KIND_UNSPECIFIED && engine.column() == 0 &&
                       engine.row() == 0 && engine.channel() == 0;
    return plain ? "" : "the controller has no tile, column, row or channel";
  }
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

// Why `engine` may not use the memory and locks of `tile` ("" when it may): a core processor
// uses its own tile's and its west, north and south core neighbours' (program.proto, v2); a DMA
// channel its own tile's; the controller any tile's.
std::string ReachProblem(const Engine& engine, const Tile& tile) {
  if (engine.kind() == CONTROLLER) return "";
  const Tile own = TileOf(engine);
  if (tile.kind() == own.kind() && tile.column() == own.column() && tile.row() == own.row()) {
    return "";
  }
  if (engine.kind() != PROCESSOR) {
    return EngineName(engine) + " cannot use " + TileName(tile) +
           ": a DMA channel uses its own tile's memory and locks";
  }
  if (tile.kind() == CORE && arch::CoreMayReach(int64_t{tile.column()} - own.column(),
                                                 int64_t{tile.row()} - own.row())) {
    return "";
  }
  return EngineName(engine) + " cannot use " + TileName(tile) +
         ": not its own tile or its west, north or south neighbour";
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
    if (program_.version() == 0 || program_.version() > kProgramVersion) {
      Report("", "program version " + Str(program_.version()) + ", expected 1 to " +
                     Str(kProgramVersion));
    }
    const std::string hash = arch::ConfigHash(config_);
    if (program_.config_hash() != hash) {
      Report("", "config hash mismatch: program compiled for '" + program_.config_name() +
                     "' (hash " + program_.config_hash() + "), config '" + config_.name +
                     "' has hash " + hash);
    }
    if (program_.batch() == 0) Report("", "batch 0 (must be >= 1)");
    if (program_.layers_size() == 0) Report("", "no layers");
    CheckDesignShape();
    for (int i = 0; i < program_.layers_size(); ++i) {
      const Layer& layer = program_.layers(i);
      CheckLayer(layer, "layer " + (layer.name().empty() ? "#" + std::to_string(i) : layer.name()));
    }
    return std::move(errors_);
  }

 private:
  struct TileLess {
    bool operator()(const Tile& a, const Tile& b) const {
      return std::make_tuple(a.kind(), a.column(), a.row()) <
             std::make_tuple(b.kind(), b.column(), b.row());
    }
  };

  // Per group: what its instructions add up to, through loops, repeats and iterations.
  struct GroupTally {
    std::map<uint32_t, std::map<Engine, Wide, EngineLess>> sides;  // route -> side -> bytes
    std::map<Tile, uint64_t, TileLess> bds;                        // tile -> BDs needed
    std::map<Engine, Wide, EngineLess> tokens_issued;              // by shim channel
    std::map<Engine, Wide, EngineLess> tokens_awaited;
    std::set<Engine, EngineLess> task_channels;  // channels fed by push_task
    uint32_t iterations = 1;
  };

  void Report(const std::string& where, const std::string& problem) {
    errors_.push_back(where.empty() ? problem : where + ": " + problem);
  }

  // A program with a controller is a design: one layer, one group, one iteration, one
  // controller stream (program.proto, v2).
  void CheckDesignShape() {
    int controllers = 0;
    for (const Layer& layer : program_.layers()) {
      for (const Group& group : layer.groups()) {
        for (const Stream& stream : group.streams()) {
          controllers += stream.engine().kind() == CONTROLLER ? 1 : 0;
        }
      }
    }
    if (controllers == 0) return;
    if (program_.has_functional()) {
      Report("", "a design (a program with a controller) has no functional data");
    }
    const bool shaped = controllers == 1 && program_.layers_size() == 1 &&
                        program_.layers(0).groups_size() == 1 &&
                        program_.layers(0).groups(0).iterations() == 1;
    if (!shaped) {
      Report("",
             "a design (a program with a controller) has one layer, one group of one "
             "iteration and one controller stream");
    }
  }

  void CheckRings(const Layer& layer, const std::string& layer_where) {
    rings_.clear();
    if (program_.has_functional() && !layer.rings().empty()) {
      Report(layer_where, "functional programs use no rings (functional mode runs CNN programs)");
    }
    for (const Ring& ring : layer.rings()) {
      const std::string where = layer_where + ": ring " + Str(ring.id()) +
                                (ring.name().empty() ? "" : " (" + ring.name() + ")");
      if (ring.id() == 0) {
        Report(where, "ring ids start at 1");
        continue;
      }
      if (!rings_.emplace(ring.id(), &ring).second) {
        Report(where, "duplicate ring id");
        continue;
      }
      const Tile& tile = ring.tile();
      std::string problem = TileProblem(tile.kind(), tile.column(), tile.row(), config_);
      if (problem.empty() && tile.kind() == SHIM) problem = "rings lie in memtiles or cores";
      if (!problem.empty()) {
        Report(where, "no such tile: " + problem);
        continue;
      }
      if (ring.depth() == 0 || ring.object_bytes() == 0) {
        Report(where, "depth and object_bytes must be >= 1");
        continue;
      }
      const TileFacts facts = FactsOf(tile.kind(), config_);
      const Wide end = static_cast<Wide>(ring.address()) +
                       static_cast<Wide>(ring.depth()) * static_cast<Wide>(ring.object_bytes());
      if (end > static_cast<Wide>(facts.memory_bytes)) {
        Report(where, Str(ring.depth()) + " x " + Str(ring.object_bytes()) + " B from " +
                          Str(ring.address()) + " exceed " + TileName(tile) + " memory (" +
                          Str(facts.memory_bytes) + " B)");
      }
    }
  }

  // Checks a buffer in a ring (program.proto, v2).
  void CheckRingBuffer(const Buffer& buffer, const Engine& engine, const std::string& what,
                       const std::string& where) {
    const auto found = rings_.find(buffer.ring());
    if (found == rings_.end()) {
      Report(where, what + " ring " + Str(buffer.ring()) + " is not defined in this layer");
      return;
    }
    const Ring& ring = *found->second;
    const std::string reach = ReachProblem(engine, ring.tile());
    if (!reach.empty()) Report(where, what + " in ring " + Str(ring.id()) + ": " + reach);
    if (buffer.step() != 0 || buffer.pingpong_offset() != 0) {
      Report(where, what + " in ring " + Str(ring.id()) + " has a step or ping/pong offset");
    }
    if (buffer.window() >= ring.depth()) {
      Report(where, what + " window " + Str(buffer.window()) + " >= ring " + Str(ring.id()) +
                        " depth " + Str(ring.depth()));
    }
    if (RegionBytes(buffer.region()) == 0) return;
    Wide low = 0;
    Wide high = 0;
    RegionReach(buffer.region(), &low, &high);
    const Wide first = static_cast<Wide>(buffer.region().address()) + low;
    const Wide last = static_cast<Wide>(buffer.region().address()) + high;
    if (first < 0 || last >= static_cast<Wide>(ring.object_bytes())) {
      Report(where, what + " touches bytes [" + WideString(first) + ", " + WideString(last) +
                        "] of ring " + Str(ring.id()) + "'s " + Str(ring.object_bytes()) +
                        " B objects");
    }
  }

  // A buffer: in a ring, or plainly in the engine's memory for `iterations`.
  void CheckBuffer(const Buffer& buffer, const Engine& engine, uint32_t iterations,
                   const TileFacts& facts, const std::string& what, const std::string& where) {
    if (buffer.ring() != 0) {
      CheckRingBuffer(buffer, engine, what, where);
      return;
    }
    const std::string problem =
        BufferProblem(buffer, iterations, facts.memory_bytes, facts.memory_name);
    if (!problem.empty()) Report(where, what + " " + problem);
  }

  void CheckLayer(const Layer& layer, const std::string& where) {
    routes_.clear();
    CheckRings(layer, where);
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
    GroupTally tally;
    tally.iterations = group.iterations();
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
      CheckInstructions(stream.instructions(), engine, group.iterations(), group.iterations(),
                        stream_where + ": instruction ", &tally);
    }
    for (const Engine& channel : tally.task_channels) {
      if (seen.count(channel) > 0) {
        Report(where + ": " + EngineName(channel), "has a stream and controller tasks");
      }
    }
    for (const auto& [channel, awaited] : tally.tokens_awaited) {
      const auto issued = tally.tokens_issued.find(channel);
      const Wide count = issued == tally.tokens_issued.end() ? 0 : issued->second;
      if (awaited > count) {
        Report(where + ": controller", "awaits " + WideString(awaited) + " tokens from " +
                                           EngineName(channel) + ", which issues " +
                                           WideString(count));
      }
    }
    CheckRouteBalance(tally.sides, where);
    for (const auto& [tile, needed] : tally.bds) {
      const uint32_t available = FactsOf(tile.kind(), config_).dma->bds;
      if (needed > available) {
        Report(
            where + ": " + TileName(tile),
            Str(needed) + " BDs needed, " + TileKindName(tile.kind()) + " has " + Str(available));
      }
    }
  }

  // `times`: how often each instruction of the list runs in the group (loops x iterations).
  void CheckInstructions(const google::protobuf::RepeatedPtrField<Instruction>& instructions,
                         const Engine& engine, uint32_t iterations, Wide times,
                         const std::string& prefix, GroupTally* tally) {
    for (int i = 0; i < instructions.size(); ++i) {
      const Instruction& instruction = instructions.Get(i);
      const std::string where = prefix + std::to_string(i);
      if (!instruction.has_loop()) {
        CheckInstruction(instruction, engine, iterations, times, where, tally);
        continue;
      }
      const Loop& loop = instruction.loop();
      if (loop.count() == 0) Report(where, "loop count 0 (must be >= 1)");
      if (loop.body().empty()) Report(where, "loop has an empty body");
      // Saturate: no route moves 2^100 bytes, so a huge product only fails the balance check.
      const Wide limit = static_cast<Wide>(1) << 100;
      Wide inner = times * static_cast<Wide>(loop.count());
      if (inner > limit) inner = limit;
      CheckInstructions(loop.body(), engine, iterations, inner, where + ".", tally);
    }
  }

  void CheckInstruction(const Instruction& instruction, const Engine& engine, uint32_t iterations,
                        Wide times, const std::string& where, GroupTally* tally) {
    const bool controller = engine.kind() == CONTROLLER;
    const bool controller_op = instruction.has_push_task() || instruction.has_await_token() ||
                               instruction.has_write_word() || instruction.has_set_lock();
    if (controller && !controller_op) {
      Report(where, "the controller runs only push_task, await_token, write_word and set_lock");
      return;
    }
    if (!controller && controller_op) {
      Report(where, "a controller instruction on " + EngineName(engine));
      return;
    }
    switch (instruction.op_case()) {
      case Instruction::kAcquire:
        CheckLock(instruction.acquire().lock(), engine, where);
        CheckLockValue("acquire", instruction.acquire().value(), where);
        break;
      case Instruction::kRelease:
        CheckLock(instruction.release().lock(), engine, where);
        CheckLockValue("release", instruction.release().value(), where);
        if (instruction.release().ring() != 0 && rings_.count(instruction.release().ring()) == 0) {
          Report(where, "release advances ring " + Str(instruction.release().ring()) +
                            ", which is not defined in this layer");
        }
        break;
      case Instruction::kTransfer: {
        if (engine.kind() == PROCESSOR) {
          Report(where, "transfer on a processor");
          break;
        }
        if (!DataKind_IsValid(instruction.transfer().data())) {
          Report(where, "unknown data kind " + std::to_string(instruction.transfer().data()));
        }
        const Buffer& buffer = instruction.transfer().buffer();
        uint64_t bds = buffer.pingpong_offset() != 0 ? 2 : 1;
        const auto ring = rings_.find(buffer.ring());
        if (buffer.ring() != 0 && ring != rings_.end()) bds = ring->second->depth();
        tally->bds[TileOf(engine)] += bds;
        CheckTransfer(instruction.transfer(), engine, iterations, times, where, tally);
        break;
      }
      case Instruction::kCompute:
        if (engine.kind() != PROCESSOR) {
          Report(where, "compute on a DMA channel");
          break;
        }
        CheckCompute(instruction.compute(), engine, iterations, where);
        break;
      case Instruction::kPushTask:
        CheckPushTask(instruction.push_task(), times, where, tally);
        break;
      case Instruction::kAwaitToken: {
        const Engine& channel = instruction.await_token().channel();
        if (CheckTaskChannel(channel, "await_token on", where)) {
          tally->tokens_awaited[channel] += times;
        }
        break;
      }
      case Instruction::kWriteWord: {
        const WriteWord& write = instruction.write_word();
        const Tile& tile = write.tile();
        const std::string problem = TileProblem(tile.kind(), tile.column(), tile.row(), config_);
        if (!problem.empty()) {
          Report(where, "write_word: no such tile: " + problem);
        } else if (write.address() + 4 > FactsOf(tile.kind(), config_).memory_bytes) {
          Report(where, "write_word at " + Str(write.address()) + " outside " + TileName(tile) +
                            " memory (" + Str(FactsOf(tile.kind(), config_).memory_bytes) + " B)");
        }
        break;
      }
      case Instruction::kSetLock: {
        const SetLock& set = instruction.set_lock();
        LockRef lock;
        *lock.mutable_tile() = set.tile();
        lock.set_id(set.lock());
        CheckLock(lock, engine, where);
        CheckLockValue("set_lock", set.value(), where);
        break;
      }
      default:
        Report(where, "empty instruction");
    }
  }

  // True when `channel` is a shim DMA channel that exists.
  bool CheckTaskChannel(const Engine& channel, const std::string& what, const std::string& where) {
    const std::string problem = EngineProblem(channel, config_);
    if (!problem.empty()) {
      Report(where, what + " " + EngineName(channel) + ": no such engine: " + problem);
      return false;
    }
    if (channel.tile() != SHIM || (channel.kind() != MM2S && channel.kind() != S2MM)) {
      Report(where, what + " " + EngineName(channel) + ": tasks go to shim DMA channels");
      return false;
    }
    return true;
  }

  void CheckPushTask(const PushTask& push, Wide times, const std::string& where,
                     GroupTally* tally) {
    if (!CheckTaskChannel(push.channel(), "push_task to", where)) return;
    if (push.repeat() == 0) Report(where, "push_task repeat 0 (must be >= 1)");
    tally->task_channels.insert(push.channel());
    const Wide runs = times * static_cast<Wide>(push.repeat());
    if (push.issue_token()) tally->tokens_issued[push.channel()] += times;
    CheckTransfer(push.transfer(), push.channel(), 1, runs, where, tally);
  }

  void CheckLockValue(const char* op, uint32_t value, const std::string& where) {
    if (value > kMaxLockValue) {
      Report(where, std::string(op) + " value " + Str(value) + " > " + Str(kMaxLockValue));
    }
  }

  void CheckLock(const LockRef& lock, const Engine& engine, const std::string& where) {
    Tile tile = TileOf(engine);
    if (lock.tile().kind() != TILE_KIND_UNSPECIFIED) {
      tile = lock.tile();
      const std::string problem = TileProblem(tile.kind(), tile.column(), tile.row(), config_);
      if (!problem.empty()) {
        Report(where, "lock tile: no such tile: " + problem);
        return;
      }
      if (lock.column_offset() != 0) {
        Report(where, "a lock names either its tile or a column_offset, not both");
        return;
      }
      const std::string reach = ReachProblem(engine, tile);
      if (!reach.empty()) {
        Report(where, "lock L" + Str(lock.id()) + ": " + reach);
        return;
      }
    } else if (engine.kind() == CONTROLLER) {
      Report(where, "the controller's locks name their tile");
      return;
    }
    const int32_t offset = lock.column_offset();
    if (offset != 0) {
      const std::string named = "column_offset " + std::to_string(offset);
      const uint32_t neighbour_channels =
          FactsOf(MEMTILE, config_).neighbour_lock_channels;
      const std::string rule = " (only memtile channels 0.." + Str(neighbour_channels - 1) +
                               " may use a neighbour's locks)";
      if (FactsOf(engine.tile(), config_).neighbour_lock_channels == 0) {
        Report(where, named + " on a " + TileKindName(engine.tile()) + " lock" + rule);
        return;
      }
      if (engine.channel() >= neighbour_channels) {
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
                     Wide times, const std::string& where, GroupTally* tally) {
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
    if (region_ok) CheckBuffer(transfer.buffer(), engine, iterations, facts, "buffer", where);
    // Balance is judged on what the DMA actually moves: the region, not the `bytes` field.
    if (route_ok) tally->sides[transfer.route()][engine] += static_cast<Wide>(region_bytes) * times;
  }

  void CheckCompute(const Compute& compute, const Engine& engine, uint32_t iterations,
                    const std::string& where) {
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
      CheckBuffer(*buffer, engine, iterations, facts, std::string("compute ") + name + " buffer",
                  where);
    }
    if (compute.kernel_class() != KERNEL_CLASS_UNSPECIFIED &&
        KernelClass_IsValid(compute.kernel_class()) && compute.work() == 0) {
      Report(where, "compute of kernel class " + KernelClass_Name(compute.kernel_class()) +
                        " has no work");
    }
    if (!KernelClass_IsValid(compute.kernel_class())) {
      Report(where, "unknown kernel class " + std::to_string(compute.kernel_class()));
    }
  }

  // Every route used in the group has all its sides present, and its source sends as many bytes
  // as each destination receives (a byte stream, program.proto v2).
  void CheckRouteBalance(const std::map<uint32_t, std::map<Engine, Wide, EngineLess>>& sides,
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
        if (source == engines.end() || source->second == side->second) continue;
        Report(route_where, "unmatched bytes: " + source_name + " sends " +
                                WideString(source->second) + " B, " + destination_name +
                                " receives " + WideString(side->second) + " B");
      }
    }
  }

  const Program& program_;
  const arch::HardwareConfig& config_;
  std::map<uint32_t, const Route*> routes_;  // of the current layer, first definition per id
  std::map<uint32_t, const Ring*> rings_;    // of the current layer, first definition per id
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
