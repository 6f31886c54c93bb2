// Int8 fix-point quantisation with power-of-two scales, per tensor (PAPER.md §1).
//
// A tensor with exponent e stores q = x * 2^e, i.e. x = q * 2^-e (e is the number of fractional
// bits; it may be negative for tensors with large values). Every rounding in this library is
// ROUND HALF AWAY FROM ZERO (2.5 -> 3, -2.5 -> -3, as std::round), and every narrowing saturates
// (int8 to [-128, 127], int32 to [INT32_MIN, INT32_MAX]) instead of wrapping.
//
// A convolution's int32 accumulator has exponent e_in + e_w (the product scale), so its bias is
// quantised at that exponent; the accumulator goes back to int8 at the output exponent e_out by
// Requantize, an arithmetic right shift by e_in + e_w - e_out with the same rounding.
//
// Free of IR dependencies: the functional simulator shares it with the compiler.
#pragma once

#include <cstdint>
#include <vector>

namespace aie2sim::quant {

// Exponents are clamped to this range, which keeps every shift below 64 bits.
constexpr int kMinExponent = -31;
constexpr int kMaxExponent = 31;

// The largest exponent e in [kMinExponent, kMaxExponent] with max_abs * 2^e <= 127, so that no
// value of the tensor saturates (and a tensor with max |x| = 127 * 2^-e uses the whole range).
// 0 for max_abs == 0; kMinExponent for +infinity (a magnitude beyond float's range, as a float
// calibration run that overflowed reports it). Precondition: max_abs >= 0, not NaN
// (InternalError otherwise).
int ChooseExponent(double max_abs);

// Saturating narrowing.
int8_t SaturateInt8(int64_t value);
int32_t SaturateInt32(int64_t value);

// round_half_away(x * 2^exponent), saturated to int8. Precondition: x is finite.
int8_t QuantizeValue(double x, int exponent);

// x = q * 2^-exponent.
double Dequantize(int64_t q, int exponent);

struct QuantizedTensor {
  int exponent = 0;
  std::vector<int8_t> values;
};

// Chooses the exponent from max |x| and quantises every value (no value saturates).
// Precondition: every value is finite (InternalError otherwise; importers reject such files).
QuantizedTensor QuantizeTensor(const std::vector<float>& values);

// The bias at the product scale: round_half_away(b * 2^(input_exponent + weight_exponent)),
// saturated to int32.
std::vector<int32_t> QuantizeBias(const std::vector<float>& bias, int input_exponent,
                                  int weight_exponent);

// value * 2^-shift, rounded half away from zero for shift > 0 (an arithmetic right shift that
// adds half of the dropped range to the magnitude), exact for shift <= 0 (a left shift,
// saturated to the int64 range). Precondition: -62 <= shift <= 62.
int64_t ShiftRound(int64_t value, int shift);

// An int32 accumulator with exponent acc_exponent (= e_in + e_w) to int8 at out_exponent:
// SaturateInt8(ShiftRound(acc, acc_exponent - out_exponent)).
int8_t Requantize(int64_t accumulator, int acc_exponent, int out_exponent);

// An int8 value from one power-of-two scale to another (e.g. the inputs of Add or Concat brought
// to a common exponent): SaturateInt8(ShiftRound(q, from_exponent - to_exponent)).
int8_t Rescale(int8_t q, int from_exponent, int to_exponent);

// Element-wise sum of `count` int8 values with exponents `exponents` at out_exponent: each value
// is brought exactly to the finest input exponent e_max (a left shift in int64), the sum is
// taken there and rounded once: SaturateInt8(ShiftRound(sum, e_max - out_exponent)).
int8_t AddRequantize(const int8_t* values, const int* exponents, int count, int out_exponent);

// round_half_away(sum / count) saturated to int8: an average pool's output at its input's
// exponent. Precondition: count > 0.
int8_t AverageRound(int64_t sum, int64_t count);

// A fused activation on an int8 output: clamp to [0, activation_max] (127 for ReLU; ReLU6 uses
// ActivationMax(6.0, e_out)).
int8_t Activate(int8_t q, int activation_max);

// The int8 value of a clip bound `limit` (6 for ReLU6) at `exponent`, saturated to [0, 127].
int ActivationMax(double limit, int exponent);

}  // namespace aie2sim::quant
