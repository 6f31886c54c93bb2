// The validator: the tiny program is clean, and each rule, broken once, gives exactly its
// message (naming layer, group, engine and instruction index).
#include "sim/isa/validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/arch/config_hash.h"
#include "sim/base/error.h"
#include "sim/isa/program_builder.h"
#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::isa {
namespace {

using test_support::FeatureMapRoute;
using test_support::kTinyBody;
using test_support::kTinyLoad;
using test_support::PaperConfig;
using test_support::TinyCompute;
using test_support::TinyProgram;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ValidatorTest : public ::testing::Test {
 protected:
  Layer* layer() { return program_.mutable_layers(0); }
  Group* group(int index) { return layer()->mutable_groups(index); }
  // The existing stream of `engine` in the body group (created when absent).
  Stream* body(const Engine& engine) { return StreamFor(group(kTinyBody), engine); }
  Instruction* body_instruction(const Engine& engine, int index) {
    return body(engine)->mutable_instructions(index);
  }
  std::vector<std::string> Validate() const { return ValidateProgram(program_, config_); }
  // After changing a hashed config field, make the program match the config again.
  void Rehash() { program_.set_config_hash(arch::ConfigHash(config_)); }

  arch::HardwareConfig config_ = PaperConfig(2, 2);
  Program program_ = TinyProgram(config_);
};

const char kBody[] = "layer conv1: group body: ";

TEST_F(ValidatorTest, TinyProgramIsValid) {
  EXPECT_THAT(Validate(), IsEmpty());
  EXPECT_NO_THROW(CheckProgram(program_, config_, "tiny.pb"));
}

TEST_F(ValidatorTest, WrongVersion) {
  program_.set_version(2);
  EXPECT_THAT(Validate(), ElementsAre("program version 2, expected 1"));
}

TEST_F(ValidatorTest, ConfigHashMismatch) {
  program_.set_config_hash("0000000000000000");
  EXPECT_THAT(Validate(), ElementsAre("config hash mismatch: program compiled for 'paper-2x2' "
                                      "(hash 0000000000000000), config 'paper-2x2' has hash " +
                                      arch::ConfigHash(config_)));
}

TEST_F(ValidatorTest, TimingParametersDoNotChangeTheHash) {
  config_.stream.bytes_per_cycle = 8;
  config_.overheads.dma_setup_cycles = 10;
  EXPECT_THAT(Validate(), IsEmpty());
}

TEST_F(ValidatorTest, CheckProgramNamesTheFirstViolationAndCountsTheRest) {
  program_.set_version(2);
  try {
    CheckProgram(program_, config_, "tiny.pb");
    FAIL() << "expected UserError";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(), "tiny.pb: invalid program: program version 2, expected 1");
  }
  program_.set_config_hash("x");
  try {
    CheckProgram(program_, config_, "tiny.pb");
    FAIL() << "expected UserError";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(),
                 "tiny.pb: invalid program: program version 2, expected 1 (and 1 more)");
  }
}

TEST_F(ValidatorTest, EngineOutOfRange) {
  *body(CoreProcessor(2, 0))->add_instructions() = AcquireOp(0, 1);
  *StreamFor(group(kTinyLoad), ShimChannel(2, MM2S, 0))->add_instructions() = AcquireOp(0, 1);
  EXPECT_THAT(Validate(),
              ElementsAre("layer conv1: group load: shim(2).mm2s0: no such engine: column 2 out of "
                          "range (2 columns)",
                          std::string(kBody) +
                              "core(2,0).proc: no such engine: row 2 out of range (2 rows)"));
}

TEST_F(ValidatorTest, ChannelOutOfRange) {
  *body(CoreChannel(0, 0, S2MM, 2))->add_instructions() = AcquireOp(0, 1);
  *body(MemtileChannel(1, MM2S, 2))->add_instructions() = AcquireOp(0, 1);
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) + "core(0,0).s2mm2: no such engine: channel 2 out of range "
                                       "(core has 2 S2MM channels)",
                  std::string(kBody) + "memtile(1).mm2s2: no such engine: channel 2 out of "
                                       "range (memtile has 2 MM2S channels)"));
}

