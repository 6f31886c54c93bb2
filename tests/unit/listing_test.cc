// The listing: the tiny program's listing is the committed golden file, and transfers get the
// paper's mnemonics.
//
// To regenerate the golden after an intended format change:
//   AIE2SIM_UPDATE_GOLDEN=1 build-dir/listing_test   (then review the diff and commit it)
#include "sim/isa/listing.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/isa/program_builder.h"
#include "tests/unit/golden.h"
#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::isa {
namespace {

const char kGoldenPath[] = AIE2SIM_TEST_DATA_DIR "/listing_small.golden";

TEST(ListingTest, MatchesGolden) {
  const std::string listing =
      ListProgram(test_support::TinyProgram(test_support::PaperConfig(2, 2)));
  test_support::ExpectMatchesGolden(listing, kGoldenPath);
}

TEST(ListingTest, Deterministic) {
  const Program program = test_support::TinyProgram(test_support::PaperConfig(2, 2));
  EXPECT_EQ(ListProgram(program), ListProgram(program));
}

TEST(ListingTest, MnemonicsFollowTilesAndDataKind) {
  Layer layer;
  AddRoute(&layer, 1, ShimChannel(0, MM2S, 0), {MemtileChannel(0, S2MM, 0)});
  AddRoute(&layer, 2, MemtileChannel(0, MM2S, 0), {CoreChannel(0, 0, S2MM, 0)});
  AddRoute(&layer, 3, CoreChannel(0, 0, MM2S, 0), {MemtileChannel(0, S2MM, 2)});
  AddRoute(&layer, 4, MemtileChannel(0, MM2S, 1), {ShimChannel(0, S2MM, 0)});
  AddRoute(&layer, 5, MemtileChannel(0, MM2S, 1), {MemtileChannel(1, S2MM, 0)});
  auto mnemonic = [&](const Engine& engine, uint32_t route, DataKind data) {
    return TransferMnemonic(layer, engine,
                            TransferOp(route, data, MakeBuffer(Contiguous(0, 8))).transfer());
  };
  EXPECT_EQ(mnemonic(ShimChannel(0, MM2S, 0), 1, ACTIVATIONS), "LOAD");
  EXPECT_EQ(mnemonic(ShimChannel(0, MM2S, 0), 1, WEIGHTS), "LOADW");
  EXPECT_EQ(mnemonic(MemtileChannel(0, MM2S, 0), 2, ACTIVATIONS), "LOADFM");
  EXPECT_EQ(mnemonic(MemtileChannel(0, MM2S, 0), 2, WEIGHTS), "LOADWM");
  EXPECT_EQ(mnemonic(CoreChannel(0, 0, MM2S, 0), 3, OUTPUT), "WRITEFM");
  EXPECT_EQ(mnemonic(CoreChannel(0, 0, MM2S, 0), 3, PARTIAL_SUMS), "WRITEFM");
  EXPECT_EQ(mnemonic(MemtileChannel(0, MM2S, 1), 4, OUTPUT), "WRITE");
  EXPECT_EQ(mnemonic(MemtileChannel(0, MM2S, 1), 5, ACTIVATIONS), "MOVE");
  EXPECT_EQ(mnemonic(MemtileChannel(0, MM2S, 1), 99, ACTIVATIONS), "MOVE");
  EXPECT_EQ(mnemonic(CoreChannel(0, 0, S2MM, 0), 2, ACTIVATIONS), "RECV");
}

TEST(ListingTest, ShowsNeighbourLocksAndExactDensity) {
  Program program;
  Layer* layer = program.add_layers();
  Group* group = layer->add_groups();
  group->set_name("g");
  group->set_iterations(1);
  Stream* stream = StreamFor(group, MemtileChannel(1, MM2S, 0));
  *stream->add_instructions() = AcquireOp(3, 1, -1);
  *stream->add_instructions() = ReleaseOp(4, 2, 1);
  Compute compute;
  compute.set_kernel(GEMM);
  compute.set_density(0.4921875);
  *StreamFor(group, CoreProcessor(0, 1))->add_instructions() = ComputeOp(compute);
  const std::string listing = ListProgram(program);
  EXPECT_NE(listing.find("      acq L3@west 1\n      rel L4@east 2\n"), std::string::npos)
      << listing;
  EXPECT_NE(listing.find("COMP     GEMM out 0x0x0 in 0x0x0  macs=0 density=0.4921875\n"),
            std::string::npos)
      << listing;
}

}  // namespace
}  // namespace aie2sim::isa
