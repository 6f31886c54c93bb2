#include "sim/analytic/layer_tally.h"

#include "sim/isa/kernel_classes.h"

namespace aie2sim::analytic {
namespace {

using Instructions = google::protobuf::RepeatedPtrField<isa::Instruction>;

class Walk {
 public:
  Walk(const arch::HardwareConfig& config, LayerTally* tally)
      : config_(config), timing_(arch::EffectiveTimingOf(config)), tally_(*tally) {}

  void Add(const Instructions& instructions, const isa::Engine& engine, double times) {
    for (const isa::Instruction& instruction : instructions) {
      switch (instruction.op_case()) {
        case isa::Instruction::kLoop:
          Add(instruction.loop().body(), engine,
              times * static_cast<double>(instruction.loop().count()));
          break;
        case isa::Instruction::kTransfer:
          tally_[engine].bytes +=
              times *
              static_cast<double>(isa::RegionBytes(instruction.transfer().buffer().region()));
          break;
        case isa::Instruction::kPushTask: {
          const isa::PushTask& push = instruction.push_task();
          tally_[push.channel()].bytes +=
              times * static_cast<double>(push.repeat()) *
              static_cast<double>(isa::RegionBytes(push.transfer().buffer().region()));
          break;
        }
        case isa::Instruction::kCompute:
          AddCompute(instruction.compute(), times, tally_[engine]);
          break;
        default:
          break;
      }
    }
  }

 private:
  void AddCompute(const isa::Compute& compute, double times, EngineTally& tally) const {
    const double int8_peak = config_.core.macs_per_cycle.int8;
    const double vector_rate = config_.core.vector_ops_per_cycle;
    if (compute.kernel_class() != isa::KERNEL_CLASS_UNSPECIFIED) {
      const double work = static_cast<double>(compute.work());
      const double peak = isa::KernelPeakPerCycle(config_, compute.kernel_class());
      tally.cycles += times * isa::KernelCallCycles(config_, compute.kernel_class(), compute.work(),
                                                    isa::KernelEffectsApply(config_));
      if (isa::KernelCountsMacs(compute.kernel_class())) {
        tally.macs += times * work * int8_peak / peak;
      } else {
        tally.vector_ops += times * work * vector_rate / peak;
      }
      return;
    }
    const double macs = static_cast<double>(compute.macs()) * compute.density();
    const double ops = static_cast<double>(compute.ops());
    const double efficiency = timing_.kernel_efficiency;
    tally.cycles += times * (macs / (int8_peak * efficiency) + ops / (vector_rate * efficiency));
    tally.macs += times * macs;
    tally.vector_ops += times * ops;
  }

  const arch::HardwareConfig& config_;
  const arch::EffectiveTiming timing_;
  LayerTally& tally_;
};

}  // namespace

LayerTally TallyLayer(const isa::Layer& layer, const arch::HardwareConfig& config) {
  LayerTally tally;
  Walk walk(config, &tally);
  for (const isa::Group& group : layer.groups()) {
    for (const isa::Stream& stream : group.streams()) {
      walk.Add(stream.instructions(), stream.engine(), group.iterations());
    }
  }
  return tally;
}

}  // namespace aie2sim::analytic