TEST_F(ValidatorTest, ProcessorOnMemtile) {
  *body(MakeEngine(MEMTILE, 0, 0, PROCESSOR, 0))->add_instructions() = AcquireOp(0, 1);
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) +
                          "memtile(0).proc: no such engine: processors exist only on cores"));
}

TEST_F(ValidatorTest, TransferOnProcessor) {
  *body(CoreProcessor(0, 0))->add_instructions() =
      TransferOp(FeatureMapRoute(0), ACTIVATIONS, MakeBuffer(Contiguous(0, 32)));
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) + "core(0,0).proc: instruction 5: transfer on a "
                                               "processor"));
}

TEST_F(ValidatorTest, ComputeOnDma) {
  *body(CoreChannel(0, 0, S2MM, 0))->add_instructions() = ComputeOp(TinyCompute());
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).s2mm0: instruction 3: compute on a DMA channel"));
}

TEST_F(ValidatorTest, DuplicateStream) {
  Stream* twin = group(kTinyBody)->add_streams();
  *twin->mutable_engine() = CoreProcessor(0, 0);
  *twin->add_instructions() = ComputeOp(TinyCompute());
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) +
                  "core(0,0).proc: duplicate stream (an engine has at most one per group)"));
}

TEST_F(ValidatorTest, MM2SOnRouteOfAnotherSource) {
  *body(CoreChannel(0, 0, MM2S, 0))->add_instructions() =
      TransferOp(FeatureMapRoute(0), OUTPUT, MakeBuffer(Contiguous(0x4000, 32)));
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).mm2s0: instruction 3: MM2S transfer on route 7, "
                                      "whose source is memtile(0).mm2s0"));
}

TEST_F(ValidatorTest, S2MMOnRouteThatDoesNotDeliverToIt) {
  body_instruction(CoreChannel(0, 1, S2MM, 0), 1)
      ->mutable_transfer()
      ->set_route(FeatureMapRoute(0));
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) +
                      "core(0,1).s2mm0: instruction 1: S2MM transfer on route 7, which does not "
                      "deliver to this engine",
                  std::string(kBody) +
                      "route 8: destination core(0,1).s2mm0 has no transfer in this group"));
}

TEST_F(ValidatorTest, UndefinedRoute) {
  body_instruction(CoreChannel(0, 0, MM2S, 0), 1)->mutable_transfer()->set_route(99);
  EXPECT_THAT(
      Validate(),
      ElementsAre(
          std::string(kBody) +
              "core(0,0).mm2s0: instruction 1: route 99 is not defined in this layer",
          std::string(kBody) + "route 9: source core(0,0).mm2s0 has no transfer in this group"));
}

TEST_F(ValidatorTest, RouteEndsHaveTheRightKinds) {
  Route* route = layer()->mutable_routes(0);
  *route->mutable_source() = ShimChannel(0, S2MM, 1);
  *route->add_destinations() = ShimChannel(0, MM2S, 0);
  *route->add_destinations() = MemtileChannel(0, S2MM, 0);
  layer()->add_routes()->set_id(40);
  EXPECT_THAT(Validate(),
              ElementsAre("layer conv1: route 1: source shim(0).s2mm1 is not an MM2S channel",
                          "layer conv1: route 1: destination shim(0).mm2s0 is not an S2MM channel",
                          "layer conv1: route 1: destination memtile(0).s2mm0 listed twice",
                          "layer conv1: route 40: source tile?(0,0).engine?0: no such engine: "
                          "unknown tile kind",
                          "layer conv1: route 40: no destinations",
                          "layer conv1: group load: shim(0).mm2s0: instruction 0: MM2S transfer on "
                          "route 1, whose source is shim(0).s2mm1",
                          "layer conv1: group load: route 1: source shim(0).s2mm1 has no transfer "
                          "in this group",
                          "layer conv1: group load: route 1: destination shim(0).mm2s0 has no "
                          "transfer in this group"));
}

