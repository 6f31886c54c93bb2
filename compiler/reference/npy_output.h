// A functional run's int8 tensor written as a NumPy .npy file (format version 1.0), the
// counterpart of npy_input.h: dtype '|i1', C order, the given shape (BHWC for aie2sim tensors).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aie2sim::reference {

// The whole file: magic, version 1.0, the header dict padded with spaces to a multiple of 64
// bytes (ending in '\n'), then the data. InternalError when `data` does not hold the product of
// `shape` values.
std::string NpyInt8Bytes(const std::vector<uint64_t>& shape, const std::string& data);

// Writes NpyInt8Bytes to `path` atomically; UserError "PATH: cannot write file".
void WriteNpyInt8(const std::string& path, const std::vector<uint64_t>& shape,
                  const std::string& data);

}  // namespace aie2sim::reference
