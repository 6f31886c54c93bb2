#include "compiler/sparsity/quantize.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/base/error.h"

namespace aie2sim::quant {

namespace {

// round_half_away(x * 2^exponent) saturated to [low, high]; ldexp is exact for doubles.
int64_t RoundScaled(double x, int exponent, int64_t low, int64_t high) {
  AIE2SIM_CHECK(std::isfinite(x), "quantising a non-finite value");
  const double scaled = std::round(std::ldexp(x, exponent));
  if (scaled <= static_cast<double>(low)) return low;
  if (scaled >= static_cast<double>(high)) return high;
  return static_cast<int64_t>(scaled);
}

}  // namespace

int ChooseExponent(double max_abs) {
  AIE2SIM_CHECK(max_abs >= 0, "max |x| must be >= 0");  // NaN fails too
  if (max_abs == 0) return 0;
  if (std::isinf(max_abs)) return kMinExponent;  // beyond float: beyond 127 * 2^-kMinExponent
  int binary_exponent = 0;                       // max_abs = m * 2^p with m in [0.5, 1)
  std::frexp(max_abs, &binary_exponent);
  // max_abs < 2^p, so e = 7 - p gives max_abs * 2^e < 128; step down once if it exceeds 127.
  int e = 7 - binary_exponent;
  if (std::ldexp(max_abs, e) > 127.0) --e;
  return std::clamp(e, kMinExponent, kMaxExponent);
}

int8_t SaturateInt8(int64_t value) {
  return static_cast<int8_t>(std::clamp<int64_t>(value, -128, 127));
}

int32_t SaturateInt32(int64_t value) {
  return static_cast<int32_t>(std::clamp<int64_t>(value, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

int8_t QuantizeValue(double x, int exponent) {
  return static_cast<int8_t>(RoundScaled(x, exponent, -128, 127));
}

double Dequantize(int64_t q, int exponent) { return std::ldexp(static_cast<double>(q), -exponent); }

QuantizedTensor QuantizeTensor(const std::vector<float>& values) {
  double max_abs = 0;
  for (float x : values) {
    AIE2SIM_CHECK(std::isfinite(x), "quantising a non-finite value");
    max_abs = std::max(max_abs, std::fabs(static_cast<double>(x)));
  }
  QuantizedTensor tensor;
  tensor.exponent = ChooseExponent(max_abs);
  tensor.values.reserve(values.size());
  for (float x : values) tensor.values.push_back(QuantizeValue(x, tensor.exponent));
  return tensor;
}

std::vector<int32_t> QuantizeBias(const std::vector<float>& bias, int input_exponent,
                                  int weight_exponent) {
  std::vector<int32_t> result;
  result.reserve(bias.size());
  for (float b : bias) {
    result.push_back(static_cast<int32_t>(RoundScaled(b, input_exponent + weight_exponent,
                                                      std::numeric_limits<int32_t>::min(),
                                                      std::numeric_limits<int32_t>::max())));
  }
  return result;
}

int64_t ShiftRound(int64_t value, int shift) {
  AIE2SIM_CHECK(shift >= -62 && shift <= 62, "shift out of range: " + std::to_string(shift));
  if (shift <= 0) {
    const int64_t limit = std::numeric_limits<int64_t>::max() >> -shift;
    if (value > limit) return std::numeric_limits<int64_t>::max();
    if (value < -limit) return std::numeric_limits<int64_t>::min();
    return value * (int64_t{1} << -shift);
  }
  // Round the magnitude: add half of 2^shift, then drop the low bits. Done on the unsigned
  // magnitude so INT64_MIN needs no special case.
  const bool negative = value < 0;
  const uint64_t magnitude =
      negative ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const uint64_t rounded = (magnitude + (uint64_t{1} << (shift - 1))) >> shift;
  return negative ? -static_cast<int64_t>(rounded) : static_cast<int64_t>(rounded);
}

int8_t Requantize(int64_t accumulator, int acc_exponent, int out_exponent) {
  return SaturateInt8(ShiftRound(accumulator, acc_exponent - out_exponent));
}

int8_t Rescale(int8_t q, int from_exponent, int to_exponent) {
  return SaturateInt8(ShiftRound(q, from_exponent - to_exponent));
}

int8_t AddRequantize(const int8_t* values, const int* exponents, int count, int out_exponent) {
  AIE2SIM_CHECK(count > 0, "AddRequantize of no values");
  int finest = exponents[0];
  for (int i = 1; i < count; ++i) finest = std::max(finest, exponents[i]);
  int64_t sum = 0;
  for (int i = 0; i < count; ++i) sum += ShiftRound(values[i], exponents[i] - finest);
  return SaturateInt8(ShiftRound(sum, finest - out_exponent));
}

int8_t AverageRound(int64_t sum, int64_t count) {
  AIE2SIM_CHECK(count > 0, "average over no elements");
  const uint64_t magnitude =
      sum < 0 ? uint64_t{0} - static_cast<uint64_t>(sum) : static_cast<uint64_t>(sum);
  const uint64_t divisor = static_cast<uint64_t>(count);
  const uint64_t rounded = (2 * magnitude + divisor) / (2 * divisor);
  return SaturateInt8(sum < 0 ? -static_cast<int64_t>(rounded) : static_cast<int64_t>(rounded));
}

int8_t Activate(int8_t q, int activation_max) {
  return static_cast<int8_t>(std::clamp<int>(q, 0, activation_max));
}

int ActivationMax(double limit, int exponent) {
  return static_cast<int>(RoundScaled(limit, exponent, 0, 127));
}

}  // namespace aie2sim::quant
