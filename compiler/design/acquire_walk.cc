#include "compiler/design/acquire_walk.h"

#include <algorithm>
#include <deque>
#include <map>
#include <vector>

#include "sim/isa/program_io.h"

namespace aie2sim::design {
namespace {

using Instructions = google::protobuf::RepeatedPtrField<isa::Instruction>;

enum class Move { kNone, kMoving, kDone };  // a side's transfer

struct Task {
  uint32_t route = 0;
  uint64_t bytes = 0;
  uint32_t repeat = 1;
  bool token = false;
};

struct Frame {
  const Instructions* body = nullptr;
  int index = 0;
  uint64_t left = 0;  // runs of the body still to start, this one included
};

struct Walker {
  std::string name;
  isa::Tile tile;
  bool channel = false;  // a shim channel the controller feeds
  std::vector<Frame> frames;
  Move move = Move::kNone;
  uint32_t route = 0;
  uint64_t remaining = 0;
  std::map<uint32_t, uint64_t> cursor;  // per ring
  // A shim channel's tasks.
  std::deque<Task> queue;
  bool running = false;
  Task task;
  uint32_t runs_left = 0;
  uint64_t tokens = 0;
};

class Walk {
 public:
  Walk(const isa::Program& program, const DesignNames& names, uint32_t depth, size_t max_lines)
      : names_(names), depth_(depth), max_lines_(max_lines) {
    const isa::Layer& layer = program.layers(0);
    for (const isa::LockInit& init : layer.lock_inits()) {
      locks_[LockKey(init.tile(), init.lock())] = init.value();
    }
    for (const isa::Ring& ring : layer.rings()) rings_[ring.id()] = &ring;
    for (const isa::Route& route : layer.routes()) {
      std::vector<std::string> sides = {isa::EngineName(route.source())};
      for (const isa::Engine& destination : route.destinations()) {
        sides.push_back(isa::EngineName(destination));
      }
      routes_[route.id()] = sides;
    }
    for (const isa::Stream& stream : layer.groups(0).streams()) {
      Add(stream.engine()).frames.push_back({&stream.instructions(), 0, 1});
    }
    // The shim channels the controller feeds, before any step holds a reference into walkers_.
    for (const isa::Stream& stream : layer.groups(0).streams()) AddChannels(stream.instructions());
  }

  std::string Run() {
    for (uint64_t round = 0; round < kMaxRounds; ++round) {
      bool progress = false;
      for (size_t i = 0; i < walkers_.size(); ++i) progress = Step(walkers_[i]) || progress;
      progress = MoveRoutes() || progress;
      if (!progress) break;
    }
    for (const Walker& walker : walkers_) {
      if (walker.channel || walker.frames.empty()) continue;
      const Frame& frame = walker.frames.back();
      const isa::Instruction& next = frame.body->Get(frame.index);
      out_ += "end: " + walker.name + (next.has_acquire() ? " idle at " : " stuck at ") +
              Describe(walker, next) + "\n";
    }
    if (lines_ > max_lines_) {
      out_ += "(" + std::to_string(lines_ - max_lines_) + " more acquires not shown)\n";
    }
    return out_;
  }

 private:
  static constexpr uint64_t kMaxRounds = 10'000'000;

  Walker& Add(const isa::Engine& engine) {
    const std::string name = isa::EngineName(engine);
    const auto found = index_.find(name);
    if (found != index_.end()) return walkers_[found->second];
    index_[name] = walkers_.size();
    Walker walker;
    walker.name = name;
    if (engine.kind() != isa::CONTROLLER) walker.tile = isa::TileOf(engine);
    walkers_.push_back(walker);
    return walkers_.back();
  }

  void AddChannels(const Instructions& instructions) {
    for (const isa::Instruction& instruction : instructions) {
      if (instruction.has_push_task()) Add(instruction.push_task().channel()).channel = true;
      if (instruction.has_await_token()) Add(instruction.await_token().channel()).channel = true;
      if (instruction.has_loop()) AddChannels(instruction.loop().body());
    }
  }
  Walker& Channel(const isa::Engine& engine) {
    return walkers_[index_.at(isa::EngineName(engine))];
  }

  static std::string LockKey(const isa::Tile& tile, uint32_t lock) {
    return isa::TileName(tile) + " L" + std::to_string(lock);
  }
  std::string LockKeyOf(const Walker& walker, const isa::LockRef& ref) const {
    isa::Tile tile = ref.has_tile() && ref.tile().kind() != isa::TILE_KIND_UNSPECIFIED
                         ? ref.tile()
                         : walker.tile;
    tile.set_column(
        static_cast<uint32_t>(static_cast<int64_t>(tile.column()) + ref.column_offset()));
    return LockKey(tile, ref.id());
  }

  std::string Describe(const Walker& walker, const isa::Instruction& instruction) const {
    if (instruction.has_acquire()) {
      const std::string key = LockKeyOf(walker, instruction.acquire().lock());
      const auto value = locks_.find(key);
      return "acq " + key + " " + std::to_string(instruction.acquire().value()) + " (value " +
             std::to_string(value == locks_.end() ? 0 : value->second) + ")";
    }
    if (instruction.has_transfer()) {
      return "route " + std::to_string(instruction.transfer().route());
    }
    if (instruction.has_await_token()) {
      return "await " + isa::EngineName(instruction.await_token().channel());
    }
    if (instruction.has_push_task())
      return "push " + isa::EngineName(instruction.push_task().channel());
    return "an instruction";
  }

