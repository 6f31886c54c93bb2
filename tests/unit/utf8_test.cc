// UTF-8 checking of user text: well-formed sequences pass; a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate and a code point above U+10FFFF are found
// at their first byte, and the file message names line and column.
#include "sim/base/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

TEST(Utf8, WellFormedTextPasses) {
  EXPECT_EQ(FirstInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8("resnet50 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), std::nullopt);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8("ab\xff"), 2u);              // never valid
  EXPECT_EQ(FirstInvalidUtf8("a\x80"), 1u);               // continuation without a lead
  EXPECT_EQ(FirstInvalidUtf8("a\xc3("), 1u);              // lead without its continuation
  EXPECT_EQ(FirstInvalidUtf8("a\xe2\x82"), 1u);           // truncated at the end
  EXPECT_EQ(FirstInvalidUtf8("\xc0\xaf"), 0u);            // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("\xed\xa0\x80"), 0u);        // surrogate U+D800
  EXPECT_EQ(FirstInvalidUtf8("ok\xf4\x90\x80\x80"), 2u);  // U+110000
}

TEST(Utf8, FileMessageNamesLineAndColumn) {
  try {
    CheckUtf8File("version: 1\nname: tiny\xc3(\n", "w.yaml");
    FAIL() << "expected a UserError";
  } catch (const UserError& error) {
    EXPECT_STREQ(error.what(), "w.yaml:2: invalid UTF-8 (byte 0xc3 at column 11)");
  }
  EXPECT_THROW(CheckUtf8Value("a\xff", "--set"), UserError);
}

}  // namespace
}  // namespace aie2sim
