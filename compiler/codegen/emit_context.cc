#include "compiler/codegen/emit_context.h"

namespace aie2sim::codegen {

isa::Region Box::ToRegion() const {
  std::vector<std::pair<uint32_t, int64_t>> dims = {{U32(inner), 1}};
  if (middle > 1) dims.push_back({U32(middle), middle_stride});
  if (outer > 1) dims.push_back({U32(outer), outer_stride});
  return isa::MakeRegion(address, dims);
}

isa::Group* LayerEmitter::NewGroup(const std::string& name, isa::GroupKind kind,
                                   uint32_t iterations) {
  isa::Group* group = layer_->add_groups();
  group->set_name(name);
  group->set_kind(kind);
  group->set_iterations(iterations);
  return group;
}

void LayerEmitter::Append(isa::Group* group, const isa::Engine& engine, isa::Instruction op) {
  if (group != indexed_group_) {
    indexed_group_ = group;
    stream_index_.clear();
    for (isa::Stream& stream : *group->mutable_streams()) {
      stream_index_[EngineKey(stream.engine())] = &stream;
    }
  }
  isa::Stream*& stream = stream_index_[EngineKey(engine)];
  if (stream == nullptr) {
    stream = group->add_streams();
    *stream->mutable_engine() = engine;
  }
  *stream->add_instructions() = std::move(op);
}

uint32_t LayerEmitter::AddTransfer(isa::Group* group, const isa::Engine& source,
                                   const isa::Buffer& from,
                                   const std::vector<std::pair<isa::Engine, isa::Buffer>>& to,
                                   isa::DataKind data) {
  std::vector<isa::Engine> destinations;
  for (const auto& destination : to) destinations.push_back(destination.first);
  const uint32_t route = routes_.Get(source, destinations);
  Append(group, source, isa::TransferOp(route, data, from));
  for (const auto& [engine, buffer] : to) Append(group, engine, isa::TransferOp(route, data, buffer));
  return route;
}

namespace {

// Splits both boxes in two along the outermost dimension of more than one element.
std::vector<std::pair<Box, Box>> Halves(const Box& a, const Box& b) {
  auto split = [](Box box, int64_t Box::*extent, int64_t stride, int64_t first, bool second) {
    if (second) {
      box.address += static_cast<uint64_t>(first * stride);
      box.*extent -= first;
    } else {
      box.*extent = first;
    }
    return box;
  };
  if (a.outer >= 2) {
    const int64_t first = (a.outer + 1) / 2;
    return {{split(a, &Box::outer, a.outer_stride, first, false),
             split(b, &Box::outer, b.outer_stride, first, false)},
            {split(a, &Box::outer, a.outer_stride, first, true),
             split(b, &Box::outer, b.outer_stride, first, true)}};
  }
  if (a.middle >= 2) {
    const int64_t first = (a.middle + 1) / 2;
    return {{split(a, &Box::middle, a.middle_stride, first, false),
             split(b, &Box::middle, b.middle_stride, first, false)},
            {split(a, &Box::middle, a.middle_stride, first, true),
             split(b, &Box::middle, b.middle_stride, first, true)}};
  }
  if (a.inner >= 2) {
    const int64_t first = (a.inner + 1) / 2;
    return {{split(a, &Box::inner, 1, first, false), split(b, &Box::inner, 1, first, false)},
            {split(a, &Box::inner, 1, first, true), split(b, &Box::inner, 1, first, true)}};
  }
  return {{a, b}};
}

}  // namespace

void LayerEmitter::AddStoreHalves(isa::Group* group, uint32_t column, const Box& memtile,
                                  const Box& ddr) {
  const std::vector<std::pair<Box, Box>> halves = Halves(memtile, ddr);
  for (uint32_t half = 0; half < halves.size(); ++half) {
    AddTransfer(group, isa::MemtileChannel(column, isa::MM2S, channels_.MemtileSendOutput(half)),
                isa::MakeBuffer(halves[half].first.ToRegion()),
                {{isa::ShimChannel(column, isa::S2MM, channels_.ShimWrite(half)),
                  isa::MakeBuffer(halves[half].second.ToRegion())}},
                isa::OUTPUT);
  }
}

void LayerEmitter::InitCoreLocks(uint32_t row, uint32_t column, bool weights_too) {
  isa::AddLockInit(layer_, isa::CORE, column, row, kInputFree, 2);
  isa::AddLockInit(layer_, isa::CORE, column, row, kInputFull, 0);
  isa::AddLockInit(layer_, isa::CORE, column, row, kOutputFree, 2);
  isa::AddLockInit(layer_, isa::CORE, column, row, kOutputFull, 0);
  if (weights_too) {
    isa::AddLockInit(layer_, isa::CORE, column, row, kWeightFree, 2);
    isa::AddLockInit(layer_, isa::CORE, column, row, kWeightFull, 0);
  }
}

}  // namespace aie2sim::codegen