  void Log(const Walker& walker, const std::string& key, uint32_t value, uint32_t before) {
    if (++lines_ > max_lines_) return;
    std::string line = walker.name + ": acq " + key;
    const auto named = names_.locks.find(key);
    if (named != names_.locks.end()) line += " [" + named->second + "]";
    line += " " + std::to_string(value) + ": " + std::to_string(before) + " -> " +
            std::to_string(before - value);
    const auto ring = names_.lock_rings.find(key);
    if (ring != names_.lock_rings.end() && rings_.count(ring->second)) {
      const isa::Ring& r = *rings_.at(ring->second);
      const auto cursor = walker.cursor.find(r.id());
      line += ", " + r.name() + " at " +
              std::to_string((cursor == walker.cursor.end() ? 0 : cursor->second) % r.depth());
    }
    out_ += line + "\n";
  }

  // A shim channel: takes queued tasks and runs each `repeat` times.
  bool StepChannel(Walker& walker) {
    bool progress = false;
    for (;;) {
      if (walker.move == Move::kMoving) return progress;
      if (walker.move == Move::kDone) walker.move = Move::kNone;
      if (walker.running && walker.runs_left > 0) {
        --walker.runs_left;
        walker.move = Move::kMoving;
        walker.route = walker.task.route;
        walker.remaining = walker.task.bytes;
        return true;
      }
      if (walker.running) {
        walker.running = false;
        if (walker.task.token) ++walker.tokens;
        progress = true;
        continue;
      }
      if (walker.queue.empty()) return progress;
      walker.task = walker.queue.front();
      walker.queue.pop_front();
      walker.running = true;
      walker.runs_left = walker.task.repeat;
      progress = true;
    }
  }

  bool Step(Walker& walker) {
    if (walker.channel) return StepChannel(walker);
    bool progress = false;
    while (!walker.frames.empty()) {
      Frame& frame = walker.frames.back();
      if (frame.index == frame.body->size()) {
        if (--frame.left > 0) {
          frame.index = 0;
        } else {
          walker.frames.pop_back();
        }
        progress = true;
        continue;
      }
      const isa::Instruction& instruction = frame.body->Get(frame.index);
      if (instruction.has_acquire()) {
        const std::string key = LockKeyOf(walker, instruction.acquire().lock());
        const uint32_t value = instruction.acquire().value();
        int64_t& lock = locks_[key];
        if (lock < value) return progress;
        Log(walker, key, value, static_cast<uint32_t>(lock));
        lock -= value;
      } else if (instruction.has_release()) {
        const isa::Release& release = instruction.release();
        locks_[LockKeyOf(walker, release.lock())] += release.value();
        if (release.ring() != 0) walker.cursor[release.ring()] += release.value();
      } else if (instruction.has_transfer()) {
        if (walker.move == Move::kNone) {
          walker.move = Move::kMoving;
          walker.route = instruction.transfer().route();
          walker.remaining = instruction.transfer().bytes();
          return true;
        }
        if (walker.move == Move::kMoving) return progress;
        walker.move = Move::kNone;
      } else if (instruction.has_loop()) {
        ++frame.index;
        walker.frames.push_back({&instruction.loop().body(), 0, instruction.loop().count()});
        progress = true;
        continue;
      } else if (instruction.has_push_task()) {
        const isa::PushTask& push = instruction.push_task();
        Walker& channel = Channel(push.channel());
        if (channel.queue.size() >= depth_) return progress;
        channel.queue.push_back(
            {push.transfer().route(), push.transfer().bytes(), push.repeat(), push.issue_token()});
      } else if (instruction.has_await_token()) {
        Walker& channel = Channel(instruction.await_token().channel());
        if (channel.tokens == 0) return progress;
        --channel.tokens;
      } else if (instruction.has_set_lock()) {
        locks_[LockKey(instruction.set_lock().tile(), instruction.set_lock().lock())] =
            instruction.set_lock().value();
      }
      // Computes and runtime-parameter writes take no part in synchronisation.
      ++frame.index;
      progress = true;
    }
    return progress;
  }

  bool MoveRoutes() {
    bool progress = false;
    for (const auto& [id, sides] : routes_) {
      std::vector<Walker*> walkers;
      uint64_t chunk = UINT64_MAX;
      for (const std::string& side : sides) {
        const auto found = index_.find(side);
        if (found == index_.end()) break;
        Walker& walker = walkers_[found->second];
        if (walker.move != Move::kMoving || walker.route != id) break;
        walkers.push_back(&walker);
        chunk = std::min(chunk, walker.remaining);
      }
      if (walkers.size() != sides.size()) continue;
      for (Walker* walker : walkers) {
        walker->remaining -= chunk;
        if (walker->remaining == 0) walker->move = Move::kDone;
      }
      progress = true;
    }
    return progress;
  }

  const DesignNames& names_;
  const uint32_t depth_;
  const size_t max_lines_;
  std::map<std::string, int64_t> locks_;
  std::map<uint32_t, const isa::Ring*> rings_;
  std::map<uint32_t, std::vector<std::string>> routes_;
  std::vector<Walker> walkers_;
  std::map<std::string, size_t> index_;
  std::string out_;
  size_t lines_ = 0;
};

}  // namespace

std::string WalkAcquires(const isa::Program& program, const DesignNames& names,
                         uint32_t task_queue_depth, size_t max_lines) {
  return Walk(program, names, task_queue_depth, max_lines).Run();
}

}  // namespace aie2sim::design
