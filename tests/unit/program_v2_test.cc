// Program v2 (program.proto): the validator's rules for loops, rings, byte-stream routes,
// cross-tile references and the controller, each broken once with its exact message; the
// listing of DESIGNS.md card 2 (vector_scalar_mul) against its golden file (and the card as a
// text-format program file for the e2e test); the per-resource
// bound of a design; kernel-class pricing.
//
// To regenerate the golden after an intended format change:
//   AIE2SIM_UPDATE_GOLDEN=1 build-dir/program_v2_test   (then review the diff and commit it)
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/analytic/design_bound.h"
#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/isa/kernel_classes.h"
#include "sim/isa/listing.h"
#include "sim/isa/program_builder.h"
#include "sim/isa/validator.h"
#include "tests/unit/design_programs.h"
#include "tests/unit/golden.h"
#include "tests/unit/test_configs.h"

namespace aie2sim::isa {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char kWhere[] = "layer vector_scalar_mul: group run: ";

class ProgramV2Test : public ::testing::Test {
 protected:
  Layer* layer() { return program_.mutable_layers(0); }
  Group* group() { return layer()->mutable_groups(0); }
  Stream* stream(const Engine& engine) { return StreamFor(group(), engine); }
  std::vector<std::string> Validate() const { return ValidateProgram(program_, config_); }

  arch::HardwareConfig config_ = test_support::PaperConfig(1, 1);
  Program program_ = test_support::VectorScalarMulProgram(config_);
};

TEST_F(ProgramV2Test, VectorScalarMulIsValid) { EXPECT_THAT(Validate(), IsEmpty()); }

TEST_F(ProgramV2Test, ListingReadsLikeTheCard) {
  test_support::ExpectMatchesGolden(ListProgram(program_),
                                    AIE2SIM_TEST_DATA_DIR "/vector_scalar_mul.golden");
}

// The card as a text-format program file, for the e2e test (protoc --encode makes the .pb).
TEST_F(ProgramV2Test, TextFormatFileMatchesTheBuilder) {
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(program_, &text));
  test_support::ExpectMatchesGolden(text, AIE2SIM_TEST_DATA_DIR "/vector_scalar_mul.textproto");
}

TEST_F(ProgramV2Test, RingLargerThanMemory) {
  layer()->mutable_rings(0)->set_object_bytes(40000);
  EXPECT_THAT(Validate(), ElementsAre("layer vector_scalar_mul: ring 1 (in): 2 x 40000 B from 0 "
                                      "exceed core(0,0) memory (65536 B)"));
}

TEST_F(ProgramV2Test, UnmatchedBytesOnARoute) {
  // The core receives 4 x 2048 B, the shim task now sends 6144 B.
  Instruction* push = stream(Controller())->mutable_instructions(0);
  *push->mutable_push_task()->mutable_transfer()->mutable_buffer() =
      MakeBuffer(Contiguous(0, 6144));
  push->mutable_push_task()->mutable_transfer()->set_bytes(6144);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kWhere) +
                                      "route 1: unmatched bytes: shim(0).mm2s0 sends 6144 B, "
                                      "core(0,0).s2mm0 receives 8192 B"));
}

TEST_F(ProgramV2Test, UnequalTransferSizesWithEqualTotalsAreValid) {
  // 8 KiB in one shim task into four 2 KiB objects (the card itself), and a repeat: two 4 KiB
  // runs of one task.
  Instruction* push = stream(Controller())->mutable_instructions(0);
  *push->mutable_push_task()->mutable_transfer()->mutable_buffer() =
      MakeBuffer(Contiguous(0, 4096));
  push->mutable_push_task()->mutable_transfer()->set_bytes(4096);
  push->mutable_push_task()->set_repeat(2);
  EXPECT_THAT(Validate(), IsEmpty());
}

TEST_F(ProgramV2Test, LockValueOver63) {
  *stream(CoreProcessor(0, 0))->add_instructions() = ReleaseOp(6, 64);
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kWhere) + "core(0,0).proc: instruction 3: release value 64 "
                                                "> 63"));
}

TEST_F(ProgramV2Test, SetLockOver63) {
  *stream(Controller())->add_instructions() = SetLockOp(MakeTile(CORE, 0, 0), 1, 64);
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kWhere) + "controller: instruction 4: set_lock value 64 > "
                                                "63"));
}

