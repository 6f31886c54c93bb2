#include "sim/model/op_compiler.h"

#include "sim/base/error.h"
#include "sim/isa/listing.h"
#include "sim/isa/program_io.h"
#include "sim/isa/region_walk.h"
#include "sim/model/lock_unit.h"

namespace aie2sim::model {
namespace {

// The span of `buffer`'s region: from its lowest to one past its highest byte.
BufferSpan SpanOfBuffer(const isa::Buffer& buffer) {
  BufferSpan span;
  const isa::Region& region = buffer.region();
  span.begin = static_cast<int64_t>(region.address());
  span.end = span.begin;
  span.step = buffer.step();
  span.pingpong_offset = static_cast<int64_t>(buffer.pingpong_offset());
  if (isa::RegionBytes(region) == 0) return span;
  int64_t low = 0;
  int64_t high = 0;
  isa::RegionReach(region, &low, &high);
  span.end = span.begin + high + 1;
  span.begin += low;
  return span;
}

}  // namespace

OpCompiler::OpCompiler(const ModelContext& context, Array& array, const RouteTable& routes)
    : context_(context),
      array_(array),
      routes_(routes),
      macs_per_cycle_(context.config.core.macs_per_cycle.int8 * context.timing.kernel_efficiency),
      vector_ops_per_cycle_(context.config.core.vector_ops_per_cycle *
                            context.timing.kernel_efficiency) {}

const std::string* OpCompiler::Intern(std::string name) {
  return &*names_.insert(std::move(name)).first;
}

std::string OpCompiler::Where::Text() const {
  return "layer " + layer.name() + " group " + group.name() + ": " + engine.engine_name() +
         ": instruction " + std::to_string(index);
}

LockUnit* OpCompiler::ResolveLock(const isa::LockRef& lock, const Where& where) {
  const EngineModule& engine = where.engine;
  const isa::Engine& id = engine.engine();
  if (lock.column_offset() != 0 && id.tile() != isa::MEMTILE) {
    throw InternalError(where.Text() + ": column_offset on a lock outside a memtile");
  }
  LockUnit* locks =
      lock.column_offset() == 0
          ? &engine.own_locks()
          : array_.FindLocks(id.tile(), int64_t{id.column()} + lock.column_offset(), id.row());
  if (locks == nullptr)
    throw InternalError(where.Text() + ": the neighbour memtile does not exist");
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
  for (const isa::Instruction& instruction : stream.instructions()) {
    const Where where{layer, group, engine, index};
    Op op;
    switch (instruction.op_case()) {
      case isa::Instruction::kAcquire: {
        const isa::Acquire& acquire = instruction.acquire();
        op.kind = OpKind::kAcquire;
        op.locks = ResolveLock(acquire.lock(), where);
        op.lock_id = acquire.lock().id();
        op.lock_value = acquire.value();
        if (mnemonics) op.mnemonic = Intern("acq L" + std::to_string(op.lock_id));
        break;
      }
      case isa::Instruction::kRelease: {
        const isa::Release& release = instruction.release();
        op.kind = OpKind::kRelease;
        op.locks = ResolveLock(release.lock(), where);
        op.lock_id = release.lock().id();
        op.lock_value = release.value();
        break;
      }
      case isa::Instruction::kTransfer: {
        const isa::Transfer& transfer = instruction.transfer();
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
        op.span = SpanOfBuffer(buffer);
        op.buffer = &buffer;
        if (mnemonics)
          op.mnemonic = Intern(isa::TransferMnemonic(layer, engine.engine(), transfer));
        break;
      }
      case isa::Instruction::kCompute: {
        const isa::Compute& compute = instruction.compute();
        op.kind = OpKind::kCompute;
        op.amount = compute.macs();
        op.compute = &compute;
        op.data = &layer.data();
        op.input_span = SpanOfBuffer(compute.input());
        op.weights_span = SpanOfBuffer(compute.weights());
        op.output_span = SpanOfBuffer(compute.output());
        // Vector kernels (pools, adds) run at the vector rate; kernel efficiency applies to both.
        op.cycles =
            Cycles(static_cast<double>(compute.macs()) * compute.density() / macs_per_cycle_ +
                   static_cast<double>(compute.ops()) / vector_ops_per_cycle_);
        if (mnemonics) op.mnemonic = Intern("COMP " + isa::KernelKind_Name(compute.kernel()));
        break;
      }
      default:
        throw InternalError(where.Text() + ": empty instruction");
    }
    ops->push_back(op);
    ++index;
  }
}

}  // namespace aie2sim::model
