#include "sim/analytic/design_bound.h"

#include <algorithm>
#include <map>

#include "sim/isa/kernel_classes.h"
#include "sim/isa/program_io.h"
#include "sim/isa/region_walk.h"

namespace aie2sim::analytic {
namespace {

using Instructions = google::protobuf::RepeatedPtrField<isa::Instruction>;

// What the instructions of one layer add up to.
class Tally {
 public:
  explicit Tally(const arch::HardwareConfig& config)
      : config_(config), timing_(arch::EffectiveTimingOf(config)) {}

  void Add(const Instructions& instructions, const isa::Engine& engine, double times) {
    for (const isa::Instruction& instruction : instructions) {
      switch (instruction.op_case()) {
        case isa::Instruction::kLoop:
          Add(instruction.loop().body(), engine,
              times * static_cast<double>(instruction.loop().count()));
          break;
        case isa::Instruction::kTransfer:
          bytes_[engine] += times * static_cast<double>(
                                        isa::RegionBytes(instruction.transfer().buffer().region()));
          break;
        case isa::Instruction::kPushTask: {
          const isa::PushTask& push = instruction.push_task();
          bytes_[push.channel()] +=
              times * static_cast<double>(push.repeat()) *
              static_cast<double>(isa::RegionBytes(push.transfer().buffer().region()));
          break;
        }
        case isa::Instruction::kCompute:
          compute_[engine] += times * ComputeCycles(instruction.compute());
          break;
        default:
          break;
      }
    }
  }

  DesignBound Bound(const std::string& layer) const {
    DesignBound bound;
    bound.layer = layer;
    ResourceBound compute{"compute", "", 0};
    for (const auto& [engine, cycles] : compute_) {
      if (cycles > compute.cycles) compute = {"compute", isa::EngineName(engine), cycles};
    }
    ResourceBound ddr{"ddr", "", 0};
    ResourceBound links{"links", "", 0};
    double shim_bytes = 0;
    const double stream = config_.stream.bytes_per_cycle;
    const double channel = std::min(stream, config_.ddr.channel_bytes_per_cycle);
    for (const auto& [engine, bytes] : bytes_) {
      const bool shim = engine.tile() == isa::SHIM;
      const double cycles = bytes / (shim ? channel : stream);
      ResourceBound& resource = shim ? ddr : links;
      if (shim) shim_bytes += bytes;
      if (cycles > resource.cycles) resource = {resource.resource, isa::EngineName(engine), cycles};
    }
    if (timing_.ddr_contention && shim_bytes / config_.ddr_total_bytes_per_cycle() > ddr.cycles) {
      ddr = {"ddr", "all shim channels", shim_bytes / config_.ddr_total_bytes_per_cycle()};
    }
    bound.resources = {compute, ddr, links};
    for (const ResourceBound& resource : bound.resources) {
      if (resource.cycles > bound.cycles) {
        bound.cycles = resource.cycles;
        bound.bound_by = resource.resource;
      }
    }
    bound.seconds = bound.cycles / config_.clock_hz();
    return bound;
  }

 private:
  double ComputeCycles(const isa::Compute& compute) const {
    if (compute.kernel_class() != isa::KERNEL_CLASS_UNSPECIFIED) {
      return isa::KernelCallCycles(config_, compute.kernel_class(), compute.work(),
                                   isa::KernelEffectsApply(config_));
    }
    const double efficiency = timing_.kernel_efficiency;
    return static_cast<double>(compute.macs()) * compute.density() /
               (config_.core.macs_per_cycle.int8 * efficiency) +
           static_cast<double>(compute.ops()) / (config_.core.vector_ops_per_cycle * efficiency);
  }

  const arch::HardwareConfig& config_;
  const arch::EffectiveTiming timing_;
  std::map<isa::Engine, double, isa::EngineLess> bytes_;    // per DMA channel
  std::map<isa::Engine, double, isa::EngineLess> compute_;  // per processor
};

}  // namespace

bool IsDesign(const isa::Program& program) {
  for (const isa::Layer& layer : program.layers()) {
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        if (stream.engine().kind() == isa::CONTROLLER) return true;
      }
    }
  }
  return false;
}

std::vector<DesignBound> BoundDesign(const isa::Program& program,
                                     const arch::HardwareConfig& config) {
  std::vector<DesignBound> bounds;
  for (const isa::Layer& layer : program.layers()) {
    Tally tally(config);
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        tally.Add(stream.instructions(), stream.engine(), group.iterations());
      }
    }
    bounds.push_back(tally.Bound(layer.name()));
  }
  return bounds;
}

}  // namespace aie2sim::analytic
