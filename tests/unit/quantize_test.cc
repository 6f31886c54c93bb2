// Int8 power-of-two quantisation: exponent choice, rounding half away from zero, saturation,
// bias at the product scale, requantisation and rescaling, on hand-computed values.
#include "compiler/sparsity/quantize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace aie2sim::quant {
namespace {

TEST(Quantize, ChooseExponent) {
  EXPECT_EQ(ChooseExponent(0.0), 0);
  EXPECT_EQ(ChooseExponent(1.0), 6);     // 1 x 64 = 64; 1 x 128 > 127
  EXPECT_EQ(ChooseExponent(0.5), 7);     // 0.5 x 128 = 64; 0.5 x 256 > 127
  EXPECT_EQ(ChooseExponent(0.99), 7);    // 126.72 <= 127
  EXPECT_EQ(ChooseExponent(0.9925), 6);  // 127.04 > 127
  EXPECT_EQ(ChooseExponent(127.0), 0);   // exactly the full range
  EXPECT_EQ(ChooseExponent(127.5), -1);  // 63.75
  EXPECT_EQ(ChooseExponent(300.0), -2);  // 75; 150 > 127
  // A float calibration run that overflowed: the widest range (issue 28, a chain of 400 convs).
  EXPECT_EQ(ChooseExponent(std::numeric_limits<double>::infinity()), kMinExponent);
  EXPECT_EQ(ChooseExponent(1e-20), kMaxExponent);
  EXPECT_EQ(ChooseExponent(1e20), kMinExponent);
}

TEST(Quantize, RoundsHalfAwayFromZeroAndSaturates) {
  EXPECT_EQ(QuantizeValue(0.5, 0), 1);
  EXPECT_EQ(QuantizeValue(-0.5, 0), -1);
  EXPECT_EQ(QuantizeValue(1.5, 0), 2);
  EXPECT_EQ(QuantizeValue(2.5, 0), 3);  // half away, not half to even
  EXPECT_EQ(QuantizeValue(-2.5, 0), -3);
  EXPECT_EQ(QuantizeValue(0.3, 4), 5);  // 4.8
  EXPECT_EQ(QuantizeValue(-0.3, 4), -5);
  EXPECT_EQ(QuantizeValue(0.28, 4), 4);  // 4.48
  EXPECT_EQ(QuantizeValue(200.0, 0), 127);
  EXPECT_EQ(QuantizeValue(-200.0, 0), -128);
  EXPECT_EQ(QuantizeValue(-128.0, 0), -128);
  EXPECT_EQ(SaturateInt8(1000), 127);
  EXPECT_EQ(SaturateInt8(-129), -128);
  EXPECT_EQ(SaturateInt32(int64_t{1} << 40), std::numeric_limits<int32_t>::max());
  EXPECT_DOUBLE_EQ(Dequantize(13, 7), 13.0 / 128);
  EXPECT_DOUBLE_EQ(Dequantize(3, -2), 12.0);
}

TEST(Quantize, Tensor) {
  const QuantizedTensor t = QuantizeTensor({0.5f, -0.25f, 0.1f, 0.0f});
  EXPECT_EQ(t.exponent, 7);
  EXPECT_EQ(t.values, (std::vector<int8_t>{64, -32, 13, 0}));  // 0.1 x 128 = 12.8
  const QuantizedTensor full = QuantizeTensor({-127.0f, 63.5f});
  EXPECT_EQ(full.exponent, 0);
  EXPECT_EQ(full.values, (std::vector<int8_t>{-127, 64}));  // 63.5 rounds away to 64
  EXPECT_EQ(QuantizeTensor({}).exponent, 0);
}

TEST(Quantize, BiasAtTheProductScale) {
  // Exponent 4 + 6 = 10: 0.1 x 1024 = 102.4 -> 102; -0.15 x 1024 = -153.6 -> -154;
  // 0.5 / 1024 x 1024 = 0.5 -> 1 (half away).
  EXPECT_EQ(QuantizeBias({0.1f, -0.15f, 0.5f / 1024}, 4, 6), (std::vector<int32_t>{102, -154, 1}));
  EXPECT_EQ(QuantizeBias({3e9f, -3e9f}, 0, 0),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::min()}));
}

