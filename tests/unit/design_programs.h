// Hand-built v2 programs (program.proto: loops, rings, byte-stream routes, a controller) shaped
// like the stock mlir-aie designs of ../shared/design/silicon/DESIGNS.md, for the validator,
// listing, bound and SystemC tests. No front-end: each is spelled with the isa builders.
#pragma once

#include <cstdint>

#include "sim/arch/config_hash.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"

namespace aie2sim::test_support {

// A one-layer, one-group, one-iteration program to fill in (a design).
class Design {
 public:
  Design(const arch::HardwareConfig& config, const std::string& name) {
    program_.set_version(isa::kProgramVersion);
    program_.set_config_hash(arch::ConfigHash(config));
    program_.set_config_name(config.name);
    program_.set_workload(name);
    program_.set_batch(1);
    isa::Layer* layer = program_.add_layers();
    layer->set_name(name);
    layer->set_op("Design");
    isa::Group* group = layer->add_groups();
    group->set_name("run");
    group->set_kind(isa::GROUP_BODY);
    group->set_iterations(1);
  }
  isa::Program& program() { return program_; }
  isa::Layer* layer() { return program_.mutable_layers(0); }
  isa::Group* group() { return layer()->mutable_groups(0); }

 private:
  isa::Program program_;
};

// DESIGNS.md card 2, vector_scalar_mul (int16, default size), on column 0 (the card's shim (0,0)
// and core (0,2) are our shim(0) and core(0,0)): the runtime sequence fills 8192 B of A and the
// 4 B factor and drains 8192 B of C (awaited); ObjectFifos `in` and `out` of 2 x 2048 B and
// `infactor` of 2 x 4 B in the core's memory; one iteration of the Worker's loop per run
// acquires the factor and runs 4 calls of the int16 scale kernel on 1024 elements. Locks of
// core(0,0): in L0 (producer, 2) / L1 (consumer, 0), infactor L2 / L3, out L4 / L5. Routes: 1 A, 2
// factor, 3 C.
inline isa::Program VectorScalarMulProgram(const arch::HardwareConfig& config) {
  using namespace isa;
  Design design(config, "vector_scalar_mul");
  Layer* layer = design.layer();
  Group* group = design.group();
  constexpr uint32_t kTile = 2048;  // 1024 int16
  const Tile core = MakeTile(CORE, 0, 0);
  enum Ring : uint32_t { kIn = 1, kFactor = 2, kOut = 3 };
  AddRing(layer, kIn, "in", core, 0x0000, kTile, 2);
  AddRing(layer, kFactor, "infactor", core, 0x1000, 4, 2);
  AddRing(layer, kOut, "out", core, 0x2000, kTile, 2);
  for (uint32_t lock = 0; lock < 6; ++lock) {
    AddLockInit(layer, CORE, 0, 0, lock, lock % 2 == 0 ? 2 : 0);
  }
  AddRoute(layer, 1, ShimChannel(0, MM2S, 0), {CoreChannel(0, 0, S2MM, 0)});
  AddRoute(layer, 2, ShimChannel(0, MM2S, 1), {CoreChannel(0, 0, S2MM, 1)});
  AddRoute(layer, 3, CoreChannel(0, 0, MM2S, 0), {ShimChannel(0, S2MM, 0)});

  *StreamFor(group, Controller())->add_instructions() =
      PushTaskOp(ShimChannel(0, MM2S, 0),
                 TransferOp(1, ACTIVATIONS, MakeBuffer(Contiguous(0, 8192))), 1, false);
  *StreamFor(group, Controller())->add_instructions() =
      PushTaskOp(ShimChannel(0, MM2S, 1),
                 TransferOp(2, WEIGHTS, MakeBuffer(Contiguous(0x10000, 4))), 1, false);
  *StreamFor(group, Controller())->add_instructions() =
      PushTaskOp(ShimChannel(0, S2MM, 0),
                 TransferOp(3, OUTPUT, MakeBuffer(Contiguous(0x20000, 8192))), 1, true);
  *StreamFor(group, Controller())->add_instructions() = AwaitTokenOp(ShimChannel(0, S2MM, 0));

  *StreamFor(group, CoreChannel(0, 0, S2MM, 0))->add_instructions() =
      LoopOp(4, {AcquireOp(0, 1), TransferOp(1, ACTIVATIONS, RingBuffer(kIn, 0, kTile)),
                 ReleaseRing(1, 1, kIn)});
  *StreamFor(group, CoreChannel(0, 0, S2MM, 1))->add_instructions() =
      LoopOp(1, {AcquireOp(2, 1), TransferOp(2, WEIGHTS, RingBuffer(kFactor, 0, 4)),
                 ReleaseRing(3, 1, kFactor)});
  // One iteration of the Worker's loop per run, as the card says.
  Stream* proc = StreamFor(group, CoreProcessor(0, 0));
  *proc->add_instructions() = AcquireOp(3, 1);
  *proc->add_instructions() =
      LoopOp(4, {AcquireOp(1, 1), AcquireOp(4, 1),
                 KernelCallOp(KERNEL_ELTWISE_I16, 1024, RingBuffer(kIn, 0, kTile),
                              RingBuffer(kFactor, 0, 4), RingBuffer(kOut, 0, kTile)),
                 ReleaseRing(0, 1, kIn), ReleaseRing(5, 1, kOut)});
  *proc->add_instructions() = ReleaseRing(2, 1, kFactor);
  *StreamFor(group, CoreChannel(0, 0, MM2S, 0))->add_instructions() =
      LoopOp(4, {AcquireOp(5, 1), TransferOp(3, OUTPUT, RingBuffer(kOut, 0, kTile)),
                 ReleaseRing(4, 1, kOut)});
  return design.program();
}

// The controller pushes 3 tasks of 1 KiB on shim(0).mm2s0 (the last with a token) and awaits
// it; core(0,0).s2mm0 receives them.
inline isa::Program ThreeTasks(const arch::HardwareConfig& config) {
  using namespace isa;
  Design design(config, "queue");
  Group* group = design.group();
  const Engine shim = ShimChannel(0, MM2S, 0);
  const Engine sink = CoreChannel(0, 0, S2MM, 0);
  AddRoute(design.layer(), 1, shim, {sink});
  const Instruction task = TransferOp(1, ACTIVATIONS, MakeBuffer(Contiguous(0, 1024)));
  Stream* controller = StreamFor(group, Controller());
  *controller->add_instructions() = LoopOp(2, {PushTaskOp(shim, task, 1, false)});
  *controller->add_instructions() = PushTaskOp(shim, task, 1, true);
  *controller->add_instructions() = AwaitTokenOp(shim);
  *StreamFor(group, sink)->add_instructions() = LoopOp(3, {task});
  return design.program();
}

}  // namespace aie2sim::test_support
