#include "compiler/design/sequence_stream.h"

#include "compiler/design/access_pattern.h"
#include "sim/base/error.h"
#include "sim/isa/program_builder.h"

namespace aie2sim::design {
namespace {

// The shim channel of `fifo` the host drives: its producer's MM2S or its shim consumer's S2MM.
const isa::Engine& ShimChannel(const FifoState& fifo, const std::string& where) {
  if (fifo.fifo->producer.tile.IsShim()) return fifo.source;
  for (size_t i = 0; i < fifo.fifo->consumers.size(); ++i) {
    if (fifo.fifo->consumers[i].tile.IsShim()) return fifo.destinations[i];
  }
  throw UserError(where + ": fifo " + fifo.fifo->name + " has no shim end");
}

}  // namespace

void EmitSequence(LoweringState& state) {
  const Design& design = *state.design;
  isa::Stream* stream = isa::StreamFor(state.group, isa::Controller());
  std::map<std::string, const HostBuffer*> buffers;
  for (const HostBuffer& buffer : design.host_buffers) buffers[buffer.name] = &buffer;
  for (const SequenceOp& op : design.sequence) {
    switch (op.kind) {
      case SequenceOp::Kind::kFill:
      case SequenceOp::Kind::kDrain: {
        const FifoState& fifo = state.Fifo(op.fifo);
        const isa::Engine& channel = ShimChannel(fifo, op.where);
        const HostTransfer transfer =
            LowerHostTransfer(op, *buffers.at(op.buffer), state.host_address.at(op.buffer));
        if (transfer.dims.size() > state.config->shim.dma.address_dims) {
          throw UserError(op.where + ": the pattern needs " + std::to_string(transfer.dims.size()) +
                          " BD dimensions, a shim BD has " +
                          std::to_string(state.config->shim.dma.address_dims));
        }
        const isa::Instruction move =
            isa::TransferOp(fifo.route, fifo.data,
                            isa::MakeBuffer(isa::MakeRegion(transfer.address, transfer.dims)));
        *stream->add_instructions() = isa::PushTaskOp(channel, move, transfer.repeat, op.token);
        break;
      }
      case SequenceOp::Kind::kAwait: {
        const auto found = state.fifo_index.find(op.fifo);
        if (found == state.fifo_index.end()) {
          throw UserError(op.where + ": unknown fifo \"" + op.fifo + "\"");
        }
        const FifoState& fifo = state.fifos[found->second];
        if (fifo.shared) throw UserError(op.where + ": fifo " + op.fifo + " has no shim end");
        *stream->add_instructions() = isa::AwaitTokenOp(ShimChannel(fifo, op.where));
        break;
      }
      case SequenceOp::Kind::kWrite: {
        const TileUse& use = state.tiles[op.tile];
        const auto address = use.buffer_address.find(op.buffer);
        if (address == use.buffer_address.end()) {
          throw UserError(op.where + ": " + TileName(op.tile) + " declares no buffer \"" +
                          op.buffer + "\"");
        }
        if ((op.index + 1) * 4 > use.buffer_bytes.at(op.buffer)) {
          throw UserError(op.where + ": word " + std::to_string(op.index) + " is past buffer " +
                          op.buffer + "'s " + std::to_string(use.buffer_bytes.at(op.buffer)) +
                          " B");
        }
        *stream->add_instructions() =
            isa::WriteWordOp(ToTile(op.tile), address->second + op.index * 4, op.value);
        break;
      }
      case SequenceOp::Kind::kSetLock: {
        const TileUse& use = state.tiles[op.tile];
        const auto lock = use.named_locks.find(op.lock);
        if (lock == use.named_locks.end()) {
          throw UserError(op.where + ": " + TileName(op.tile) + " declares no lock \"" + op.lock +
                          "\"");
        }
        *stream->add_instructions() = isa::SetLockOp(ToTile(op.tile), lock->second, op.value);
        break;
      }
    }
  }
}

}  // namespace aie2sim::design