TEST_F(ValidatorTest, RouteMissingDestinationSide) {
  body(CoreChannel(1, 0, S2MM, 0))->mutable_instructions()->DeleteSubrange(1, 1);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "route 7: destination core(1,0).s2mm0 has no transfer in "
                                      "this group"));
}

TEST_F(ValidatorTest, RouteMissingSourceSide) {
  body(MemtileChannel(1, MM2S, 0))->clear_instructions();
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "route 8: source memtile(1).mm2s0 has no transfer in this "
                                      "group"));
}

TEST_F(ValidatorTest, ByteMismatchBetweenSides) {
  *body_instruction(CoreChannel(1, 0, S2MM, 0), 1) =
      TransferOp(FeatureMapRoute(0), ACTIVATIONS, MakeBuffer(Contiguous(0, 16), 0, 0x2000));
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "route 7: execution 0 sends 32 B from memtile(0).mm2s0 but "
                                      "core(1,0).s2mm0 receives 16 B"));
}

TEST_F(ValidatorTest, ExecutionCountMismatch) {
  *body(CoreChannel(1, 0, S2MM, 0))->add_instructions() =
      TransferOp(FeatureMapRoute(0), ACTIVATIONS, MakeBuffer(Contiguous(0, 32), 0, 0x2000));
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) + "route 7: memtile(0).mm2s0 executes 8 times, "
                                               "core(1,0).s2mm0 16 times"));
}

TEST_F(ValidatorTest, BytesDifferFromRegionSize) {
  body_instruction(CoreChannel(0, 0, S2MM, 0), 1)->mutable_transfer()->set_bytes(31);
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) +
                          "core(0,0).s2mm0: instruction 1: bytes 31 != region size 32"));
}

TEST_F(ValidatorTest, EmptyRegion) {
  *body_instruction(CoreChannel(0, 0, S2MM, 0), 1)->mutable_transfer()->mutable_buffer() =
      MakeBuffer(MakeRegion(0, {{32, 1}, {0, 32}}));
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) + "core(0,0).s2mm0: instruction 1: dim 1 has size 0",
                  std::string(kBody) + "core(0,0).s2mm0: instruction 1: bytes 32 != region size 0",
                  std::string(kBody) + "route 7: execution 0 sends 32 B from memtile(0).mm2s0 but "
                                       "core(0,0).s2mm0 receives 0 B"));
}

TEST_F(ValidatorTest, TooManyDims) {
  *body_instruction(CoreChannel(0, 0, S2MM, 0), 1) =
      TransferOp(FeatureMapRoute(0), ACTIVATIONS,
                 MakeBuffer(MakeRegion(0, {{32, 1}, {1, 0}, {1, 0}, {1, 0}}), 0, 0x2000));
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).s2mm0: instruction 1: 4 address dims, core DMA "
                                      "has 3"));
}

TEST_F(ValidatorTest, AddressOutOfMemoryInLastIteration) {
  // 8 iterations of 32 B stepping 80000 B: iteration 7 starts at 560000 > 512 KiB.
  body_instruction(MemtileChannel(0, MM2S, 0), 0)
      ->mutable_transfer()
      ->mutable_buffer()
      ->set_step(80000);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "memtile(0).mm2s0: instruction 0: buffer touches bytes "
                                      "[560000, 560031] in iteration 7, outside memtile memory "
                                      "[0, 524288)"));
}

TEST_F(ValidatorTest, AddressOutOfMemoryByPingPongOffset) {
  body_instruction(CoreChannel(0, 0, S2MM, 0), 1)
      ->mutable_transfer()
      ->mutable_buffer()
      ->set_pingpong_offset(65520);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).s2mm0: instruction 1: buffer touches bytes "
                                      "[65520, 65551] in iteration 1, outside core memory "
                                      "[0, 65536)"));
}

TEST_F(ValidatorTest, NegativeStrideUnderflow) {
  *body_instruction(CoreChannel(0, 0, S2MM, 0), 1) =
      TransferOp(FeatureMapRoute(0), ACTIVATIONS, MakeBuffer(MakeRegion(0, {{32, -1}}), 0, 0x2000));
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).s2mm0: instruction 1: buffer touches bytes "
                                      "[-31, 0] in iteration 0, outside core memory [0, 65536)"));
}

