#include "compiler/reference/npy_output.h"

#include "sim/base/error.h"
#include "sim/base/output_file.h"

namespace aie2sim::reference {

std::string NpyInt8Bytes(const std::vector<uint64_t>& shape, const std::string& data) {
  uint64_t elements = 1;
  std::string dims;
  for (size_t i = 0; i < shape.size(); ++i) {
    elements *= shape[i];
    dims += (i ? ", " : "") + std::to_string(shape[i]);
  }
  if (shape.size() == 1) dims += ',';  // Python's one-element tuple: (3,)
  AIE2SIM_CHECK(elements == data.size(), ".npy output: " + std::to_string(data.size()) +
                                             " bytes for " + std::to_string(elements) + " values");
  std::string header = "{'descr': '|i1', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + header length (2) + header, padded so the data starts 64-aligned.
  constexpr size_t kPrefix = 10;
  header.append((64 - (kPrefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + data;
}

void WriteNpyInt8(const std::string& path, const std::vector<uint64_t>& shape,
                  const std::string& data) {
  WriteOutputFile(path, NpyInt8Bytes(shape, data));
}

}  // namespace aie2sim::reference