TEST(Quantize, ShiftRound) {
  EXPECT_EQ(ShiftRound(5, 1), 3);  // 2.5
  EXPECT_EQ(ShiftRound(-5, 1), -3);
  EXPECT_EQ(ShiftRound(4, 1), 2);
  EXPECT_EQ(ShiftRound(6, 2), 2);  // 1.5
  EXPECT_EQ(ShiftRound(-6, 2), -2);
  EXPECT_EQ(ShiftRound(7, 2), 2);  // 1.75
  EXPECT_EQ(ShiftRound(5, 2), 1);  // 1.25
  EXPECT_EQ(ShiftRound(-5, 2), -1);
  EXPECT_EQ(ShiftRound(3, 0), 3);
  EXPECT_EQ(ShiftRound(-3, -2), -12);
  EXPECT_EQ(ShiftRound(std::numeric_limits<int64_t>::min(), 62), -2);
  EXPECT_EQ(ShiftRound(int64_t{1} << 61, -3), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(ShiftRound(-(int64_t{1} << 61), -3), std::numeric_limits<int64_t>::min());
}

TEST(Quantize, Requantize) {
  // Shift 10 - 4 = 6: 1000 / 64 = 15.625 -> 16; 96 / 64 = 1.5 -> 2; saturation both ways.
  EXPECT_EQ(Requantize(1000, 10, 4), 16);
  EXPECT_EQ(Requantize(-1000, 10, 4), -16);
  EXPECT_EQ(Requantize(96, 10, 4), 2);
  EXPECT_EQ(Requantize(-96, 10, 4), -2);
  EXPECT_EQ(Requantize(100000, 10, 4), 127);
  EXPECT_EQ(Requantize(-100000, 10, 4), -128);
  EXPECT_EQ(Requantize(std::numeric_limits<int32_t>::min(), 10, 4), -128);
  EXPECT_EQ(Requantize(3, 2, 4), 12);  // output finer than the accumulator: a left shift
}

TEST(Quantize, Rescale) {
  EXPECT_EQ(Rescale(100, 5, 3), 25);
  EXPECT_EQ(Rescale(-3, 3, 2), -2);  // -1.5
  EXPECT_EQ(Rescale(100, 3, 5), 127);
  EXPECT_EQ(Rescale(-100, 3, 5), -128);
  EXPECT_EQ(Rescale(17, 4, 4), 17);
}

TEST(Quantize, DotProductEndToEnd) {
  // y = 0.5 x 0.75 + (-0.25) x 0.5 + 0.125 = 0.375.
  const QuantizedTensor x = QuantizeTensor({0.5f, -0.25f});
  const QuantizedTensor w = QuantizeTensor({0.75f, 0.5f});
  ASSERT_EQ(x.exponent, 7);
  ASSERT_EQ(w.exponent, 7);  // 0.75 x 128 = 96
  const std::vector<int32_t> bias = QuantizeBias({0.125f}, x.exponent, w.exponent);
  EXPECT_EQ(bias[0], 2048);  // 0.125 x 2^14
  int64_t acc = bias[0];
  for (size_t i = 0; i < 2; ++i) acc += int64_t{x.values[i]} * w.values[i];
  EXPECT_EQ(acc, 6144);  // 64 x 96 - 32 x 64 + 2048
  const int out_exponent = ChooseExponent(0.375);
  EXPECT_EQ(out_exponent, 8);
  const int8_t y = Requantize(acc, x.exponent + w.exponent, out_exponent);
  EXPECT_EQ(y, 96);
  EXPECT_DOUBLE_EQ(Dequantize(y, out_exponent), 0.375);
}

}  // namespace
}  // namespace aie2sim::quant
