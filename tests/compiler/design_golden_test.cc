// Golden listings of the shipped designs (workloads/designs/*.yaml) lowered for npu1 at their
// default parameters: rings, locks with their initial values, routes, every DMA channel's loop,
// every core's body and the controller's tasks. Regenerate after an intended change with
// AIE2SIM_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include "../unit/golden.h"
#include "compiler/design/acquire_walk.h"
#include "compiler/design/design_reader.h"
#include "compiler/design/lower_design.h"
#include "sim/arch/config_loader.h"
#include "sim/isa/listing.h"
#include "sim/isa/validator.h"

namespace aie2sim {
namespace {

std::string SourcePath(const std::string& relative) {
  return std::string(AIE2SIM_SOURCE_DIR) + "/" + relative;
}

void ExpectGolden(const std::string& name, const std::string& folder = "workloads/designs") {
  const arch::HardwareConfig config = arch::LoadHardwareConfig(SourcePath("configs/npu1.yaml"), {});
  const design::Design design = design::LoadDesign(SourcePath(folder + "/" + name + ".yaml"), {});
  design::DesignNames names;
  const isa::Program program = design::LowerDesign(design, config, &names);
  EXPECT_TRUE(isa::ValidateProgram(program, config).empty());
  // The small feature designs also record every acquire of an untimed walk: lock values before
  // and after, and ring positions.
  const std::string walk =
      folder == "workloads/designs"
          ? ""
          : "\nacquires (untimed walk):\n" +
                design::WalkAcquires(program, names, config.shim.task_queue_depth);
  test_support::ExpectMatchesGolden(
      isa::ListProgram(program) + walk,
      std::string(AIE2SIM_TEST_DATA_DIR) + "/designs/" + name + ".golden");
}

TEST(DesignGolden, Passthrough) { ExpectGolden("passthrough"); }
TEST(DesignGolden, VectorScalarMul) { ExpectGolden("vector_scalar_mul"); }
TEST(DesignGolden, SingleCore) { ExpectGolden("single_core"); }
TEST(DesignGolden, WholeArray) { ExpectGolden("whole_array"); }
TEST(DesignGolden, Conv2d) { ExpectGolden("conv2d"); }

// One small design per feature the five never use (tests/data/designs/).
const char kFeatures[] = "tests/data/designs";
TEST(DesignGolden, SlidingWindowConv3x3) { ExpectGolden("conv3x3", kFeatures); }
TEST(DesignGolden, SharedMemoryBetweenVerticalNeighbours) {
  ExpectGolden("shared_memory", kFeatures);
}
TEST(DesignGolden, BroadcastToMemtileAndCoreWithDepths) {
  ExpectGolden("broadcast_depths", kFeatures);
}
TEST(DesignGolden, DistributeFeedingABroadcast) { ExpectGolden("distribute_broadcast", kFeatures); }
TEST(DesignGolden, BarrierLocksOnTwoCores) { ExpectGolden("barrier", kFeatures); }
// The walk of a design that deadlocks ends with its engines stuck.
TEST(DesignGolden, DeadlockWalk) { ExpectGolden("deadlock", kFeatures); }

}  // namespace
}  // namespace aie2sim
