#include "sim/model/core_processor.h"

#include "sim/base/error.h"
#include "sim/functional/core_kernel.h"
#include "sim/isa/program_io.h"
#include "sim/model/functional_memory.h"
#include "sim/model/invariants.h"

namespace aie2sim::model {

CoreProcessor::CoreProcessor(sc_core::sc_module_name name, const isa::Engine& engine,
                             LockUnit& own_locks, LiveAccesses& memory, const ModelContext& context)
    : EngineModule(name, engine, own_locks, memory, context) {}

void CoreProcessor::Compute(const Op& op, uint32_t iteration) {
  if constexpr (kCheckInvariants) BeginAccesses(op, iteration);
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  WaitUntilPs(ClockDomain::Ps(start) + context_.clock.Ps(op.cycles));
  if constexpr (kCheckInvariants) EndAccesses();
  const sc_core::sc_time duration = sc_core::sc_time_stamp() - start;
  counters_.busy += duration;
  context_.stats.CountEvent();
  NoteWork(op, "macs");
  TraceInstruction(op, start, duration, iteration, "macs", op.amount);
  if (context_.functional != nullptr) RunKernel(op, iteration);
}

void CoreProcessor::BeginAccesses(const Op& op, uint32_t iteration) {
  const isa::Compute& compute = *op.compute;
  accesses_.clear();
  // A buffer in a ring may lie in a neighbour core's memory (program.proto, v2): it is checked
  // and registered there.
  auto add = [&](AccessKind kind, const char* what, const isa::Buffer& buffer,
                 const BufferSpan& ring_span) {
    const BufferSpan span = Resolve(ring_span);
    CheckInMemory(span, iteration, what);
    if (span.empty()) return;
    LiveAccesses* memory = ring_span.ring != nullptr ? ring_span.ring->memory : &live_accesses();
    accesses_.push_back({memory, memory->Register(AccessOf(kind, what, buffer, span, iteration))});
  };
  add(AccessKind::kRead, "compute input", compute.input(), op.input_span);
  add(AccessKind::kRead, "compute weights", compute.weights(), op.weights_span);
  // A partial compute keeps its sums in the accumulator and writes no output (program.proto).
  if (!compute.partial()) {
    add(AccessKind::kWrite, "compute output", compute.output(), op.output_span);
  } else {
    CheckInMemory(Resolve(op.output_span), iteration, "compute output");
  }
}

void CoreProcessor::EndAccesses() {
  for (const auto& [memory, handle] : accesses_) memory->Release(handle);
  accesses_.clear();
}

void CoreProcessor::RunKernel(const Op& op, uint32_t iteration) {
  FunctionalMemory& memory = *context_.functional;
  const isa::Compute& compute = *op.compute;
  input_.clear();
  memory.Gather(engine(), compute.input(), iteration, &input_);
  weights_.clear();
  if (compute.has_weights() && compute.weights().region().dims_size() > 0) {
    memory.Gather(engine(), compute.weights(), iteration, &weights_);
  }
  output_.assign(isa::RegionBytes(compute.output().region()), 0);
  std::vector<int32_t>& accumulator = memory.AccumulatorOf(engine().row(), engine().column());
  const functional::KernelIo io{reinterpret_cast<const int8_t*>(input_.data()),
                                input_.size(),
                                reinterpret_cast<const int8_t*>(weights_.data()),
                                weights_.size(),
                                reinterpret_cast<int8_t*>(output_.data()),
                                output_.size(),
                                accumulator.data(),
                                accumulator.size()};
  functional::RunComputeKernel(*op.data, compute, io);
  if (!compute.partial()) {
    memory.Scatter(engine(), compute.output(), iteration, output_.data(), output_.size());
  }
}

}  // namespace aie2sim::model
