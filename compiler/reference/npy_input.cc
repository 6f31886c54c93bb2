#include "compiler/reference/npy_input.h"

#include <cctype>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

// A value of the header's Python dict literal: a string, a bool or a tuple of integers.
struct HeaderValue {
  enum class Kind { kString, kBool, kTuple } kind = Kind::kString;
  std::string text;
  bool flag = false;
  std::vector<int64_t> numbers;
};

// Parses the header dict, e.g. "{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 3, 4), }".
class HeaderParser {
 public:
  HeaderParser(const std::string& path, const std::string& text) : path_(path), text_(text) {}

  std::map<std::string, HeaderValue> Parse() {
    std::map<std::string, HeaderValue> entries;
    Expect('{');
    while (true) {
      SkipSpace();
      if (Peek() == '}') break;
      const std::string key = String();
      Expect(':');
      if (!entries.emplace(key, Value()).second) Fail("duplicate key '" + key + "'");
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
      } else if (Peek() != '}') {
        Fail("expected ',' or '}' at offset " + std::to_string(pos_));
      }
    }
    ++pos_;
    SkipSpace();
    if (pos_ != text_.size()) Fail("text after the header dict");
    return entries;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw UserError(path_ + ": malformed .npy header: " + what);
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void Expect(char c) {
    SkipSpace();
    if (Peek() != c) Fail(std::string("expected '") + c + "' at offset " + std::to_string(pos_));
    ++pos_;
  }
  std::string String() {
    SkipSpace();
    const char quote = Peek();
    if (quote != '\'' && quote != '"') Fail("expected a string at offset " + std::to_string(pos_));
    const size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string::npos) Fail("unterminated string");
    std::string value = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return value;
  }
  bool Word(const char* word) {
    const std::string w(word);
    if (text_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }
  int64_t Number() {
    SkipSpace();
    if (!std::isdigit(static_cast<unsigned char>(Peek()))) {
      Fail("expected a non-negative integer at offset " + std::to_string(pos_));
    }
    int64_t value = 0;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) {
      const int digit = Peek() - '0';
      if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) Fail("dimension too large");
      value = value * 10 + digit;
      ++pos_;
    }
    SkipSpace();
    if (Peek() == 'L') ++pos_;  // Python 2 longs
    return value;
  }
  HeaderValue Value() {
    SkipSpace();
    HeaderValue value;
    if (Peek() == '\'' || Peek() == '"') {
      value.text = String();
    } else if (Word("True")) {
      value.kind = HeaderValue::Kind::kBool;
      value.flag = true;
    } else if (Word("False")) {
      value.kind = HeaderValue::Kind::kBool;
    } else if (Peek() == '(') {
      value.kind = HeaderValue::Kind::kTuple;
      ++pos_;
      while (true) {
        SkipSpace();
        if (Peek() == ')') break;
        value.numbers.push_back(Number());
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
        } else if (Peek() != ')') {
          Fail("expected ',' or ')' in the shape at offset " + std::to_string(pos_));
        }
      }
      ++pos_;
    } else {
      Fail("unexpected value at offset " + std::to_string(pos_));
    }
    return value;
  }

  const std::string& path_;
  const std::string& text_;
  size_t pos_ = 0;
};

std::string TupleText(const std::vector<int64_t>& numbers) {
  std::ostringstream out;
  out << '(';
  for (size_t i = 0; i < numbers.size(); ++i) out << (i ? ", " : "") << numbers[i];
  out << ')';
  return out.str();
}

// An int8 C-order .npy file read and checked up to its shape.
struct NpyInt8 {
  std::string bytes;  // the whole file
  size_t data_offset = 0;
  std::vector<int64_t> shape;
};

uint32_t LittleEndian(const std::string& bytes, size_t offset, int count) {
  uint32_t value = 0;
  for (int i = count - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  }
  return value;
}

