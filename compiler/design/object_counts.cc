#include "compiler/design/object_counts.h"

#include "compiler/design/access_pattern.h"
#include "sim/base/error.h"

namespace aie2sim::design {
namespace {

constexpr uint64_t kHostAlignment = 4096;

class HoldWalker {
 public:
  HoldWalker(LoweringState& state, const Core& core) : state_(state), core_(core) {}

  void Run() {
    Walk(core_.body, 1);
    for (const auto& [fifo, held] : held_) {
      if (held != 0) {
        throw UserError(core_.where + ": holds " + std::to_string(held) + " object(s) of fifo " +
                        fifo + " when its body ends (each run must release what it acquires)");
      }
    }
  }

 private:
  const Fifo& FifoOf(const std::string& name, const std::string& where) {
    const auto found = state_.fifo_index.find(name);
    if (found == state_.fifo_index.end()) {
      throw UserError(where + ": unknown fifo \"" + name + "\"");
    }
    const Fifo& fifo = *state_.fifos[found->second].fifo;
    if (!EndpointOf(fifo, core_.tile)) {
      throw UserError(where + ": " + TileName(core_.tile) + " neither produces nor consumes fifo " +
                      name);
    }
    return fifo;
  }

  void CheckArg(const KernelArg& arg, const std::string& where) {
    FifoOf(arg.fifo, where);
    const uint32_t held = held_[arg.fifo];
    if (arg.window >= held) {
      throw UserError(where + ": the kernel uses " + arg.fifo + "[" + std::to_string(arg.window) +
                      "] while holding " + std::to_string(held) + " object(s) of it");
    }
  }

  void Walk(const std::vector<CoreOp>& body, uint64_t times) {
    for (const CoreOp& op : body) {
      switch (op.kind) {
        case CoreOp::Kind::kAcquire: {
          const Fifo& fifo = FifoOf(op.name, op.where);
          const int end = *EndpointOf(fifo, core_.tile);
          const uint32_t depth = end == kProducer ? fifo.producer.depth : fifo.consumers[end].depth;
          if (op.count > depth) {
            throw UserError(op.where + ": acquires " + std::to_string(op.count) +
                            " objects of fifo " + op.name + ", whose depth here is " +
                            std::to_string(depth));
          }
          held_[op.name] = std::max(held_[op.name], op.count);
          break;
        }
        case CoreOp::Kind::kRelease: {
          FifoOf(op.name, op.where);
          uint32_t& held = held_[op.name];
          if (op.count > held) {
            throw UserError(op.where + ": releases " + std::to_string(op.count) +
                            " object(s) of fifo " + op.name + " while holding " +
                            std::to_string(held));
          }
          held -= op.count;
          uint64_t& released = state_.released[{core_.tile, op.name}];
          if (__builtin_mul_overflow(times, uint64_t{op.count}, &times_count_) ||
              __builtin_add_overflow(released, times_count_, &released)) {
            throw UserError(op.where + ": the object count overflows");
          }
          break;
        }
        case CoreOp::Kind::kKernel:
          for (const KernelArg& arg : op.inputs) CheckArg(arg, op.where);
          if (op.output) CheckArg(*op.output, op.where);
          break;
        case CoreOp::Kind::kLoop: {
          const std::map<std::string, uint32_t> entry = held_;
          uint64_t inner = 0;
          if (__builtin_mul_overflow(times, op.loop_count, &inner)) {
            throw UserError(op.where + ": the loop's trip counts overflow");
          }
          Walk(op.body, inner);
          for (const auto& [fifo, held] : held_) {
            const auto before = entry.find(fifo);
            const uint32_t at_entry = before == entry.end() ? 0 : before->second;
            if (held != at_entry) {
              throw UserError(op.where + ": loop: fifo " + fifo + " is held " +
                              std::to_string(at_entry) + " at the loop's entry but " +
                              std::to_string(held) +
                              " at its end (every iteration must start alike)");
            }
          }
          break;
        }
        case CoreOp::Kind::kAcquireLock:
        case CoreOp::Kind::kReleaseLock: {
          bool declared = false;
          for (const CoreLock& lock : core_.locks) declared = declared || lock.name == op.name;
          if (!declared) {
            throw UserError(op.where + ": lock \"" + op.name + "\" is not declared in " +
                            TileName(core_.tile) + "'s locks");
          }
          break;
        }
      }
    }
  }

  LoweringState& state_;
  const Core& core_;
  std::map<std::string, uint32_t> held_;
  uint64_t times_count_ = 0;
};

// Bytes per run of every FIFO, from whichever end knows, checked where two ends meet.
class ByteCounts {
 public:
  explicit ByteCounts(LoweringState& state) : state_(state) {}

  void Set(const std::string& name, uint64_t bytes, const std::string& who) {
    FifoState& fifo = state_.Fifo(name);
    if (bytes % fifo.fifo->object_bytes != 0) {
      throw UserError(fifo.fifo->where + ": " + who + " " + std::to_string(bytes) +
                      " B per run, not a whole number of its " +
                      std::to_string(fifo.fifo->object_bytes) + " B objects");
    }
    if (fifo.bytes_source.empty()) {
      fifo.bytes_per_run = bytes;
      fifo.bytes_source = who;
      changed_ = true;
    } else if (fifo.bytes_per_run != bytes) {
      throw UserError(fifo.fifo->where + ": " + fifo.bytes_source + " " +
                      std::to_string(fifo.bytes_per_run) + " B per run, but " + who + " " +
                      std::to_string(bytes) + " B (every end moves the same bytes)");
    }
  }
  bool Known(const std::string& name) const { return !state_.Fifo(name).bytes_source.empty(); }
  uint64_t Bytes(const std::string& name) const { return state_.Fifo(name).bytes_per_run; }
  uint64_t ObjectBytes(const std::string& name) const {
    return state_.Fifo(name).fifo->object_bytes;
  }

