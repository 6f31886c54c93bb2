#include "compiler/frontend/onnx_tensor.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

namespace fs = std::filesystem;

int64_t ParseExternalInt(const std::string& text, const std::string& key,
                         const std::string& where) {
  size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(text, &used, 10);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value < 0) {
    throw UserError(where + ": external data " + key + " \"" + text +
                    "\" is not a non-negative integer");
  }
  return value;
}

// IEEE 754 half precision bits to float.
float HalfToFloat(uint16_t bits) {
  const int sign = (bits >> 15) & 1;
  const int exponent = (bits >> 10) & 0x1f;
  const int mantissa = bits & 0x3ff;
  float value = 0.0f;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);  // zero or subnormal
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
  }
  return sign ? -value : value;
}

// Copies `count` little-endian elements of type T out of raw_data (hosts are little-endian).
template <typename T>
std::vector<T> RawElements(const onnx::TensorProto& tensor, int64_t count,
                           const std::string& where) {
  const std::string& raw = tensor.raw_data();
  // Divides rather than multiplies: count * sizeof(T) can wrap (dims [2^61 + 1] matched 8 bytes
  // and asked for a vector of 2^61 + 1 elements: exit 1).
  if (raw.size() % sizeof(T) != 0 || raw.size() / sizeof(T) != static_cast<uint64_t>(count)) {
    throw UserError(where + ": raw data has " + std::to_string(raw.size()) + " bytes, expected " +
                    std::to_string(count) + " elements of " + std::to_string(sizeof(T)) + " bytes");
  }
  std::vector<T> values(static_cast<size_t>(count));
  if (count > 0) std::memcpy(values.data(), raw.data(), raw.size());
  return values;
}

template <typename Field>
void CheckFieldSize(const Field& field, int64_t count, const std::string& where) {
  if (field.size() != count) {
    throw UserError(where + ": holds " + std::to_string(field.size()) + " values, but its dims " +
                    "describe " + std::to_string(count));
  }
}

[[noreturn]] void UnsupportedType(const onnx::TensorProto& tensor, const std::string& where,
                                  const char* expected) {
  throw UserError(
      where + ": data type " +
      onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(tensor.data_type())) +
      " is not supported here (expected " + expected + ")");
}

}  // namespace

void LoadExternalData(onnx::TensorProto* tensor, const std::string& model_dir,
                      const std::string& where) {
  if (tensor->data_location() != onnx::TensorProto::EXTERNAL) return;
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;
  for (const onnx::StringStringEntryProto& entry : tensor->external_data()) {
    if (entry.key() == "location") location = entry.value();
    if (entry.key() == "offset") offset = ParseExternalInt(entry.value(), "offset", where);
    if (entry.key() == "length") length = ParseExternalInt(entry.value(), "length", where);
  }
  if (location.empty()) throw UserError(where + ": external data without a location");
  const fs::path relative(location);
  bool climbs = false;
  for (const fs::path& part : relative) climbs = climbs || part == "..";
  if (relative.is_absolute() || climbs) {
    throw UserError(where + ": external data location \"" + location +
                    "\" must be a path inside the model's folder");
  }
  const fs::path file = fs::path(model_dir) / relative;
  std::ifstream in(file, std::ios::binary);
  if (!in || !fs::is_regular_file(file)) {
    throw UserError(where + ": cannot open external data file " + file.string());
  }
  const int64_t size = static_cast<int64_t>(fs::file_size(file));
  if (length < 0) length = size - offset;
  // `length > size - offset`, not `offset + length > size`: both come from the file and their
  // sum can overflow (a length of 2^63 - 1 used to reach the allocation below: exit 1).
  if (offset > size || length < 0 || length > size - offset) {
    throw UserError(where + ": external data file " + file.string() + " has " +
                    std::to_string(size) + " bytes, but the tensor needs " +
                    std::to_string(length) + " bytes from offset " + std::to_string(offset));
  }
  std::string bytes(static_cast<size_t>(length), '\0');
  in.seekg(offset);
  in.read(bytes.data(), length);
  if (!in) throw UserError(where + ": cannot read external data file " + file.string());
  tensor->set_raw_data(std::move(bytes));
  tensor->clear_external_data();
  tensor->set_data_location(onnx::TensorProto::DEFAULT);
}

