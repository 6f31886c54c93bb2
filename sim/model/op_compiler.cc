#include "sim/model/op_compiler.h"

#include "sim/base/error.h"
#include "sim/isa/kernel_classes.h"
#include "sim/isa/listing.h"
#include "sim/isa/program_io.h"
#include "sim/isa/region_walk.h"
#include "sim/model/lock_unit.h"

namespace aie2sim::model {

OpCompiler::OpCompiler(const ModelContext& context, Array& array, const RouteTable& routes)
    : context_(context),
      array_(array),
      routes_(routes),
      macs_per_cycle_(context.config.core.macs_per_cycle.int8 * context.timing.kernel_efficiency),
      vector_ops_per_cycle_(context.config.core.vector_ops_per_cycle *
                            context.timing.kernel_efficiency),
      kernel_effects_(isa::KernelEffectsApply(context.config)) {}

const TraceLabel* OpCompiler::Intern(TraceLabel label) {
  std::string key = label.mnemonic + '\n' + trace::SliceKindName(label.kind) + '\n' + label.from +
                    '\n' + label.to;
  return &labels_.try_emplace(std::move(key), std::move(label)).first->second;
}

namespace {

trace::SliceKind KindOfMnemonic(const std::string& mnemonic) {
  for (size_t i = 0; i < trace::kSliceKindNames.size(); ++i) {
    if (mnemonic == trace::kSliceKindNames[i]) return static_cast<trace::SliceKind>(i);
  }
  return trace::SliceKind::kOther;
}

}  // namespace

std::string OpCompiler::Where::Text() const {
  return "layer " + layer.name() + " group " + group.name() + ": " + engine.engine_name() +
         ": instruction " + std::to_string(index);
}

void OpCompiler::BeginLayer(const isa::Layer& layer) {
  rings_.clear();
  ring_ids_.clear();
  task_ops_.clear();
  for (const isa::Ring& ring : layer.rings()) {
    RingInfo info;
    info.id = ring.id();
    info.index = static_cast<uint32_t>(rings_.size());
    info.address = static_cast<int64_t>(ring.address());
    info.object_bytes = static_cast<int64_t>(ring.object_bytes());
    info.depth = ring.depth();
    info.memory = array_.FindMemory(ring.tile().kind(), ring.tile().column(), ring.tile().row());
    if (info.depth == 0 || !ring_ids_.emplace(ring.id(), info.index).second) {
      throw InternalError("layer " + layer.name() + ": ring " + std::to_string(ring.id()) +
                          " is empty or defined twice");
    }
    rings_.push_back(info);
  }
}

const RingInfo* OpCompiler::ResolveRing(uint32_t ring, const Where& where) const {
  if (ring == 0) return nullptr;
  const auto found = ring_ids_.find(ring);
  if (found == ring_ids_.end()) {
    throw InternalError(where.Text() + ": ring " + std::to_string(ring) + " is not in the layer");
  }
  return &rings_[found->second];
}

// The span of `buffer`'s region: from its lowest to one past its highest byte; in a ring, as
// offsets in the object (EngineModule::Resolve adds the object's address).
BufferSpan OpCompiler::SpanOf(const isa::Buffer& buffer, const Where& where) const {
  BufferSpan span;
  const isa::Region& region = buffer.region();
  span.begin = static_cast<int64_t>(region.address());
  span.end = span.begin;
  span.step = buffer.step();
  span.pingpong_offset = static_cast<int64_t>(buffer.pingpong_offset());
  span.ring = ResolveRing(buffer.ring(), where);
  span.window = buffer.window();
  if (isa::RegionBytes(region) == 0) return span;
  int64_t low = 0;
  int64_t high = 0;
  isa::RegionReach(region, &low, &high);
  span.end = span.begin + high + 1;
  span.begin += low;
  return span;
}

LockUnit* OpCompiler::ResolveLock(const isa::LockRef& lock, const Where& where) {
  const EngineModule& engine = where.engine;
  const isa::Engine& id = engine.engine();
  LockUnit* locks = nullptr;
  if (lock.tile().kind() != isa::TILE_KIND_UNSPECIFIED) {
    locks = array_.FindLocks(lock.tile().kind(), lock.tile().column(), lock.tile().row());
    if (locks == nullptr) throw InternalError(where.Text() + ": the lock's tile does not exist");
  } else if (lock.column_offset() != 0) {
    if (id.tile() != isa::MEMTILE) {
      throw InternalError(where.Text() + ": column_offset on a lock outside a memtile");
    }
    locks = array_.FindLocks(id.tile(), int64_t{id.column()} + lock.column_offset(), id.row());
    if (locks == nullptr) {
      throw InternalError(where.Text() + ": the neighbour memtile does not exist");
    }
  } else {
    locks = &engine.own_locks();
  }
  if (lock.id() >= locks->count()) {
    throw InternalError(where.Text() + ": lock L" + std::to_string(lock.id()) +
                        " does not exist in " + locks->tile_name());
  }
  return locks;
}

void OpCompiler::Compile(const isa::Layer& layer, const isa::Group& group,
                         const isa::Stream& stream, const EngineModule& engine, bool mnemonics,
                         std::vector<Op>* ops) {
  ops->clear();
  int index = 0;
  CompileList(layer, group, stream.instructions(), engine, mnemonics, &index, ops);
}

void OpCompiler::CompileList(
    const isa::Layer& layer, const isa::Group& group,
    const google::protobuf::RepeatedPtrField<isa::Instruction>& instructions,
    const EngineModule& engine, bool mnemonics, int* index, std::vector<Op>* ops) {
  for (const isa::Instruction& instruction : instructions) {
    const Where where{layer, group, engine, *index};
    ++*index;
    if (!instruction.has_loop()) {
      ops->push_back(CompileInstruction(layer, instruction, engine, mnemonics, where));
      continue;
    }
    const isa::Loop& loop = instruction.loop();
    if (loop.count() == 0) throw InternalError(where.Text() + ": loop count 0");
    const size_t begin = ops->size();
    Op op;
    op.kind = OpKind::kLoopBegin;
    op.count = loop.count();
    ops->push_back(op);
    CompileList(layer, group, loop.body(), engine, mnemonics, index, ops);
    op.kind = OpKind::kLoopEnd;
    op.jump = static_cast<uint32_t>(begin);
    (*ops)[begin].jump = static_cast<uint32_t>(ops->size());
    ops->push_back(op);
  }
}

Op OpCompiler::CompileTransfer(const isa::Layer& layer, const isa::Transfer& transfer,
                               const EngineModule& engine, bool mnemonics, const Where& where) {
  Op op;
  op.kind = OpKind::kTransfer;
  op.route = routes_.Find(transfer.route());
  if (op.route == nullptr) {
    throw InternalError(where.Text() + ": route " + std::to_string(transfer.route()) +
                        " is not in the layer");
  }
  if (engine.engine().kind() == isa::MM2S) {
    if (op.route->source() != &engine) {
      throw InternalError(where.Text() + ": not the source of route " +
                          std::to_string(transfer.route()));
    }
  } else {
    const int slot = op.route->DestinationSlot(&engine);
    if (slot < 0) {
      throw InternalError(where.Text() + ": not a destination of route " +
                          std::to_string(transfer.route()));
    }
    op.route_slot = static_cast<uint32_t>(slot);
  }
  op.amount = transfer.bytes();
  const isa::Buffer& buffer = transfer.buffer();
  op.span = SpanOf(buffer, where);
  op.buffer = &buffer;
  if (mnemonics) {
    // Both sides of a transfer name its path and data, and its ends.
    const StreamRoute& route = *op.route;
    TraceLabel label;
    label.mnemonic = isa::TransferMnemonic(layer, engine.engine(), transfer);
    label.from = route.source()->engine_name();
    for (size_t slot = 0; slot < route.destination_count(); ++slot) {
      label.to += (slot ? " " : "") + route.destination(static_cast<uint32_t>(slot))->engine_name();
    }
    const isa::TileKind to_tile = route.destination_count() > 0
                                      ? route.destination(0)->engine().tile()
                                      : engine.engine().tile();
    label.kind = KindOfMnemonic(
        isa::PathMnemonic(route.source()->engine().tile(), to_tile, transfer.data()));
    op.label = Intern(std::move(label));
  }
  return op;
}

Op OpCompiler::CompileInstruction(const isa::Layer& layer, const isa::Instruction& instruction,
                                  const EngineModule& engine, bool mnemonics, const Where& where) {
  Op op;
  switch (instruction.op_case()) {
    case isa::Instruction::kAcquire: {
      const isa::Acquire& acquire = instruction.acquire();
      op.kind = OpKind::kAcquire;
      op.locks = ResolveLock(acquire.lock(), where);
      op.lock_id = acquire.lock().id();
      op.lock_value = acquire.value();
      if (mnemonics) {
        op.label = Intern(
            TraceLabel{"acq L" + std::to_string(op.lock_id), trace::SliceKind::kWait, "", ""});
      }
      break;
    }
    case isa::Instruction::kRelease: {
      const isa::Release& release = instruction.release();
      op.kind = OpKind::kRelease;
      op.locks = ResolveLock(release.lock(), where);
      op.lock_id = release.lock().id();
      op.lock_value = release.value();
      op.advance = ResolveRing(release.ring(), where);
      break;
    }
    case isa::Instruction::kTransfer:
      return CompileTransfer(layer, instruction.transfer(), engine, mnemonics, where);
    case isa::Instruction::kCompute: {
      const isa::Compute& compute = instruction.compute();
      op.kind = OpKind::kCompute;
      op.compute = &compute;
      op.data = &layer.data();
      op.input_span = SpanOf(compute.input(), where);
      op.weights_span = SpanOf(compute.weights(), where);
      op.output_span = SpanOf(compute.output(), where);
      if (compute.kernel_class() != isa::KERNEL_CLASS_UNSPECIFIED) {
        // Priced by the config (program.proto, v2).
        op.amount = compute.work();
        op.cycles = Cycles(isa::KernelCallCycles(context_.config, compute.kernel_class(),
                                                 compute.work(), kernel_effects_));
        if (mnemonics) {
          op.label =
              Intern(TraceLabel{std::string("COMP ") + isa::KernelClassKey(compute.kernel_class()),
                                trace::SliceKind::kCompute, "", ""});
        }
        break;
      }
      op.amount = compute.macs();
      // Vector kernels (pools, adds) run at the vector rate; kernel efficiency applies to both.
      op.cycles = Cycles(static_cast<double>(compute.macs()) * compute.density() / macs_per_cycle_ +
                         static_cast<double>(compute.ops()) / vector_ops_per_cycle_);
      if (mnemonics) {
        op.label = Intern(TraceLabel{"COMP " + isa::KernelKind_Name(compute.kernel()),
                                     trace::SliceKind::kCompute, "", ""});
      }
      break;
    }
    case isa::Instruction::kPushTask: {
      const isa::PushTask& push = instruction.push_task();
      EngineModule* channel = array_.FindEngine(push.channel());
      op.kind = OpKind::kPushTask;
      op.tasks = channel != nullptr ? channel->task_queue() : nullptr;
      if (op.tasks == nullptr) {
        throw InternalError(where.Text() + ": push_task to " + isa::EngineName(push.channel()) +
                            ", which has no task queue");
      }
      task_ops_.push_back(CompileTransfer(layer, push.transfer(), *channel, mnemonics, where));
      op.task = &task_ops_.back();
      op.repeat = push.repeat();
      op.issue_token = push.issue_token();
      break;
    }
    case isa::Instruction::kAwaitToken: {
      EngineModule* channel = array_.FindEngine(instruction.await_token().channel());
      op.kind = OpKind::kAwaitToken;
      op.tasks = channel != nullptr ? channel->task_queue() : nullptr;
      if (op.tasks == nullptr) {
        throw InternalError(where.Text() + ": await_token on a channel without a task queue");
      }
      break;
    }
    case isa::Instruction::kWriteWord:
      op.kind = OpKind::kWriteWord;
      break;
    case isa::Instruction::kSetLock: {
      const isa::SetLock& set = instruction.set_lock();
      op.kind = OpKind::kSetLock;
      isa::LockRef lock;
      *lock.mutable_tile() = set.tile();
      lock.set_id(set.lock());
      op.locks = ResolveLock(lock, where);
      op.lock_id = set.lock();
      op.lock_value = set.value();
      break;
    }
    default:
      throw InternalError(where.Text() + ": empty instruction");
  }
  return op;
}

}  // namespace aie2sim::model
