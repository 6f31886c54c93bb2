// Network inputs: RandomInput's determinism and range, and LoadNpyInput on good .npy files
// (format 1.0 and 2.0) and on every kind of bad file, with the exact one-line errors.
#include "compiler/reference/npy_input.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "compiler/frontend/workload_yaml.h"
#include "compiler/reference/network_input.h"
#include "compiler/reference/npy_output.h"
#include "sim/base/error.h"

namespace aie2sim::reference {
namespace {

ir::Graph OneInput() {
  return frontend::ParseWorkloadYaml(R"(
version: 1
name: t
inputs: [{name: x, shape: [1, 2, 3, 2]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 1}
)",
                                     "t.yaml", 0);
}

// The bytes of a .npy file: magic, version, header length, `header` padded with spaces and a
// newline to a multiple of 64 bytes (as numpy writes it), then `data`.
std::string Npy(const std::string& header, const std::string& data, int major = 1) {
  const size_t prefix = major == 1 ? 10 : 12;
  std::string text = header;
  while ((prefix + text.size() + 1) % 64 != 0) text += ' ';
  text += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  const size_t length = text.size();
  bytes += static_cast<char>(length & 0xff);
  bytes += static_cast<char>((length >> 8) & 0xff);
  if (major != 1) bytes += std::string(2, '\0');
  return bytes + text + data;
}

const char kGoodHeader[] = "{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 3, 2), }";

// 12 data bytes: 0, -1, 2, -3, ... and -128 / 127 at the end.
std::string Data(size_t count = 12) {
  std::string data;
  for (size_t i = 0; i < count; ++i) data += static_cast<char>(i % 2 ? -static_cast<int>(i) : i);
  if (count == 12) {
    data[10] = static_cast<char>(-128);
    data[11] = static_cast<char>(127);
  }
  return data;
}

std::string Write(const std::string& name, const std::string& bytes) {
  const std::string path = testing::TempDir() + "/reference_npy_" + name + ".npy";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string ErrorOf(const ir::Graph& graph, const std::string& path) {
  try {
    LoadNpyInput(graph, path);
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ReferenceNpy, LoadsInt8InCOrder) {
  const ir::Graph graph = OneInput();
  for (const int major : {1, 2}) {
    const std::string path = Write("good" + std::to_string(major), Npy(kGoodHeader, Data(), major));
    const NetworkInput input = LoadNpyInput(graph, path);
    ASSERT_EQ(input.tensors.size(), 1u);
    EXPECT_EQ(input.tensors[0],
              (std::vector<int8_t>{0, -1, 2, -3, 4, -5, 6, -7, 8, -9, -128, 127}));
    EXPECT_EQ(input.exponents, std::vector<int>{7});
    EXPECT_EQ(input.source, path);
  }
  // Double quotes, no trailing comma, other key order.
  const std::string path =
      Write("variant",
            Npy("{\"shape\": (1, 2, 3, 2), \"fortran_order\": False, \"descr\": \"|i1\"}", Data()));
  EXPECT_EQ(LoadNpyInput(graph, path).tensors[0].size(), 12u);
}

// The writer's files are what numpy writes (header padded to 64 bytes) and read back unchanged.
TEST(ReferenceNpy, WrittenOutputsReadBack) {
  const std::string bytes = NpyInt8Bytes({1, 2, 3, 2}, Data());
  EXPECT_EQ(bytes, Npy(kGoodHeader, Data()));
  const std::string path = testing::TempDir() + "/reference_npy_written.npy";
  WriteNpyInt8(path, {1, 2, 3, 2}, Data());
  EXPECT_EQ(LoadNpyInput(OneInput(), path).tensors[0],
            (std::vector<int8_t>{0, -1, 2, -3, 4, -5, 6, -7, 8, -9, -128, 127}));
  EXPECT_NE(NpyInt8Bytes({3}, "abc").find("'shape': (3,), }"), std::string::npos);
  EXPECT_THROW(NpyInt8Bytes({2, 2}, "abc"), InternalError);
  EXPECT_THROW(WriteNpyInt8(testing::TempDir() + "/no/such/folder/x.npy", {3}, "abc"), UserError);
}

TEST(ReferenceNpy, RejectsBadFilesNamingThePath) {
  const ir::Graph graph = OneInput();
  struct BadFile {
    std::string name;
    std::string bytes;
    std::string error;  // after "PATH: "
  };
  const std::string header = kGoodHeader;
  const std::vector<BadFile> cases = {
      {"magic", "\x93NUMPX" + Npy(header, Data()).substr(6), "not a .npy file (bad magic)"},
      {"short", "\x93NU", "not a .npy file (bad magic)"},
      {"version", Npy(header, Data(), 4),
       "unsupported .npy version 4.0 (expected 1.0, 2.0 or 3.0)"},
      {"header_cut", Npy(header, "").substr(0, 30), "truncated .npy header"},
      {"dtype", Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 2), }", Data()),
       "dtype '<f4' is not int8 (expected '|i1')"},
      {"uint8", Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 3, 2), }", Data()),
       "dtype '|u1' is not int8 (expected '|i1')"},
      {"fortran", Npy("{'descr': '|i1', 'fortran_order': True, 'shape': (1, 2, 3, 2), }", Data()),
       "Fortran order is not supported (expected C order)"},
      {"shape", Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 2, 3), }", Data()),
       "shape (1, 2, 2, 3) differs from the input x's B,H,W,C (1, 2, 3, 2)"},
      {"rank", Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (12,), }", Data()),
       "shape (12) differs from the input x's B,H,W,C (1, 2, 3, 2)"},
      {"truncated", Npy(header, Data(11)), "truncated data: 11 bytes for 12 int8 values"},
      {"trailing", Npy(header, Data() + "xy"), "2 bytes after the 12 int8 values"},
      {"missing_key", Npy("{'descr': '|i1', 'shape': (1, 2, 3, 2), }", Data()),
       "malformed .npy header: missing key 'fortran_order'"},
      {"extra_key",
       Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 3, 2), 'x': 'y'}", Data()),
       "malformed .npy header: unexpected key 'x'"},
      {"not_dict", Npy("'descr'", Data()), "malformed .npy header: expected '{' at offset 0"},
      {"bad_shape", Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, -2), }", Data()),
       "malformed .npy header: expected a non-negative integer at offset 54"},
  };
  for (const BadFile& bad : cases) {
    const std::string path = Write(bad.name, bad.bytes);
    EXPECT_EQ(ErrorOf(graph, path), path + ": " + bad.error) << bad.name;
  }
  EXPECT_EQ(ErrorOf(graph, "/nonexistent/in.npy"), "/nonexistent/in.npy: cannot open the file");
}

