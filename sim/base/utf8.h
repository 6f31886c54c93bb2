// Text a user gives us (configs, workloads, --set values, names in ONNX models) must be UTF-8:
// names flow into program files, whose protobuf strings must be valid UTF-8, and into JSON
// reports. Checked once, where the text is loaded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aie2sim {

// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF included), or nullopt.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// Throws UserError "<where>:<line>: invalid UTF-8 (byte 0xNN at column C)" (lines and columns
// 1-based) for a file's text.
void CheckUtf8File(std::string_view text, const std::string& where);

// Throws UserError "<where>: invalid UTF-8 (byte 0xNN)" for a single name or value.
void CheckUtf8Value(std::string_view text, const std::string& where);

}  // namespace aie2sim