int64_t ElementCount(const onnx::TensorProto& tensor) {
  int64_t count = 1;
  for (const int64_t dim : tensor.dims()) {
    // Checked: the product of dims from the file used to overflow (undefined behaviour).
    if (dim < 0 || __builtin_mul_overflow(count, dim, &count)) return -1;
  }
  return count;
}

namespace {

// ElementCount, or a UserError when the dims describe no valid count.
int64_t CheckedElementCount(const onnx::TensorProto& tensor, const std::string& where) {
  const int64_t count = ElementCount(tensor);
  if (count < 0) {
    std::string dims;
    for (const int64_t dim : tensor.dims()) {
      dims += (dims.empty() ? "" : ", ") + std::to_string(dim);
    }
    throw UserError(where + ": dims [" + dims + "] describe no valid number of elements " +
                    "(a negative dim or more than 2^63 - 1 elements)");
  }
  return count;
}

}  // namespace

std::vector<float> TensorFloats(const onnx::TensorProto& tensor, const std::string& where) {
  const int64_t count = CheckedElementCount(tensor, where);
  const bool raw = tensor.has_raw_data();
  switch (tensor.data_type()) {
    case onnx::TensorProto::FLOAT:
      if (raw) return RawElements<float>(tensor, count, where);
      CheckFieldSize(tensor.float_data(), count, where);
      return {tensor.float_data().begin(), tensor.float_data().end()};
    case onnx::TensorProto::DOUBLE: {
      std::vector<double> values;
      if (raw) {
        values = RawElements<double>(tensor, count, where);
      } else {
        CheckFieldSize(tensor.double_data(), count, where);
        values.assign(tensor.double_data().begin(), tensor.double_data().end());
      }
      return {values.begin(), values.end()};
    }
    case onnx::TensorProto::FLOAT16: {
      std::vector<uint16_t> bits;
      if (raw) {
        bits = RawElements<uint16_t>(tensor, count, where);
      } else {
        CheckFieldSize(tensor.int32_data(), count, where);
        for (const int32_t value : tensor.int32_data())
          bits.push_back(static_cast<uint16_t>(value));
      }
      std::vector<float> values;
      values.reserve(bits.size());
      for (const uint16_t value : bits) values.push_back(HalfToFloat(value));
      return values;
    }
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::INT64: {
      const std::vector<int64_t> ints = TensorInts(tensor, where);
      return {ints.begin(), ints.end()};
    }
    default:
      UnsupportedType(tensor, where, "FLOAT, DOUBLE, FLOAT16, INT32 or INT64");
  }
}

std::vector<int64_t> TensorInts(const onnx::TensorProto& tensor, const std::string& where) {
  const int64_t count = CheckedElementCount(tensor, where);
  const bool raw = tensor.has_raw_data();
  switch (tensor.data_type()) {
    case onnx::TensorProto::INT64:
      if (raw) return RawElements<int64_t>(tensor, count, where);
      CheckFieldSize(tensor.int64_data(), count, where);
      return {tensor.int64_data().begin(), tensor.int64_data().end()};
    case onnx::TensorProto::INT32: {
      if (raw) {
        const std::vector<int32_t> values = RawElements<int32_t>(tensor, count, where);
        return {values.begin(), values.end()};
      }
      CheckFieldSize(tensor.int32_data(), count, where);
      return {tensor.int32_data().begin(), tensor.int32_data().end()};
    }
    default:
      UnsupportedType(tensor, where, "INT64 or INT32");
  }
}

}  // namespace aie2sim::frontend
