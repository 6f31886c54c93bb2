// Program files (round trip and the exact messages of bad files) and program entity names.
#include "sim/isa/program_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "sim/base/error.h"
#include "sim/isa/program_builder.h"
#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::isa {
namespace {

// The message of the UserError `action` throws, or a note that it threw none.
std::string UserErrorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const UserError& error) {
    return error.what();
  }
  return "(no UserError)";
}

class ProgramIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::path(::testing::TempDir()) /
                 ("program_io_test_" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string PathOf(const std::string& name) const { return (directory_ / name).string(); }
  std::string WriteBytes(const std::string& name, const std::string& bytes) const {
    const std::string path = PathOf(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  std::filesystem::path directory_;
  Program program_ = test_support::TinyProgram(test_support::PaperConfig(2, 2));
};

TEST_F(ProgramIoTest, RoundTrip) {
  const std::string path = PathOf("tiny.pb");
  WriteProgram(program_, path);
  const Program read = ReadProgram(path);
  EXPECT_EQ(read.SerializeAsString(), program_.SerializeAsString());
  EXPECT_EQ(ProgramHash(read), ProgramHash(program_));
}

TEST_F(ProgramIoTest, WritingTwiceGivesIdenticalFiles) {
  WriteProgram(program_, PathOf("a.pb"));
  WriteProgram(ReadProgram(PathOf("a.pb")), PathOf("b.pb"));
  std::ifstream a(PathOf("a.pb"), std::ios::binary);
  std::ifstream b(PathOf("b.pb"), std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}),
            std::string(std::istreambuf_iterator<char>(b), {}));
}

TEST_F(ProgramIoTest, WrongVersion) {
  program_.set_version(3);
  const std::string path = PathOf("v3.pb");
  WriteProgram(program_, path);
  EXPECT_EQ(UserErrorOf([&] { ReadProgram(path); }),
            path + ": program version 3, this aie2sim reads versions 1 to 2");
}

TEST_F(ProgramIoTest, GarbageFile) {
  const std::string path = WriteBytes("garbage.pb", "\xff\xff\xff\xff\xff\xff");
  EXPECT_EQ(UserErrorOf([&] { ReadProgram(path); }),
            path + ": not a Program file (protobuf parse failed)");
}

TEST_F(ProgramIoTest, EmptyFile) {
  const std::string path = WriteBytes("empty.pb", "");
  EXPECT_EQ(UserErrorOf([&] { ReadProgram(path); }), path + ": not a Program file (no version)");
}

TEST_F(ProgramIoTest, MissingFile) {
  const std::string path = PathOf("missing.pb");
  EXPECT_EQ(UserErrorOf([&] { ReadProgram(path); }), path + ": no such file");
}

TEST_F(ProgramIoTest, Directory) {
  EXPECT_EQ(UserErrorOf([&] { ReadProgram(directory_.string()); }),
            directory_.string() + ": is a directory, not a program file");
}

TEST_F(ProgramIoTest, UnwritablePath) {
  const std::string path = PathOf("no/such/dir/x.pb");
  EXPECT_EQ(UserErrorOf([&] { WriteProgram(program_, path); }),
            path + ": cannot write: No such file or directory");
}

TEST(EngineNameTest, Formats) {
  EXPECT_EQ(EngineName(ShimChannel(2, MM2S, 0)), "shim(2).mm2s0");
  EXPECT_EQ(EngineName(ShimChannel(0, S2MM, 1)), "shim(0).s2mm1");
  EXPECT_EQ(EngineName(MemtileChannel(0, S2MM, 3)), "memtile(0).s2mm3");
  EXPECT_EQ(EngineName(CoreChannel(1, 2, S2MM, 0)), "core(1,2).s2mm0");
  EXPECT_EQ(EngineName(CoreChannel(1, 2, MM2S, 1)), "core(1,2).mm2s1");
  EXPECT_EQ(EngineName(CoreProcessor(1, 2)), "core(1,2).proc");
}

TEST(EngineNameTest, TileNamesAndTileOf) {
  EXPECT_EQ(TileName(TileOf(ShimChannel(2, MM2S, 0))), "shim(2)");
  EXPECT_EQ(TileName(TileOf(MemtileChannel(0, S2MM, 3))), "memtile(0)");
  const Tile core = TileOf(CoreProcessor(1, 2));
  EXPECT_EQ(core.kind(), CORE);
  EXPECT_EQ(core.row(), 1u);
  EXPECT_EQ(core.column(), 2u);
  EXPECT_EQ(TileName(core), "core(1,2)");
}

TEST(EngineOrderTest, EngineLessAndSameEngine) {
  const EngineLess less;
  EXPECT_TRUE(less(ShimChannel(1, MM2S, 0), MemtileChannel(0, MM2S, 0)));     // tile kind first
  EXPECT_TRUE(less(MemtileChannel(0, S2MM, 5), MemtileChannel(1, MM2S, 0)));  // then column
  EXPECT_TRUE(less(CoreChannel(0, 1, S2MM, 1), CoreChannel(1, 1, MM2S, 0)));  // then row
  EXPECT_TRUE(less(CoreChannel(0, 0, MM2S, 1), CoreChannel(0, 0, S2MM, 0)));  // then kind
  EXPECT_TRUE(less(CoreChannel(0, 0, S2MM, 0), CoreChannel(0, 0, S2MM, 1)));  // then channel
  EXPECT_FALSE(less(CoreProcessor(0, 0), CoreProcessor(0, 0)));
  EXPECT_TRUE(SameEngine(CoreProcessor(1, 0), CoreProcessor(1, 0)));
  EXPECT_FALSE(SameEngine(CoreProcessor(1, 0), CoreProcessor(0, 1)));
}

TEST(RegionBytesTest, ProductOfSizes) {
  EXPECT_EQ(RegionBytes(MakeRegion(0, {})), 0u);
  EXPECT_EQ(RegionBytes(Contiguous(16, 384)), 384u);
  EXPECT_EQ(RegionBytes(MakeRegion(0, {{128, 1}, {3, -1024}, {2, 0}})), 768u);
}

TEST(ProgramHashTest, SixteenHexDigitsThatFollowTheContent) {
  const Program program = test_support::TinyProgram(test_support::PaperConfig(2, 2));
  const std::string hash = ProgramHash(program);
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  Program copy = program;
  EXPECT_EQ(ProgramHash(copy), hash);
  copy.set_batch(2);
  EXPECT_NE(ProgramHash(copy), hash);
}

}  // namespace
}  // namespace aie2sim::isa
