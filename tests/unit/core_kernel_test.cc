// The functional core kernels (sim/functional/core_kernel.h): each kernel on hand-computed
// values (stride, dilation, padding on each side, groups, bias, ReLU6, partial sums over input-
// channel pieces, average pools with and without the padding at a ceil-mode border, global
// average pool, Add with different exponents, copy), subvolumes of random layers against a naive
// whole-layer convolution (dense and block-sparse pieces from the compiler's encoder), and the
// InternalErrors for buffers that disagree with the dims. Prints the kernel's MAC/s.
#include "sim/functional/core_kernel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/compaction.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::functional {
namespace {

struct Dims {
  uint32_t out_rows = 1, out_cols = 1, out_channels = 1;
  uint32_t in_rows = 1, in_cols = 1, in_channels = 1;
  uint32_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  uint32_t dilation_h = 1, dilation_w = 1;
  uint32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
};

isa::Compute MakeCompute(isa::KernelKind kind, const Dims& d) {
  isa::Compute compute;
  compute.set_kernel(kind);
  isa::KernelDims* dims = compute.mutable_dims();
  dims->set_out_rows(d.out_rows);
  dims->set_out_cols(d.out_cols);
  dims->set_out_channels(d.out_channels);
  dims->set_in_rows(d.in_rows);
  dims->set_in_cols(d.in_cols);
  dims->set_in_channels(d.in_channels);
  dims->set_kernel_h(d.kernel_h);
  dims->set_kernel_w(d.kernel_w);
  dims->set_stride_h(d.stride_h);
  dims->set_stride_w(d.stride_w);
  dims->set_dilation_h(d.dilation_h);
  dims->set_dilation_w(d.dilation_w);
  dims->set_pad_top(d.pad_top);
  dims->set_pad_bottom(d.pad_bottom);
  dims->set_pad_left(d.pad_left);
  dims->set_pad_right(d.pad_right);
  return compute;
}

// A layer with exponents 0 (the int32 sums are the outputs) and no activation clamp.
isa::LayerData MakeLayer(uint32_t in_channels, uint32_t out_channels, uint32_t kernel_h = 1,
                         uint32_t kernel_w = 1, uint32_t groups = 1) {
  isa::LayerData layer;
  layer.add_input_exponents(0);
  layer.set_weight_exponent(0);
  layer.set_output_exponent(0);
  layer.set_activation_max(127);
  layer.set_in_channels(in_channels);
  layer.set_out_channels(out_channels);
  layer.set_groups(groups);
  layer.set_kernel_h(kernel_h);
  layer.set_kernel_w(kernel_w);
  return layer;
}

// Runs a kernel with vectors as buffers; returns the output.
std::vector<int8_t> Execute(const isa::LayerData& layer, const isa::Compute& compute,
                            const std::vector<int8_t>& input, const std::vector<int8_t>& weights,
                            size_t outputs, std::vector<int32_t>* accumulator = nullptr) {
  std::vector<int8_t> output(outputs, 99);
  KernelIo io;
  io.input = input.data();
  io.input_size = input.size();
  io.weights = weights.empty() ? nullptr : weights.data();
  io.weights_size = weights.size();
  io.output = output.data();
  io.output_size = output.size();
  if (accumulator != nullptr) {
    io.accumulator = accumulator->data();
    io.accumulator_size = accumulator->size();
  }
  RunComputeKernel(layer, compute, io);
  return output;
}

std::vector<int8_t> Iota(int count, int first = 1) {
  std::vector<int8_t> values;
  for (int i = 0; i < count; ++i) values.push_back(static_cast<int8_t>(first + i));
  return values;
}

TEST(CoreKernel, Conv3x3PaddedOnEverySide) {
  // 3x3 input 1..9, 3x3 kernel of ones, padding 1: each output is its neighbourhood's sum.
  Dims d;
  d.out_rows = d.out_cols = d.in_rows = d.in_cols = 3;
  d.kernel_h = d.kernel_w = 3;
  d.pad_top = d.pad_bottom = d.pad_left = d.pad_right = 1;
  const std::vector<int8_t> out = Execute(MakeLayer(1, 1, 3, 3), MakeCompute(isa::CONV, d), Iota(9),
                                          std::vector<int8_t>(9, 1), 9);
  EXPECT_EQ(out, (std::vector<int8_t>{12, 21, 16, 27, 45, 33, 24, 39, 28}));
}

TEST(CoreKernel, ConvAsymmetricPadding) {
  // 2x2 kernel [[1, 2], [3, 4]], padding top 1 and right 1 only: out(o, p) = sum of
  // w[kh][kw] * in[o + kh - 1][p + kw].
  Dims d;
  d.out_rows = d.out_cols = d.in_rows = d.in_cols = 3;
  d.kernel_h = d.kernel_w = 2;
  d.pad_top = 1;
  d.pad_right = 1;
  const std::vector<int8_t> out =
      Execute(MakeLayer(1, 1, 2, 2), MakeCompute(isa::CONV, d), Iota(9), {1, 2, 3, 4}, 9);
  // Row 0 sees only input row 0 through kh = 1: 3 * in + 4 * right neighbour.
  EXPECT_EQ(out[0], 3 * 1 + 4 * 2);
  EXPECT_EQ(out[2], 3 * 3);  // right neighbour in the padding
  EXPECT_EQ(out[7], 1 * 5 + 2 * 6 + 3 * 8 + 4 * 9);
  EXPECT_EQ(out[8], 1 * 6 + 3 * 9);
  // The same window with the padding at the bottom and left instead.
  d.pad_top = d.pad_right = 0;
  d.pad_bottom = d.pad_left = 1;
  const std::vector<int8_t> flipped =
      Execute(MakeLayer(1, 1, 2, 2), MakeCompute(isa::CONV, d), Iota(9), {1, 2, 3, 4}, 9);
  EXPECT_EQ(flipped[0], 2 * 1 + 4 * 4);  // out(0,0): left column padded
  EXPECT_EQ(flipped[4], 1 * 4 + 2 * 5 + 3 * 7 + 4 * 8);
  EXPECT_EQ(flipped[8], 1 * 8 + 2 * 9);  // out(2,2): bottom row padded
}

TEST(CoreKernel, ConvStrideTwoDilationTwo) {
  // 5x5 input in[r][c] = r * 5 + c, 2x2 kernel of ones, stride 2, dilation 2:
  // out(o, p) = in[2o][2p] + in[2o][2p+2] + in[2o+2][2p] + in[2o+2][2p+2].
  Dims d;
  d.out_rows = d.out_cols = 2;
  d.in_rows = d.in_cols = 5;
  d.kernel_h = d.kernel_w = 2;
  d.stride_h = d.stride_w = 2;
  d.dilation_h = d.dilation_w = 2;
  const std::vector<int8_t> out =
      Execute(MakeLayer(1, 1, 2, 2), MakeCompute(isa::CONV, d), Iota(25, 0), {1, 1, 1, 1}, 4);
  EXPECT_EQ(out, (std::vector<int8_t>{24, 32, 64, 72}));
}

TEST(CoreKernel, GroupedConvReadsItsGroupsChannels) {
  // 2 groups, 4 -> 4 channels, 1x1: output co reads the 2 inputs of group co / 2.
  const isa::LayerData layer = MakeLayer(4, 4, 1, 1, 2);
  Dims d;
  d.out_channels = d.in_channels = 4;
  const std::vector<int8_t> weights = {1, 1, 1, -1, 2, 0, 0, 3};
  EXPECT_EQ(Execute(layer, MakeCompute(isa::CONV, d), {1, 2, 3, 4}, weights, 4),
            (std::vector<int8_t>{3, -1, 6, 12}));
  // The second group alone: outputs [2, 4) with the buffer holding inputs [2, 4).
  d.out_channels = d.in_channels = 2;
  isa::Compute compute = MakeCompute(isa::CONV, d);
  compute.set_cout_begin(2);
  compute.set_cin_begin(2);
  EXPECT_EQ(Execute(layer, compute, {3, 4}, {2, 0, 0, 3}, 2), (std::vector<int8_t>{6, 12}));
  // A buffer without the group's inputs.
  compute.set_cin_begin(1);
  EXPECT_THROW(Execute(layer, compute, {3, 4}, {2, 0, 0, 3}, 2), InternalError);
}

TEST(CoreKernel, DepthwiseConv) {
  // 3 channels, 3 groups, 3x1 kernel, padding 1 top and bottom over a 3x1 input.
  const isa::LayerData layer = MakeLayer(3, 3, 3, 1, 3);
  Dims d;
  d.out_rows = d.in_rows = 3;
  d.out_channels = d.in_channels = 3;
  d.kernel_h = 3;
  d.pad_top = d.pad_bottom = 1;
  // in[r][c] = 10 r + c; weights per channel [1, 2, 3], [0, 1, 0], [-1, 0, 1].
  const std::vector<int8_t> input = {0, 1, 2, 10, 11, 12, 20, 21, 22};
  const std::vector<int8_t> weights = {1, 2, 3, 0, 1, 0, -1, 0, 1};
  EXPECT_EQ(Execute(layer, MakeCompute(isa::CONV, d), input, weights, 9),
            (std::vector<int8_t>{2 * 0 + 3 * 10, 1, 12,  //
                                 0 + 2 * 10 + 3 * 20, 11, 22 - 2, 10 + 2 * 20, 21, -12}));
}

TEST(CoreKernel, SparseConvSkipsDroppedBlocks) {
  // 2 outputs x 4 inputs, 1x1 blocks of 1 x 2: output 0 keeps inputs 2-3, output 1 inputs 0-1.
  isa::LayerData layer = MakeLayer(4, 2);
  layer.set_block_h(1);
  layer.set_block_w(2);
  Dims d;
  d.out_channels = 2;
  d.in_channels = 4;
  const std::vector<int8_t> piece = {0b10, 0b01, 5, 6, 7, 8};
  EXPECT_EQ(Execute(layer, MakeCompute(isa::CONV, d), {1, 2, 3, 4}, piece, 2),
            (std::vector<int8_t>{5 * 3 + 6 * 4, 7 * 1 + 8 * 2}));
  // A piece whose size disagrees with its Γ.
  EXPECT_THROW(Execute(layer, MakeCompute(isa::CONV, d), {1, 2, 3, 4}, {0b10, 0b01, 5, 6, 7}, 2),
               InternalError);
}

TEST(CoreKernel, BiasRequantizeAndRelu6) {
  // 1x1 conv, weight 10, exponents in 1 + w 1 - out 1: a rounding right shift by 1.
  isa::LayerData layer = MakeLayer(1, 1);
  layer.set_input_exponents(0, 1);
  layer.set_weight_exponent(1);
  layer.set_output_exponent(1);
  layer.add_bias(5);
  layer.set_activation_max(quant::ActivationMax(6.0, 1));  // 12
  ASSERT_EQ(layer.activation_max(), 12);
  Dims d;
  d.out_cols = d.in_cols = 4;
  isa::Compute compute = MakeCompute(isa::CONV, d);
  const std::vector<int8_t> input = {1, -1, 2, 50};
  // acc = 5 + 10 x: 15 -> 7.5 -> 8; -5 -> -2.5 -> -3; 25 -> 12.5 -> 13; 505 -> 252.5 -> 127.
  EXPECT_EQ(Execute(layer, compute, input, {10}, 4), (std::vector<int8_t>{8, -3, 13, 127}));
  compute.set_relu(true);
  EXPECT_EQ(Execute(layer, compute, input, {10}, 4), (std::vector<int8_t>{8, 0, 12, 12}));
}

TEST(CoreKernel, PartialSumsOverThreeInputPiecesEqualOneComputation) {
  // 2x3 outputs, 5 output channels, 3x3 kernel with padding, 12 input channels split 4 + 5 + 3.
  std::mt19937 random(11);
  isa::LayerData layer = MakeLayer(12, 5, 3, 3);
  layer.set_input_exponents(0, 4);
  layer.set_weight_exponent(5);
  layer.set_output_exponent(3);
  for (int c = 0; c < 5; ++c) layer.add_bias(c * 301 - 700);
  layer.set_activation_max(100);
  Dims d;
  d.out_rows = 2;
  d.out_cols = 3;
  d.out_channels = 5;
  d.in_rows = 3;
  d.in_cols = 4;
  d.kernel_h = d.kernel_w = 3;
  d.pad_top = 1;
  d.pad_left = 1;
  std::vector<int8_t> input(3 * 4 * 12), weights(5 * 9 * 12);
  for (int8_t& v : input) v = static_cast<int8_t>(random());
  for (int8_t& v : weights) v = static_cast<int8_t>(random());
  d.in_channels = 12;
  isa::Compute whole = MakeCompute(isa::CONV, d);
  whole.set_relu(true);
  const std::vector<int8_t> expected = Execute(layer, whole, input, weights, 30);

  std::vector<int32_t> accumulator(30, 0);
  const int pieces[][2] = {{0, 4}, {4, 9}, {9, 12}};
  std::vector<int8_t> out;
  for (int q = 0; q < 3; ++q) {
    const int begin = pieces[q][0], end = pieces[q][1];
    std::vector<int8_t> part_input, part_weights;
    for (int pixel = 0; pixel < 12; ++pixel) {
      part_input.insert(part_input.end(), input.begin() + pixel * 12 + begin,
                        input.begin() + pixel * 12 + end);
    }
    for (int row = 0; row < 5 * 9; ++row) {
      part_weights.insert(part_weights.end(), weights.begin() + row * 12 + begin,
                          weights.begin() + row * 12 + end);
    }
    d.in_channels = static_cast<uint32_t>(end - begin);
    isa::Compute compute = MakeCompute(isa::CONV, d);
    compute.set_cin_begin(static_cast<uint32_t>(begin));
    compute.set_accumulate(q > 0);
    compute.set_partial(q < 2);
    compute.set_relu(true);
    out = Execute(layer, compute, part_input, part_weights, 30, &accumulator);
    if (q < 2) {
      EXPECT_EQ(out, std::vector<int8_t>(30, 99)) << "a partial compute wrote output";
    }
  }
  EXPECT_EQ(out, expected);
  // And the expected values are not all clamped: the test sees real sums.
  int distinct = 0;
  for (size_t i = 1; i < expected.size(); ++i) distinct += expected[i] != expected[i - 1];
  EXPECT_GT(distinct, 10);
}

TEST(CoreKernel, MaxPoolIgnoresThePadding) {
  // 4x4 input of negative values, 3x3 window, stride 2, padding 1: the padding never wins.
  Dims d;
  d.out_rows = d.out_cols = 2;
  d.in_rows = d.in_cols = 4;
  d.kernel_h = d.kernel_w = 3;
  d.stride_h = d.stride_w = 2;
  d.pad_top = d.pad_left = 1;
  std::vector<int8_t> input;
  for (int i = 0; i < 16; ++i) input.push_back(static_cast<int8_t>(-100 + (i * 7) % 16));
  // in = -100 + (i * 7 mod 16); out(0,0) = max of rows 0-1, cols 0-1: i = 0, 1, 4, 5.
  auto at = [&](int r, int c) { return input[r * 4 + c]; };
  const std::vector<int8_t> out =
      Execute(MakeLayer(1, 1), MakeCompute(isa::MAXPOOL, d), input, {}, 4);
  EXPECT_EQ(out[0], std::max({at(0, 0), at(0, 1), at(1, 0), at(1, 1)}));
  EXPECT_EQ(out[3], std::max({at(1, 1), at(1, 2), at(1, 3), at(2, 1), at(2, 2), at(2, 3), at(3, 1),
                              at(3, 2), at(3, 3)}));
  EXPECT_LT(out[0], 0);
}

TEST(CoreKernel, AveragePoolAtACeilModeBorderBothWays) {
  // Input height 6 (width 1), window 3x1, stride 2, padding 1 top and bottom, ceil mode: 4
  // outputs; the last window (rows 5, 6, 7) holds input row 5, padding row 6 and row 7 beyond
  // the padding. Column values 10, 21, 30, 40, 50, 60.
  isa::LayerData layer = MakeLayer(1, 1, 3, 1);
  layer.set_in_height(6);
  layer.set_in_width(1);
  layer.set_pad_top(1);
  layer.set_pad_bottom(1);
  Dims d;
  d.out_rows = 4;
  d.in_rows = 6;
  d.kernel_h = 3;
  d.stride_h = 2;
  d.pad_top = 1;
  d.pad_bottom = 2;
  const std::vector<int8_t> input = {10, 21, 30, 40, 50, 60};
  // Windows: rows -1..1 (31), 1..3 (91), 3..5 (150), 5..7 (60).
  layer.set_count_include_pad(true);  // divisors 3, 3, 3, 2 (row 7 is beyond the padding)
  EXPECT_EQ(Execute(layer, MakeCompute(isa::AVGPOOL, d), input, {}, 4),
            (std::vector<int8_t>{10, 30, 50, 30}));
  layer.set_count_include_pad(false);  // divisors 2, 3, 3, 1
  EXPECT_EQ(Execute(layer, MakeCompute(isa::AVGPOOL, d), input, {}, 4),
            (std::vector<int8_t>{16, 30, 50, 60}));
  // The last two outputs alone: the divisor follows the absolute position (out_row).
  d.out_rows = 2;
  d.in_rows = 3;  // rows 3..5
  d.pad_top = 0;
  isa::Compute tail = MakeCompute(isa::AVGPOOL, d);
  tail.set_out_row(2);
  layer.set_count_include_pad(true);
  EXPECT_EQ(Execute(layer, tail, {40, 50, 60}, {}, 2), (std::vector<int8_t>{50, 30}));
  // With the wrong out_row the buffer and the layer geometry disagree.
  layer.set_count_include_pad(false);
  tail.set_out_row(1);
  EXPECT_THROW(Execute(layer, tail, {40, 50, 60}, {}, 2), InternalError);
}

TEST(CoreKernel, GlobalAveragePool) {
  isa::LayerData layer = MakeLayer(2, 2);
  layer.set_in_height(2);
  layer.set_in_width(2);
  Dims d;
  d.in_rows = d.in_cols = 2;
  d.in_channels = d.out_channels = 2;
  // Channel 0: 1 2 3 4 (2.5 -> 3); channel 1: -1 -2 -3 -4 (-2.5 -> -3).
  const std::vector<int8_t> input = {1, -1, 2, -2, 3, -3, 4, -4};
  EXPECT_EQ(Execute(layer, MakeCompute(isa::GLOBAL_AVGPOOL, d), input, {}, 2),
            (std::vector<int8_t>{3, -3}));
  layer.set_in_width(3);
  EXPECT_THROW(Execute(layer, MakeCompute(isa::GLOBAL_AVGPOOL, d), input, {}, 2), InternalError);
}

TEST(CoreKernel, AddWithDifferentExponents) {
  // Input exponents 1 and 2, output 1: a (x = a / 2) and b (x = b / 4) summed at exponent 2,
  // then shifted right by 1 with rounding half away from zero.
  isa::LayerData layer = MakeLayer(3, 3);
  layer.set_input_exponents(0, 1);
  layer.add_input_exponents(2);
  layer.set_output_exponent(1);
  Dims d;
  d.in_channels = d.out_channels = 3;
  // (3, 5): 6 + 5 = 11 -> 5.5 -> 6; (3, -5): 1 -> 0.5 -> 1; (-3, -5): -11 -> -5.5 -> -6.
  const std::vector<int8_t> input = {3, 3, -3, 5, -5, -5};
  isa::Compute compute = MakeCompute(isa::ADD, d);
  EXPECT_EQ(Execute(layer, compute, input, {}, 3), (std::vector<int8_t>{6, 1, -6}));
  compute.set_relu(true);
  EXPECT_EQ(Execute(layer, compute, input, {}, 3), (std::vector<int8_t>{6, 1, 0}));
  // One input block missing.
  EXPECT_THROW(Execute(layer, compute, {3, 3, -3}, {}, 3), InternalError);
}

TEST(CoreKernel, Copy) {
  Dims d;
  EXPECT_EQ(Execute(MakeLayer(1, 1), MakeCompute(isa::COPY, d), {1, 2, 3}, {}, 3),
            (std::vector<int8_t>{1, 2, 3}));
  EXPECT_THROW(Execute(MakeLayer(1, 1), MakeCompute(isa::COPY, d), {1, 2, 3}, {}, 4),
               InternalError);
}

TEST(CoreKernel, BuffersThatDisagreeWithTheDimsThrow) {
  const isa::LayerData layer = MakeLayer(2, 2, 3, 3);
  Dims d;
  d.out_rows = d.out_cols = d.in_rows = d.in_cols = 3;
  d.in_channels = d.out_channels = 2;
  d.kernel_h = d.kernel_w = 3;
  d.pad_top = d.pad_bottom = d.pad_left = d.pad_right = 1;
  const isa::Compute compute = MakeCompute(isa::CONV, d);
  const std::vector<int8_t> input(18, 1), weights(36, 1);
  EXPECT_NO_THROW(Execute(layer, compute, input, weights, 18));
  EXPECT_THROW(Execute(layer, compute, std::vector<int8_t>(17, 1), weights, 18), InternalError);
  EXPECT_THROW(Execute(layer, compute, input, std::vector<int8_t>(35, 1), 18), InternalError);
  EXPECT_THROW(Execute(layer, compute, input, weights, 19), InternalError);
  // Windows reaching beyond the buffer and its padding.
  Dims short_pad = d;
  short_pad.pad_bottom = 0;
  EXPECT_THROW(Execute(layer, MakeCompute(isa::CONV, short_pad), input, weights, 18),
               InternalError);
  // Input channels beyond the layer's.
  isa::Compute shifted = compute;
  shifted.set_cin_begin(1);
  EXPECT_THROW(Execute(layer, shifted, input, weights, 18), InternalError);
  // Partial without an accumulator, accumulate with a short one.
  isa::Compute partial = compute;
  partial.set_partial(true);
  EXPECT_THROW(Execute(layer, partial, input, weights, 18), InternalError);
  std::vector<int32_t> short_accumulator(17);
  isa::Compute accumulate = compute;
  accumulate.set_accumulate(true);
  EXPECT_THROW(Execute(layer, accumulate, input, weights, 18, &short_accumulator), InternalError);
  // A max pool window entirely in the padding.
  Dims pool;
  pool.out_cols = 2;
  pool.in_cols = 1;
  pool.pad_right = 1;
  EXPECT_THROW(Execute(MakeLayer(1, 1), MakeCompute(isa::MAXPOOL, pool), {5}, {}, 2),
               InternalError);
  isa::Compute unknown = compute;
  unknown.set_kernel(isa::KERNEL_KIND_UNSPECIFIED);
  EXPECT_THROW(Execute(layer, unknown, input, weights, 18), InternalError);
}

// ---- Subvolumes of random layers against a naive whole-layer convolution -------------------

struct Layer {
  int64_t h, w, cin, cout, groups, kh, kw, stride, dilation, pt, pb, pl, pr;
  int64_t oh() const { return (h + pt + pb - dilation * (kh - 1) - 1) / stride + 1; }
  int64_t ow() const { return (w + pl + pr - dilation * (kw - 1) - 1) / stride + 1; }
};

// The int32 sums of the whole layer, [oh][ow][cout], from the dense (masked) weights.
std::vector<int64_t> NaiveSums(const Layer& l, const std::vector<int8_t>& in,
                               const std::vector<int8_t>& weights,
                               const std::vector<int32_t>& bias) {
  const int64_t ipg = l.cin / l.groups, opg = l.cout / l.groups;
  std::vector<int64_t> sums;
  for (int64_t y = 0; y < l.oh(); ++y) {
    for (int64_t x = 0; x < l.ow(); ++x) {
      for (int64_t co = 0; co < l.cout; ++co) {
        int64_t sum = bias[co];
        for (int64_t a = 0; a < l.kh; ++a) {
          for (int64_t b = 0; b < l.kw; ++b) {
            const int64_t r = y * l.stride + a * l.dilation - l.pt;
            const int64_t c = x * l.stride + b * l.dilation - l.pl;
            if (r < 0 || r >= l.h || c < 0 || c >= l.w) continue;
            for (int64_t i = 0; i < ipg; ++i) {
              sum += in[(r * l.w + c) * l.cin + co / opg * ipg + i] *
                     weights[((co * l.kh + a) * l.kw + b) * ipg + i];
            }
          }
        }
        sums.push_back(sum);
      }
    }
  }
  return sums;
}

TEST(CoreKernel, RandomSubvolumesMatchANaiveLayer) {
  std::mt19937_64 random(5);
  auto pick = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(random() % static_cast<uint64_t>(hi - lo + 1));
  };
  int computes = 0, sparse_layers = 0, split_layers = 0;
  for (int trial = 0; trial < 120; ++trial) {
    Layer l;
    l.groups = pick(0, 3) == 0 ? pick(2, 4) : 1;
    l.cin = l.groups * pick(1, 12);
    l.cout = l.groups * pick(1, 10);
    l.kh = pick(1, 3);
    l.kw = pick(1, 3);
    l.stride = pick(1, 2);
    l.dilation = pick(1, 2);
    l.pt = pick(0, l.kh - 1);
    l.pb = pick(0, l.kh - 1);
    l.pl = pick(0, l.kw - 1);
    l.pr = pick(0, l.kw - 1);
    l.h = pick(l.dilation * (l.kh - 1) + 1, 9);
    l.w = pick(l.dilation * (l.kw - 1) + 1, 9);
    const sparsity::WeightShape shape{l.cout, l.kh * l.kw, l.cin / l.groups, l.groups};
    std::vector<int8_t> in(l.h * l.w * l.cin), weights(shape.elements());
    for (int8_t& v : in) v = static_cast<int8_t>(random());
    for (int8_t& v : weights) v = static_cast<int8_t>(random());
    ir::BlockMask mask;
    if (pick(0, 1) == 1) {
      const sparsity::BlockGrid grid(shape, pick(1, 4), pick(1, 4));
      std::vector<uint8_t> kept(grid.blocks());
      for (uint8_t& k : kept) k = pick(0, 2) != 0;
      mask = grid.MakeMask(kept);
      sparse_layers += mask.dense() ? 0 : 1;
    }
    const std::vector<int8_t> masked =
        sparsity::ExpandWeights(sparsity::CompactWeights(shape, mask, weights));
    std::vector<int32_t> bias(l.cout);
    for (int32_t& b : bias) b = static_cast<int32_t>(pick(-3000, 3000));

    isa::LayerData layer = MakeLayer(l.cin, l.cout, l.kh, l.kw, l.groups);
    layer.set_input_exponents(0, 3);
    layer.set_weight_exponent(4);
    layer.set_output_exponent(static_cast<int>(pick(0, 3)));
    for (int32_t b : bias) layer.add_bias(b);
    layer.set_block_h(mask.dense() ? 0 : mask.block_h);
    layer.set_block_w(mask.dense() ? 0 : mask.block_w);
    const std::vector<int64_t> sums = NaiveSums(l, in, masked, bias);
    std::vector<int8_t> expected;
    for (int64_t s : sums) expected.push_back(quant::Requantize(s, 7, layer.output_exponent()));

    // Tile the output like the compiler: row blocks, column sub-slices, cout pieces, and for
    // groups == 1 sometimes input-channel pieces accumulated in int32.
    std::vector<int8_t> got(expected.size(), 0);
    const int64_t rows_per = pick(1, l.oh()), cols_per = pick(1, l.ow());
    const int64_t couts_per = pick(1, l.cout);
    const int64_t cin_pieces = l.groups == 1 && l.cin >= 3 && pick(0, 1) ? 3 : 1;
    split_layers += cin_pieces > 1;
    const int64_t ipg = l.cin / l.groups, opg = l.cout / l.groups;
    for (int64_t y0 = 0; y0 < l.oh(); y0 += rows_per) {
      for (int64_t x0 = 0; x0 < l.ow(); x0 += cols_per) {
        for (int64_t c0 = 0; c0 < l.cout; c0 += couts_per) {
          const int64_t y1 = std::min(l.oh(), y0 + rows_per);
          const int64_t x1 = std::min(l.ow(), x0 + cols_per);
          const int64_t c1 = std::min(l.cout, c0 + couts_per);
          // Input rows / columns read, clipped; the rest is the compute's padding.
          const int64_t r_read0 = y0 * l.stride - l.pt;
          const int64_t r_read1 = (y1 - 1) * l.stride - l.pt + l.dilation * (l.kh - 1) + 1;
          const int64_t c_read0 = x0 * l.stride - l.pl;
          const int64_t c_read1 = (x1 - 1) * l.stride - l.pl + l.dilation * (l.kw - 1) + 1;
          const int64_t r0 = std::max<int64_t>(0, r_read0), r1 = std::min(l.h, r_read1);
          const int64_t q0 = std::max<int64_t>(0, c_read0), q1 = std::min(l.w, c_read1);
          Dims d;
          d.out_rows = static_cast<uint32_t>(y1 - y0);
          d.out_cols = static_cast<uint32_t>(x1 - x0);
          d.out_channels = static_cast<uint32_t>(c1 - c0);
          d.in_rows = static_cast<uint32_t>(r1 - r0);
          d.in_cols = static_cast<uint32_t>(q1 - q0);
          d.kernel_h = static_cast<uint32_t>(l.kh);
          d.kernel_w = static_cast<uint32_t>(l.kw);
          d.stride_h = d.stride_w = static_cast<uint32_t>(l.stride);
          d.dilation_h = d.dilation_w = static_cast<uint32_t>(l.dilation);
          d.pad_top = static_cast<uint32_t>(r0 - r_read0);
          d.pad_bottom = static_cast<uint32_t>(r_read1 - r1);
          d.pad_left = static_cast<uint32_t>(q0 - c_read0);
          d.pad_right = static_cast<uint32_t>(c_read1 - q1);
          // Input channels of the piece: its groups' (grouped) or a third of all (split).
          std::vector<std::pair<int64_t, int64_t>> cins;
          if (l.groups > 1) {
            cins.push_back({c0 / opg * ipg, ((c1 - 1) / opg + 1) * ipg});
          } else {
            for (int64_t q = 0; q < cin_pieces; ++q) {
              cins.push_back({l.cin * q / cin_pieces, l.cin * (q + 1) / cin_pieces});
            }
          }
          std::vector<int32_t> accumulator(static_cast<size_t>(d.out_rows) * d.out_cols *
                                           d.out_channels);
          std::vector<int8_t> out;
          for (size_t q = 0; q < cins.size(); ++q) {
            const auto [i0, i1] = cins[q];
            std::vector<int8_t> buffer;
            for (int64_t r = r0; r < r1; ++r) {
              for (int64_t c = q0; c < q1; ++c) {
                const auto pixel = in.begin() + (r * l.w + c) * l.cin;
                buffer.insert(buffer.end(), pixel + i0, pixel + i1);
              }
            }
            d.in_channels = static_cast<uint32_t>(i1 - i0);
            isa::Compute compute = MakeCompute(isa::CONV, d);
            compute.set_cout_begin(static_cast<uint32_t>(c0));
            compute.set_cin_begin(static_cast<uint32_t>(i0));
            compute.set_accumulate(q > 0);
            compute.set_partial(q + 1 < cins.size());
            const std::vector<int8_t> piece =
                l.groups > 1 ? sparsity::EncodeWeightPiece(shape, mask, weights, c0, c1, 0, ipg)
                             : sparsity::EncodeWeightPiece(shape, mask, weights, c0, c1, i0, i1);
            out = Execute(layer, compute, buffer, piece, accumulator.size(), &accumulator);
            ++computes;
          }
          for (int64_t y = y0; y < y1; ++y) {
            for (int64_t x = x0; x < x1; ++x) {
              for (int64_t c = c0; c < c1; ++c) {
                got[(y * l.ow() + x) * l.cout + c] =
                    out[((y - y0) * (x1 - x0) + (x - x0)) * (c1 - c0) + (c - c0)];
              }
            }
          }
        }
      }
    }
    ASSERT_EQ(got, expected) << "trial " << trial;
  }
  EXPECT_GT(computes, 1000);
  EXPECT_GT(sparse_layers, 30);
  EXPECT_GT(split_layers, 20);
}