TEST(ReferenceNpy, RejectsWorkloadsWithSeveralInputs) {
  const ir::Graph graph = frontend::ParseWorkloadYaml(R"(
version: 1
name: two
inputs: [{name: a, shape: [1, 1, 1, 2]}, {name: b, shape: [1, 1, 1, 2]}]
layers:
  - {name: add, op: Add, inputs: [a, b]}
)",
                                                      "two.yaml", 0);
  const std::string path = Write("two", Npy(kGoodHeader, Data()));
  EXPECT_EQ(ErrorOf(graph, path),
            path + ": the workload two has 2 inputs; a .npy file gives exactly one");
}

TEST(ReferenceInput, RandomIsDeterministicAndCoversInt8) {
  const ir::Graph graph = frontend::ParseWorkloadYaml(R"(
version: 1
name: t
inputs: [{name: x, shape: [2, 16, 16, 8]}]
layers:
  - {name: conv, op: Conv, inputs: [x], out_channels: 1}
)",
                                                      "t.yaml", 0);
  const NetworkInput a = RandomInput(graph, 1);
  const NetworkInput b = RandomInput(graph, 1);
  const NetworkInput c = RandomInput(graph, 2);
  ASSERT_EQ(a.tensors.size(), 1u);
  ASSERT_EQ(a.tensors[0].size(), 4096u);
  EXPECT_EQ(a.tensors, b.tensors);
  EXPECT_NE(a.tensors, c.tensors);
  EXPECT_EQ(a.exponents, std::vector<int>{7});
  EXPECT_EQ(a.source, "random int8, seed 1");
  // The top byte of std::mt19937_64's draws minus 128: the standard fixes the engine, so these
  // bytes are the same with every standard library.
  EXPECT_EQ(std::vector<int8_t>(a.tensors[0].begin(), a.tensors[0].begin() + 8),
            (std::vector<int8_t>{-94, -94, -13, -123, -39, 105, -8, -109}));
  // Uniform over [-128, 127]: both ends occur, and each of 8 bins of 32 values holds ~1/8.
  std::vector<int> bins(8, 0);
  for (const int8_t v : a.tensors[0]) ++bins[(v + 128) / 32];
  for (const int count : bins) EXPECT_NEAR(count, 512, 80);
  EXPECT_NE(std::find(a.tensors[0].begin(), a.tensors[0].end(), -128), a.tensors[0].end());
  EXPECT_NE(std::find(a.tensors[0].begin(), a.tensors[0].end(), 127), a.tensors[0].end());
}

}  // namespace
}  // namespace aie2sim::reference