// The file's bytes, checked up to the shape: magic, version, header, int8, C order.
NpyInt8 ReadNpyInt8(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UserError(path + ": cannot open the file");
  NpyInt8 npy;
  npy.bytes.assign((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::string& bytes = npy.bytes;
  if (file.bad()) throw UserError(path + ": cannot read the file");

  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 8 || bytes.compare(0, 6, kMagic, 6) != 0) {
    throw UserError(path + ": not a .npy file (bad magic)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  const int minor = static_cast<unsigned char>(bytes[7]);
  if ((major != 1 && major != 2 && major != 3) || minor != 0) {
    throw UserError(path + ": unsupported .npy version " + std::to_string(major) + "." +
                    std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  }
  const size_t length_bytes = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + length_bytes) throw UserError(path + ": truncated .npy header");
  const size_t header_length = LittleEndian(bytes, 8, static_cast<int>(length_bytes));
  npy.data_offset = 8 + length_bytes + header_length;
  const size_t data_offset = npy.data_offset;
  if (bytes.size() < data_offset) throw UserError(path + ": truncated .npy header");
  const std::string header = bytes.substr(8 + length_bytes, header_length);
  const std::map<std::string, HeaderValue> entries = HeaderParser(path, header).Parse();

  for (const auto& [key, value] : entries) {
    if (key != "descr" && key != "fortran_order" && key != "shape") {
      throw UserError(path + ": malformed .npy header: unexpected key '" + key + "'");
    }
  }
  auto entry = [&](const char* key, HeaderValue::Kind kind) -> const HeaderValue& {
    const auto it = entries.find(key);
    if (it == entries.end()) {
      throw UserError(path + ": malformed .npy header: missing key '" + key + "'");
    }
    if (it->second.kind != kind) {
      throw UserError(path + ": malformed .npy header: key '" + key + "' has the wrong type");
    }
    return it->second;
  };
  const std::string& descr = entry("descr", HeaderValue::Kind::kString).text;
  if (descr != "|i1") {
    throw UserError(path + ": dtype '" + descr + "' is not int8 (expected '|i1')");
  }
  if (entry("fortran_order", HeaderValue::Kind::kBool).flag) {
    throw UserError(path + ": Fortran order is not supported (expected C order)");
  }
  npy.shape = entry("shape", HeaderValue::Kind::kTuple).numbers;
  return npy;
}

}  // namespace

std::vector<int64_t> NpyShape(const std::string& path) { return ReadNpyInt8(path).shape; }

NetworkInput LoadNpyInput(const ir::Graph& graph, const std::string& path) {
  if (graph.inputs.size() != 1) {
    throw UserError(path + ": the workload " + graph.name + " has " +
                    std::to_string(graph.inputs.size()) + " inputs; a .npy file gives exactly one");
  }
  const NpyInt8 npy = ReadNpyInt8(path);
  const std::string& bytes = npy.bytes;
  const size_t data_offset = npy.data_offset;
  const std::vector<int64_t>& shape = npy.shape;
  const ir::Tensor& tensor = graph.tensor(graph.inputs[0]);
  const std::vector<int64_t> expected = {tensor.shape.n, tensor.shape.h, tensor.shape.w,
                                         tensor.shape.c};
  if (shape != expected) {
    throw UserError(path + ": shape " + TupleText(shape) + " differs from the input " +
                    tensor.name + "'s B,H,W,C " + TupleText(expected));
  }
  const size_t elements = static_cast<size_t>(tensor.shape.elements());
  const size_t data_bytes = bytes.size() - data_offset;
  if (data_bytes < elements) {
    throw UserError(path + ": truncated data: " + std::to_string(data_bytes) + " bytes for " +
                    std::to_string(elements) + " int8 values");
  }
  if (data_bytes > elements) {
    throw UserError(path + ": " + std::to_string(data_bytes - elements) + " bytes after the " +
                    std::to_string(elements) + " int8 values");
  }
  NetworkInput input;
  input.source = path;
  input.tensors.emplace_back(elements);
  for (size_t i = 0; i < elements; ++i) {
    input.tensors[0][i] = static_cast<int8_t>(static_cast<unsigned char>(bytes[data_offset + i]));
  }
  input.exponents.push_back(kInputExponent);
  return input;
}

}  // namespace aie2sim::reference