TEST_F(ValidatorTest, NegativeStrideInsideMemoryIsFine) {
  *body_instruction(CoreChannel(0, 0, S2MM, 0), 1) = TransferOp(
      FeatureMapRoute(0), ACTIVATIONS, MakeBuffer(MakeRegion(31, {{32, -1}}), 0, 0x2000));
  EXPECT_THAT(Validate(), IsEmpty());
}

TEST_F(ValidatorTest, DdrAddressOutOfMemory) {
  group(test_support::kTinyStore)
      ->mutable_streams(1)
      ->mutable_instructions(0)
      ->mutable_transfer()
      ->mutable_buffer()
      ->mutable_region()
      ->set_address((uint64_t{4} << 30) - 64);
  EXPECT_THAT(Validate(), ElementsAre("layer conv1: group store: shim(0).s2mm0: instruction 0: "
                                      "buffer touches bytes [4294967232, 4294968191] in iteration "
                                      "0, outside DDR [0, 4294967296)"));
}

TEST_F(ValidatorTest, ComputeBufferOutOfMemory) {
  Compute* compute = body_instruction(CoreProcessor(1, 1), 2)->mutable_compute();
  compute->mutable_weights()->mutable_region()->set_address(0xfff0);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(1,1).proc: instruction 2: compute weights buffer "
                                      "touches bytes [65520, 65583] in iteration 0, outside core "
                                      "memory [0, 65536)"));
}

TEST_F(ValidatorTest, LockIdOutOfRange) {
  *body_instruction(CoreChannel(0, 0, S2MM, 0), 0) = AcquireOp(16, 1);
  AddLockInit(layer(), MEMTILE, 1, 0, 64, 1);
  EXPECT_THAT(
      Validate(),
      ElementsAre("layer conv1: lock init memtile(1) L64: lock out of range (memtile(1) has 64 "
                  "locks)",
                  std::string(kBody) +
                      "core(0,0).s2mm0: instruction 0: lock L16 out of range (core(0,0) has 16 "
                      "locks)"));
}

TEST_F(ValidatorTest, LockInitOnMissingTile) {
  AddLockInit(layer(), CORE, 0, 2, 0, 1);
  EXPECT_THAT(Validate(), ElementsAre("layer conv1: lock init core(2,0) L0: no such tile: row 2 "
                                      "out of range (2 rows)"));
}

TEST_F(ValidatorTest, ColumnOffsetOnCore) {
  *body_instruction(CoreProcessor(0, 0), 0) = AcquireOp(1, 1, 1);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "core(0,0).proc: instruction 0: column_offset 1 on a core "
                                      "lock (only memtile channels 0..3 may use a neighbour's "
                                      "locks)"));
}

TEST_F(ValidatorTest, ColumnOffsetOnMemtileChannel4) {
  config_.memtile.dma.s2mm_channels = 6;
  Rehash();
  *body(MemtileChannel(0, S2MM, 3))->add_instructions() = ReleaseOp(5, 1, 1);  // allowed
  *body(MemtileChannel(0, S2MM, 4))->add_instructions() = AcquireOp(5, 1, 1);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) +
                                      "memtile(0).s2mm4: instruction 0: column_offset 1 on "
                                      "memtile channel 4 (only memtile channels 0..3 may use a "
                                      "neighbour's locks)"));
}

TEST_F(ValidatorTest, ColumnOffsetToMissingNeighbour) {
  *body(MemtileChannel(1, MM2S, 0))->add_instructions() = ReleaseOp(63, 1, -1);  // memtile(0)
  *body(MemtileChannel(0, MM2S, 0))->add_instructions() = AcquireOp(0, 1, -1);
  *body(MemtileChannel(1, MM2S, 0))->add_instructions() = AcquireOp(0, 1, 2);
  *body(MemtileChannel(1, MM2S, 0))->add_instructions() = AcquireOp(64, 1, -1);
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) +
                      "memtile(0).mm2s0: instruction 1: column_offset -1 names memtile(-1), which "
                      "does not exist",
                  std::string(kBody) +
                      "memtile(1).mm2s0: instruction 2: column_offset 2 out of range (-1..1)",
                  std::string(kBody) +
                      "memtile(1).mm2s0: instruction 3: lock L64 out of range (memtile(0) has 64 "
                      "locks)"));
}