TEST_F(ProgramV2Test, NestedInstructionsAreNamedByTheirPath) {
  // The proc's loop (instruction 1) and its kernel call (1.2), inside a new outer loop (0).
  Stream* proc = stream(CoreProcessor(0, 0));
  Instruction outer =
      LoopOp(1, {proc->instructions(0), proc->instructions(1), proc->instructions(2)});
  proc->clear_instructions();
  *proc->add_instructions() = outer;
  proc->mutable_instructions(0)
      ->mutable_loop()
      ->mutable_body(1)
      ->mutable_loop()
      ->mutable_body(2)
      ->mutable_compute()
      ->set_work(0);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kWhere) +
                                      "core(0,0).proc: instruction 0.1.2: compute of kernel class "
                                      "KERNEL_ELTWISE_I16 has no work"));
}

TEST_F(ProgramV2Test, LoopCountZero) {
  stream(CoreChannel(0, 0, MM2S, 0))->mutable_instructions(0)->mutable_loop()->set_count(0);
  const std::vector<std::string> errors = Validate();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front(),
            std::string(kWhere) + "core(0,0).mm2s0: instruction 0: loop count 0 (must be >= 1)");
}

TEST_F(ProgramV2Test, WindowBeyondTheRingsDepth) {
  stream(CoreChannel(0, 0, S2MM, 0))
      ->mutable_instructions(0)
      ->mutable_loop()
      ->mutable_body(1)
      ->mutable_transfer()
      ->mutable_buffer()
      ->set_window(2);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kWhere) +
                                      "core(0,0).s2mm0: instruction 0.1: buffer window 2 >= ring 1 "
                                      "depth 2"));
}

TEST_F(ProgramV2Test, RingDepthCountsAsBds) {
  layer()->mutable_rings(0)->set_depth(15);  // + infactor 2 + out 2 = 19 > 16
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kWhere) + "core(0,0): 19 BDs needed, core has 16"));
}

TEST_F(ProgramV2Test, ControllerAwaitsMoreTokensThanIssued) {
  *stream(Controller())->add_instructions() = AwaitTokenOp(ShimChannel(0, S2MM, 0));
  EXPECT_THAT(Validate(), ElementsAre(std::string(kWhere) +
                                      "controller: awaits 2 tokens from shim(0).s2mm0, which "
                                      "issues 1"));
}

TEST_F(ProgramV2Test, DesignHasOneGroup) {
  layer()->add_groups()->set_iterations(1);
  const std::vector<std::string> errors = Validate();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front(),
            "a design (a program with a controller) has one layer, one group of one iteration and "
            "one controller stream");
}

// Cross-tile references on a 3x2 mesh: core(1,1) may use core(1,0) (west), core(2,1) (north)
// and core(0,1) (south), not core(1,2)'s east side or a tile two rows away.
class CrossTileTest : public ::testing::Test {
 protected:
  std::vector<std::string> UseRingIn(uint32_t row, uint32_t column) {
    arch::HardwareConfig config = test_support::PaperConfig(4, 2);
    test_support::Design design(config, "fifo");
    Layer* layer = design.layer();
    Group* group = design.group();
    const Program& program = design.program();
    AddRing(layer, 1, "shared", MakeTile(CORE, column, row), 0, 1024, 2);
    const Tile owner = MakeTile(CORE, column, row);
    *StreamFor(group, CoreProcessor(1, 1))->add_instructions() = AcquireAt(owner, 1, 1);
    *StreamFor(group, CoreProcessor(1, 1))->add_instructions() =
        KernelCallOp(KERNEL_COPY, 1024, RingBuffer(1, 0, 1024), Buffer(), Buffer());
    *StreamFor(group, CoreProcessor(1, 1))->add_instructions() = ReleaseRing(0, 1, 1, &owner);
    *StreamFor(group, Controller())->add_instructions() = SetLockOp(owner, 1, 1);
    return ValidateProgram(program, config);
  }
};

TEST_F(CrossTileTest, NeighboursAreUsable) {
  EXPECT_THAT(UseRingIn(1, 1), IsEmpty());  // own
  EXPECT_THAT(UseRingIn(1, 0), IsEmpty());  // west
  EXPECT_THAT(UseRingIn(2, 1), IsEmpty());  // north
  EXPECT_THAT(UseRingIn(0, 1), IsEmpty());  // south
}

