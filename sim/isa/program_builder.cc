#include "sim/isa/program_builder.h"

#include "sim/isa/program_io.h"

namespace aie2sim::isa {

Instruction TransferOp(uint32_t route, DataKind data, const Buffer& buffer) {
  Instruction instruction;
  Transfer* transfer = instruction.mutable_transfer();
  transfer->set_route(route);
  transfer->set_data(data);
  *transfer->mutable_buffer() = buffer;
  transfer->set_bytes(RegionBytes(buffer.region()));
  return instruction;
}

Stream* StreamFor(Group* group, const Engine& engine) {
  for (Stream& stream : *group->mutable_streams()) {
    if (SameEngine(stream.engine(), engine)) return &stream;
  }
  Stream* stream = group->add_streams();
  *stream->mutable_engine() = engine;
  return stream;
}

}  // namespace aie2sim::isa
