// The rule of the silicon suite (issue 18): npu1's timing values are set from sources and
// calibration points only, never from a held-out design. configs/npu1.yaml (written by
// scripts/gen-presets, which names each value's source beside it) must not name any held-out
// point of tests/silicon, in a value's `source` key or in the comment giving its source.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "sim/silicon/suite.h"

namespace aie2sim::silicon {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of `text` that name `id` as a word.
std::vector<std::string> LinesNaming(const std::string& text, const std::string& id) {
  const std::regex word("(^|[^A-Za-z0-9_-])" + id + "($|[^A-Za-z0-9_-])");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, word)) lines.push_back(line);
  }
  return lines;
}

TEST(Npu1Sources, NoValueIsSetFromAHeldOutPoint) {
  const Suite suite = LoadSuite(std::string(AIE2SIM_SOURCE_DIR) + "/tests/silicon");
  const std::string npu1 = Read(std::string(AIE2SIM_SOURCE_DIR) + "/configs/npu1.yaml");
  ASSERT_FALSE(npu1.empty());
  size_t held_out = 0;
  for (const SuiteEntry& entry : suite.entries) {
    if (entry.role != Role::kHeldOut) continue;
    ++held_out;
    for (const std::string& line : LinesNaming(npu1, entry.id)) {
      ADD_FAILURE() << "configs/npu1.yaml names held-out point " << entry.id << ": " << line;
    }
  }
  EXPECT_GE(held_out, 3u);
}

TEST(Npu1Sources, TheCheckFindsANamedPoint) {
  // The check above can fail: a source naming G5a is found, a longer id containing it is not.
  EXPECT_EQ(LinesNaming("  source: \"fitted on G5a\"\n", "G5a").size(), 1u);
  EXPECT_EQ(LinesNaming("# from G5a, 301 us\n", "G5a").size(), 1u);
  EXPECT_TRUE(LinesNaming("  source: \"G5ab and XG5a\"\n", "G5a").empty());
}

}  // namespace
}  // namespace aie2sim::silicon