// Throughput of a 3x3x64 -> 64 conv on an 8x56 subvolume (dense, and with half the 8x8 blocks
// kept), printed for the record; no bound (sanitizer builds are slow).
TEST(CoreKernel, MeasureConvThroughput) {
  std::mt19937 random(3);
  const sparsity::WeightShape shape{64, 9, 64, 1};
  std::vector<int8_t> weights(shape.elements()), input(10 * 58 * 64), output(8 * 56 * 64);
  for (int8_t& v : weights) v = static_cast<int8_t>(random());
  for (int8_t& v : input) v = static_cast<int8_t>(random());
  const sparsity::BlockGrid grid(shape, 8, 8);
  std::vector<uint8_t> kept(grid.blocks());
  for (size_t b = 0; b < kept.size(); ++b) kept[b] = (b + b / 8) % 2;
  for (const bool sparse : {false, true}) {
    const ir::BlockMask mask = sparse ? grid.MakeMask(kept) : ir::BlockMask();
    isa::LayerData layer = MakeLayer(64, 64, 3, 3);
    layer.set_block_h(sparse ? 8 : 0);
    layer.set_block_w(sparse ? 8 : 0);
    Dims d;
    d.out_rows = 8;
    d.out_cols = 56;
    d.out_channels = d.in_channels = 64;
    d.in_rows = 10;
    d.in_cols = 58;
    d.kernel_h = d.kernel_w = 3;
    const isa::Compute compute = MakeCompute(isa::CONV, d);
    const std::vector<int8_t> piece =
        sparsity::EncodeWeightPiece(shape, mask, weights, 0, 64, 0, 64);
    KernelIo io;
    io.input = input.data();
    io.input_size = input.size();
    io.weights = piece.data();
    io.weights_size = piece.size();
    io.output = output.data();
    io.output_size = output.size();
    const int calls = 20;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) RunComputeKernel(layer, compute, io);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double macs = 8.0 * 56 * 64 * 9 * 64 * calls;
    std::printf("conv 3x3x64->64 on 8x56, %s: %.2f GMAC/s dense-equivalent (%.2f ms per call)\n",
                sparse ? "8x8 blocks, half kept" : "dense", macs / seconds / 1e9,
                seconds / calls * 1e3);
  }
}

}  // namespace
}  // namespace aie2sim::functional