  // One pass over the links; true when it learnt something.
  bool PropagateLinks() {
    changed_ = false;
    for (const Link& link : state_.design->links) {
      const bool distribute = link.to.size() > 1;
      const bool join = link.from.size() > 1;
      const std::vector<LinkEnd>& many = join ? link.from : link.to;
      const std::string& single = join ? link.to[0].fifo : link.from[0].fifo;
      const std::string via = "the link at " + link.where + " passes";
      if (!distribute && !join) {
        if (Known(single)) Set(link.to[0].fifo, Bytes(single), via);
        if (Known(link.to[0].fifo)) Set(single, Bytes(link.to[0].fifo), via);
        continue;
      }
      // Memtile objects per run: one per object of the single side and of each many side.
      std::optional<uint64_t> objects;
      if (Known(single)) objects = Bytes(single) / ObjectBytes(single);
      for (const LinkEnd& end : many) {
        if (!objects && Known(end.fifo)) objects = Bytes(end.fifo) / ObjectBytes(end.fifo);
      }
      if (!objects) continue;
      Set(single, *objects * ObjectBytes(single), via);
      for (const LinkEnd& end : many) Set(end.fifo, *objects * ObjectBytes(end.fifo), via);
    }
    return changed_;
  }

 private:
  LoweringState& state_;
  bool changed_ = false;
};

}  // namespace

void CountObjects(LoweringState& state) {
  const Design& design = *state.design;
  for (const Core& core : design.cores) HoldWalker(state, core).Run();

  uint64_t address = 0;
  std::map<std::string, const HostBuffer*> buffers;
  for (const HostBuffer& buffer : design.host_buffers) {
    state.host_address[buffer.name] = address;
    buffers[buffer.name] = &buffer;
    address += (buffer.bytes + kHostAlignment - 1) / kHostAlignment * kHostAlignment;
  }

  ByteCounts counts(state);
  // Shim ends: the runtime sequence's transfers.
  std::map<std::string, uint64_t> host_bytes;
  for (const SequenceOp& op : design.sequence) {
    if (op.kind != SequenceOp::Kind::kFill && op.kind != SequenceOp::Kind::kDrain) continue;
    const auto found = state.fifo_index.find(op.fifo);
    if (found == state.fifo_index.end()) {
      throw UserError(op.where + ": unknown fifo \"" + op.fifo + "\"");
    }
    const Fifo& fifo = *state.fifos[found->second].fifo;
    const bool fill = op.kind == SequenceOp::Kind::kFill;
    if (fill && !fifo.producer.tile.IsShim()) {
      throw UserError(op.where + ": fifo " + op.fifo + " is produced by " +
                      TileName(fifo.producer.tile) + ", not by a shim: the host cannot fill it");
    }
    if (!fill) {
      size_t shims = 0;
      for (const Endpoint& consumer : fifo.consumers) shims += consumer.tile.IsShim();
      if (shims != 1) {
        throw UserError(op.where + ": fifo " + op.fifo +
                        " must have exactly one shim consumer for the host to drain it");
      }
    }
    const auto buffer = buffers.find(op.buffer);
    if (buffer == buffers.end()) {
      throw UserError(op.where + ": unknown host buffer \"" + op.buffer + "\"");
    }
    host_bytes[op.fifo] += LowerHostTransfer(op, *buffer->second, 0).bytes;
  }
  for (const auto& [name, bytes] : host_bytes) {
    const Fifo& fifo = *state.Fifo(name).fifo;
    counts.Set(
        name, bytes,
        "the runtime sequence " + std::string(fifo.producer.tile.IsShim() ? "fills" : "drains"));
  }
  for (const FifoState& fifo_state : state.fifos) {
    const Fifo& fifo = *fifo_state.fifo;
    if (fifo.producer.tile.IsShim() && !host_bytes.count(fifo.name)) {
      throw UserError(fifo.where + ": the runtime sequence never fills it");
    }
    for (const Endpoint& consumer : fifo.consumers) {
      if (consumer.tile.IsShim() && !host_bytes.count(fifo.name)) {
        throw UserError(fifo.where + ": the runtime sequence never drains it");
      }
    }
    std::vector<TilePos> cores;
    if (fifo.producer.tile.IsCore()) cores.push_back(fifo.producer.tile);
    for (const Endpoint& consumer : fifo.consumers) {
      if (consumer.tile.IsCore()) cores.push_back(consumer.tile);
    }
    for (const TilePos& core : cores) {
      const auto released = state.released.find({core, fifo.name});
      const uint64_t objects = released == state.released.end() ? 0 : released->second;
      counts.Set(fifo.name, objects * fifo.object_bytes,
                 TileName(core) + (core == fifo.producer.tile ? " produces" : " consumes"));
    }
  }
  while (counts.PropagateLinks()) {
  }
  for (const FifoState& fifo : state.fifos) {
    if (fifo.bytes_source.empty()) {
      throw UserError(fifo.fifo->where +
                      ": nothing says how many objects it moves per run (no core, runtime "
                      "transfer or link reaches it)");
    }
    if (fifo.bytes_per_run == 0) {
      throw UserError(fifo.fifo->where + ": moves nothing in a run (" + fifo.bytes_source +
                      " 0 B)");
    }
  }
}

}  // namespace aie2sim::design
