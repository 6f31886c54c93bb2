#include "compiler/design/lower_design.h"

#include "compiler/design/core_streams.h"
#include "compiler/design/dma_streams.h"
#include "compiler/design/fifo_resources.h"
#include "compiler/design/lowering_state.h"
#include "compiler/design/object_counts.h"
#include "compiler/design/placement.h"
#include "compiler/design/sequence_stream.h"
#include "sim/arch/config_hash.h"
#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"
#include "sim/isa/validator.h"

namespace aie2sim::design {
namespace {

bool CountsMacs(isa::KernelClass kernel_class) {
  return kernel_class == isa::KERNEL_MM_I16_I32 || kernel_class == isa::KERNEL_MM_I8_I32 ||
         kernel_class == isa::KERNEL_CONV1X1_I8;
}

uint64_t BodyMacs(const std::vector<CoreOp>& body) {
  uint64_t macs = 0;
  for (const CoreOp& op : body) {
    if (op.kind == CoreOp::Kind::kKernel && CountsMacs(op.kernel_class)) macs += op.work;
    if (op.kind == CoreOp::Kind::kLoop) macs += op.loop_count * BodyMacs(op.body);
  }
  return macs;
}

}  // namespace

uint64_t DesignMacs(const Design& design) {
  uint64_t macs = 0;
  for (const Core& core : design.cores) macs += BodyMacs(core.body);
  return macs;
}

isa::Program LowerDesign(const Design& design, const arch::HardwareConfig& config,
                         DesignNames* names) {
  LoweringState state;
  state.design = &design;
  state.config = &config;
  isa::Program& program = state.program;
  program.set_version(isa::kProgramVersion);
  program.set_config_hash(arch::ConfigHash(config));
  program.set_config_name(config.name);
  program.set_workload(design.name);
  program.set_batch(1);
  state.layer = program.add_layers();
  state.layer->set_name(design.name);
  state.layer->set_op("Design");
  const uint64_t macs = DesignMacs(design);
  state.layer->set_macs(macs);
  state.layer->set_effective_macs(macs);
  state.layer->set_density(1.0);
  state.group = state.layer->add_groups();
  state.group->set_name("run");
  state.group->set_kind(isa::GROUP_BODY);
  state.group->set_iterations(1);
  isa::StreamFor(state.group, isa::Controller());  // first in listings

  CheckPlacement(state);
  CountObjects(state);
  AssignFifoResources(state);
  EmitDmaStreams(state);
  EmitCoreStreams(state);
  EmitSequence(state);
  isa::CheckProgram(program, config, design.file);
  if (names != nullptr) {
    for (const auto& [tile, use] : state.tiles) {
      for (size_t lock = 0; lock < use.lock_users.size(); ++lock) {
        names->locks[isa::TileName(ToTile(tile)) + " L" + std::to_string(lock)] =
            use.lock_users[lock];
      }
    }
    const auto ring_of = [&](const isa::Tile& tile, uint32_t lock, uint32_t ring) {
      names->lock_rings[isa::TileName(tile) + " L" + std::to_string(lock)] = ring;
    };
    for (const FifoState& fifo : state.fifos) {
      if (fifo.route != 0) names->routes[fifo.route] = "fifo " + fifo.fifo->name;
      std::vector<const RingSide*> rings;
      if (fifo.producer_ring) rings.push_back(&*fifo.producer_ring);
      for (const auto& ring : fifo.consumer_rings) {
        if (ring) rings.push_back(&*ring);
      }
      for (const RingSide* ring : rings) {
        ring_of(ring->tile, ring->free_lock, ring->ring);
        ring_of(ring->tile, ring->full_lock, ring->ring);
      }
    }
    for (const LinkState& link : state.links) {
      for (const uint32_t lock : link.free_locks) ring_of(link.tile, lock, link.ring);
      for (const uint32_t lock : link.full_locks) ring_of(link.tile, lock, link.ring);
    }
  }
  return std::move(state.program);
}

}  // namespace aie2sim::design