TEST_F(ValidatorTest, LockValueAbove63) {
  layer()->mutable_lock_inits(0)->set_value(64);
  body_instruction(CoreChannel(0, 0, S2MM, 0), 2)->mutable_release()->set_value(64);
  body_instruction(CoreChannel(0, 0, S2MM, 0), 0)->mutable_acquire()->set_value(63);  // allowed
  EXPECT_THAT(Validate(), ElementsAre("layer conv1: lock init core(0,0) L0: value 64 > 63",
                                      std::string(kBody) +
                                          "core(0,0).s2mm0: instruction 2: release value 64 > 63"));
}

TEST_F(ValidatorTest, BdOverflow) {
  // Body: each core runs two ping/pong transfers, 4 BDs; each memtile 3 plain ones.
  config_.core.dma.bds = 3;
  config_.memtile.dma.bds = 3;
  Rehash();
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) + "core(0,0): 4 BDs needed, core has 3",
                                      std::string(kBody) + "core(1,0): 4 BDs needed, core has 3",
                                      std::string(kBody) + "core(0,1): 4 BDs needed, core has 3",
                                      std::string(kBody) + "core(1,1): 4 BDs needed, core has 3"));
}

TEST_F(ValidatorTest, ZeroIterations) {
  group(kTinyBody)->set_iterations(0);
  EXPECT_THAT(Validate(), ElementsAre(std::string(kBody) + "iterations 0 (must be >= 1)"));
}

TEST_F(ValidatorTest, DensityOutsideUnitInterval) {
  body_instruction(CoreProcessor(0, 0), 2)->mutable_compute()->set_density(1.5);
  body_instruction(CoreProcessor(0, 1), 2)->mutable_compute()->set_density(-0.25);
  body_instruction(CoreProcessor(1, 1), 2)->mutable_compute()->set_density(0.0);  // allowed
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) + "core(0,0).proc: instruction 2: density 1.5 outside "
                                               "[0, 1]",
                          std::string(kBody) + "core(0,1).proc: instruction 2: density -0.25 "
                                               "outside [0, 1]"));
}

TEST_F(ValidatorTest, DuplicateRouteId) {
  *layer()->add_routes() = layer()->routes(3);
  EXPECT_THAT(Validate(), ElementsAre("layer conv1: route 4: duplicate route id"));
}

TEST_F(ValidatorTest, EmptyInstruction) {
  body(CoreProcessor(0, 0))->add_instructions();
  EXPECT_THAT(Validate(),
              ElementsAre(std::string(kBody) + "core(0,0).proc: instruction 5: empty instruction"));
}

TEST_F(ValidatorTest, BatchZeroAndNoLayers) {
  program_.set_batch(0);
  program_.clear_layers();
  EXPECT_THAT(Validate(), ElementsAre("batch 0 (must be >= 1)", "no layers"));
}

// Protobuf keeps enum numbers the format does not define; the validator names them.
TEST_F(ValidatorTest, UnknownEnumValues) {
  group(kTinyBody)->set_kind(static_cast<GroupKind>(42));
  body_instruction(CoreChannel(0, 0, S2MM, 0), 1)
      ->mutable_transfer()
      ->set_data(static_cast<DataKind>(9));
  body_instruction(CoreProcessor(0, 0), 2)
      ->mutable_compute()
      ->set_kernel(static_cast<KernelKind>(-3));
  EXPECT_THAT(
      Validate(),
      ElementsAre(std::string(kBody) + "unknown group kind 42",
                  std::string(kBody) + "core(0,0).s2mm0: instruction 1: unknown data kind 9",
                  std::string(kBody) + "core(0,0).proc: instruction 2: unknown kernel kind -3"));
}

}  // namespace
}  // namespace aie2sim::isa
