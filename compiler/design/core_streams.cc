#include "compiler/design/core_streams.h"

#include "sim/isa/program_builder.h"

namespace aie2sim::design {
namespace {

class CoreStream {
 public:
  CoreStream(LoweringState& state, const Core& core)
      : state_(state), core_(core), tile_(ToTile(core.tile)) {}

  void Run() {
    isa::Stream* stream =
        isa::StreamFor(state_.group, isa::CoreProcessor(tile_.row(), tile_.column()));
    for (const isa::Instruction& instruction : Body(core_.body)) {
      *stream->add_instructions() = instruction;
    }
  }

 private:
  // The ring this core uses for `fifo` and whether it produces it.
  std::pair<const RingSide*, bool> RingOf(const std::string& fifo) {
    const FifoState& state = state_.Fifo(fifo);
    const int end = *EndpointOf(*state.fifo, core_.tile);
    if (end == kProducer) return {&*state.producer_ring, true};
    return {&*state.consumer_rings[end], false};
  }
  const isa::Tile* Foreign(const RingSide& ring) const {
    const bool own = ring.tile.kind() == tile_.kind() && ring.tile.column() == tile_.column() &&
                     ring.tile.row() == tile_.row();
    return own ? nullptr : &ring.tile;
  }
  isa::Buffer Arg(const KernelArg& arg) {
    const RingSide& ring = *RingOf(arg.fifo).first;
    return isa::RingBuffer(ring.ring, arg.window, static_cast<uint32_t>(ring.object_bytes));
  }

  std::vector<isa::Instruction> Body(const std::vector<CoreOp>& body) {
    std::vector<isa::Instruction> out;
    for (const CoreOp& op : body) {
      switch (op.kind) {
        case CoreOp::Kind::kAcquire: {
          const auto [ring, produces] = RingOf(op.name);
          uint32_t& held = held_[op.name];
          const uint32_t fresh = NewlyAcquired(held, op.count);
          held = std::max(held, op.count);
          if (fresh == 0) break;
          const uint32_t lock = produces ? ring->free_lock : ring->full_lock;
          const isa::Tile* foreign = Foreign(*ring);
          out.push_back(foreign ? isa::AcquireAt(*foreign, lock, fresh)
                                : isa::AcquireOp(lock, fresh));
          break;
        }
        case CoreOp::Kind::kRelease: {
          const auto [ring, produces] = RingOf(op.name);
          held_[op.name] -= op.count;
          const uint32_t lock = produces ? ring->full_lock : ring->free_lock;
          out.push_back(isa::ReleaseRing(lock, op.count, ring->ring, Foreign(*ring)));
          break;
        }
        case CoreOp::Kind::kKernel: {
          const isa::Buffer none;
          out.push_back(isa::KernelCallOp(
              op.kernel_class, op.work, op.inputs.size() > 0 ? Arg(op.inputs[0]) : none,
              op.inputs.size() > 1 ? Arg(op.inputs[1]) : none, op.output ? Arg(*op.output) : none));
          break;
        }
        case CoreOp::Kind::kLoop:
          out.push_back(isa::LoopOp(op.loop_count, Body(op.body)));
          break;
        case CoreOp::Kind::kAcquireLock:
          out.push_back(isa::AcquireOp(state_.tiles[core_.tile].named_locks.at(op.name), op.count));
          break;
        case CoreOp::Kind::kReleaseLock:
          out.push_back(isa::ReleaseOp(state_.tiles[core_.tile].named_locks.at(op.name), op.count));
          break;
      }
    }
    return out;
  }

  LoweringState& state_;
  const Core& core_;
  const isa::Tile tile_;
  std::map<std::string, uint32_t> held_;
};

}  // namespace

void EmitCoreStreams(LoweringState& state) {
  for (const Core& core : state.design->cores) CoreStream(state, core).Run();
}

}  // namespace aie2sim::design
