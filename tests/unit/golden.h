// Golden-file comparison for tests: the text must equal the committed file byte for byte.
// To regenerate after an intended change: AIE2SIM_UPDATE_GOLDEN=1 <test binary>, then review
// the diff and commit it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace aie2sim::test_support {

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "" when equal, else where the first difference is, with both lines.
inline std::string FirstDifference(const std::string& expected, const std::string& actual) {
  const std::vector<std::string> want = Lines(expected);
  const std::vector<std::string> got = Lines(actual);
  for (size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const std::string w = i < want.size() ? want[i] : "<end of file>";
    const std::string g = i < got.size() ? got[i] : "<end of text>";
    if (w != g) {
      return "first difference at line " + std::to_string(i + 1) + ":\n  golden: " + w +
             "\n  actual: " + g;
    }
  }
  return expected == actual ? "" : "line endings differ";
}

// Compares `actual` with the golden file at `path` (or rewrites it under AIE2SIM_UPDATE_GOLDEN=1).
inline void ExpectMatchesGolden(const std::string& actual, const std::string& path) {
  const char* update = std::getenv("AIE2SIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path << " (AIE2SIM_UPDATE_GOLDEN=1 writes it)";
  const std::string golden((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(FirstDifference(golden, actual), "")
      << "the text differs from " << path
      << "; if the change is intended, rerun with AIE2SIM_UPDATE_GOLDEN=1 and review the diff.\n"
      << "full text:\n"
      << actual;
}

}  // namespace aie2sim::test_support