TEST_F(CrossTileTest, NonNeighbourNamesBothTiles) {
  const std::string where = "layer fifo: group run: core(1,1).proc: ";
  EXPECT_THAT(UseRingIn(3, 1),
              ElementsAre(where + "instruction 0: lock L1: core(1,1).proc cannot use core(3,1): "
                                  "not its own tile or its west, north or south neighbour",
                          where + "instruction 1: compute input buffer in ring 1: core(1,1).proc "
                                  "cannot use core(3,1): not its own tile or its west, north or "
                                  "south neighbour",
                          where + "instruction 2: lock L0: core(1,1).proc cannot use core(3,1): "
                                  "not its own tile or its west, north or south neighbour"));
}

TEST(KernelClassTest, PricedByTheConfig) {
  arch::HardwareConfig config = test_support::PaperConfig(1, 1);
  // Paper timing: work / peak, whatever the class's efficiency says.
  config.kernels.eltwise_i16.efficiency = 0.5;
  EXPECT_DOUBLE_EQ(KernelCallCycles(config, KERNEL_ELTWISE_I16, 1024, KernelEffectsApply(config)),
                   32);
  config.timing_model = arch::TimingModel::kRealistic;
  config.kernels.eltwise_i16.call_overhead_cycles = 10;
  EXPECT_DOUBLE_EQ(KernelCallCycles(config, KERNEL_ELTWISE_I16, 1024, KernelEffectsApply(config)),
                   10 + 64);
  config.kernels.mm_i16_i32.cycles_per_call = 700;
  config.kernels.mm_i16_i32.source = "measured";
  EXPECT_DOUBLE_EQ(KernelCallCycles(config, KERNEL_MM_I16_I32, 32768, true), 700);
  EXPECT_DOUBLE_EQ(KernelCallCycles(config, KERNEL_MM_I8_I32, 32768, true), 32768.0 / 256);
  config.effects.kernel_efficiency = false;
  EXPECT_DOUBLE_EQ(KernelCallCycles(config, KERNEL_ELTWISE_I16, 1024, KernelEffectsApply(config)),
                   32);
}

TEST(KernelClassTest, PinnedCyclesNameTheirSource) {
  const std::string preset = AIE2SIM_SOURCE_DIR "/configs/realistic-2x2.yaml";
  try {
    arch::LoadHardwareConfig(preset, {"kernels.copy.cycles_per_call=100"});
    FAIL() << "expected a UserError";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(),
                 "--set kernels.copy.cycles_per_call: kernels.copy.cycles_per_call "
                 "is set but kernels.copy.source does not name where it was "
                 "measured");
  }
  const arch::HardwareConfig config = arch::LoadHardwareConfig(
      preset, {"kernels.copy.cycles_per_call=100", "kernels.copy.source=DESIGNS.md card 1"});
  EXPECT_EQ(config.kernels.copy.cycles_per_call, 100);
}

TEST(DesignBoundTest, VectorScalarMulIsBoundByItsDdrChannels) {
  const arch::HardwareConfig config = test_support::PaperConfig(1, 1);
  const Program program = test_support::VectorScalarMulProgram(config);
  ASSERT_TRUE(analytic::IsDesign(program));
  const std::vector<analytic::DesignBound> bounds = analytic::BoundDesign(program, config);
  ASSERT_EQ(bounds.size(), 1u);
  const analytic::DesignBound& bound = bounds[0];
  ASSERT_EQ(bound.resources.size(), 3u);
  // 4 calls of 1024 int16 elements at 32 lanes.
  EXPECT_EQ(bound.resources[0].what, "core(0,0).proc");
  EXPECT_DOUBLE_EQ(bound.resources[0].cycles, 128);
  EXPECT_EQ(bound.bound_by, "ddr");
  EXPECT_EQ(bound.resources[1].resource, "ddr");
  EXPECT_EQ(bound.resources[1].what, "shim(0).mm2s0");  // 8192 B at 4 B/cycle; s2mm0 ties
  EXPECT_DOUBLE_EQ(bound.resources[1].cycles, 2048);
  EXPECT_EQ(bound.resources[2].resource, "links");
  EXPECT_DOUBLE_EQ(bound.resources[2].cycles, 2048);  // each core channel moves 8192 B
}

}  // namespace
}  // namespace aie2sim::isa
