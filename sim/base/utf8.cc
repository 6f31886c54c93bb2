#include "sim/base/utf8.h"

#include <cstdint>
#include <cstdio>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

std::string Byte(unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof(text), "0x%02x", byte);
  return text;
}

}  // namespace

std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = bytes[i];
    size_t length = 0;
    uint32_t code = 0;
    uint32_t smallest = 0;  // below it, the form is overlong
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2, code = lead & 0x1f, smallest = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3, code = lead & 0x0f, smallest = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4, code = lead & 0x07, smallest = 0x10000;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xc0) != 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3f);
    }
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return std::nullopt;
}

void CheckUtf8File(std::string_view text, const std::string& where) {
  const std::optional<size_t> bad = FirstInvalidUtf8(text);
  if (!bad) return;
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < *bad; ++i) {
    if (text[i] == '\n') ++line, line_start = i + 1;
  }
  throw UserError(where + ":" + std::to_string(line) + ": invalid UTF-8 (byte " +
                  Byte(static_cast<unsigned char>(text[*bad])) + " at column " +
                  std::to_string(*bad - line_start + 1) + ")");
}

void CheckUtf8Value(std::string_view text, const std::string& where) {
  const std::optional<size_t> bad = FirstInvalidUtf8(text);
  if (!bad) return;
  throw UserError(where + ": invalid UTF-8 (byte " + Byte(static_cast<unsigned char>(text[*bad])) +
                  ")");
}

}  // namespace aie2sim
