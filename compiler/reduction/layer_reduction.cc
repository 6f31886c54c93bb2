#include "compiler/reduction/layer_reduction.h"

#include <algorithm>
#include <cstring>

#include "compiler/reduction/block_counter.h"
#include "compiler/reduction/element_counter.h"
#include "compiler/reference/window_taps.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reduction {

namespace {

// Where an output lies, for error messages.
std::string OutputName(const ir::Shape& os, int64_t pixel, int64_t channel) {
  const int64_t w = pixel % os.w, h = (pixel / os.w) % os.h, n = pixel / (os.w * os.h);
  return "(" + std::to_string(n) + ", " + std::to_string(h) + ", " + std::to_string(w) + ", " +
         std::to_string(channel) + ")";
}

}  // namespace

LayerReduction CountLayer(const ir::Graph& graph, const ir::Node& node,
                          const reference::NodeQuant& q, int e_in, int e_out,
                          const std::vector<int8_t>& in, const std::vector<int8_t>& expected,
                          bool input_nonnegative) {
  AIE2SIM_CHECK(ir::HasWeights(node.op), node.name + " is not a Conv/Gemm");
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  ir::Window window = node.conv.window;
  if (node.op == ir::OpKind::kGemm) window = ir::Window();
  const int64_t groups = node.conv.groups;
  const int64_t cin_g = is.c / groups;
  const int64_t cout_g = os.c / groups;
  const int64_t taps = window.kernel_h * window.kernel_w;
  const int64_t row = taps * cin_g;
  AIE2SIM_CHECK(static_cast<int64_t>(q.weights.size()) == os.c * row &&
                    (q.bias.empty() || static_cast<int64_t>(q.bias.size()) == os.c) &&
                    static_cast<int64_t>(in.size()) == is.elements() &&
                    static_cast<int64_t>(expected.size()) == os.elements(),
                node.name + ": weights, bias or tensors do not match the node");

  LayerReduction layer;
  layer.name = node.name;
  layer.op = ir::OpName(node.op);
  layer.input_nonnegative = input_nonnegative;
  layer.relu = node.activation != ir::Activation::kNone;
  layer.predicted = input_nonnegative && layer.relu;
  layer.input_values = static_cast<int64_t>(in.size());
  layer.zero_inputs = std::count(in.begin(), in.end(), int8_t{0});

  const ElementCounter elements(q.weights, os.c, row);
  const BlockCounter blocks(q.weights, os.c, groups, taps, cin_g);
  const int acc_exponent = e_in + q.weight_exponent;
  const int64_t rows_per_tile = groups * ((cout_g + kVectorLanes - 1) / kVectorLanes);

  // The tile being filled: per pixel its patches (groups x row) and accumulators (COUT).
  std::vector<int8_t> patches(static_cast<size_t>(kTilePixels * groups * row));
  std::vector<int64_t> accumulators(static_cast<size_t>(kTilePixels * os.c));
  std::vector<int64_t> tile_pixels;  // output pixel indices
  std::vector<TilePixel> tile;

  auto check_zero = [&](int64_t pixel, int64_t co, const char* method) {
    const int8_t want = expected[pixel * os.c + co];
    if (want != 0) {
      throw InternalError(node.name + ": output " + OutputName(os, pixel, co) + ": " + method +
                          " stopped early (output 0) but the reference has " +
                          std::to_string(want));
    }
  };
  auto flush_tile = [&] {
    tile.clear();
    for (size_t s = 0; s < tile_pixels.size(); ++s) {
      tile.push_back({&patches[s * groups * row], &accumulators[s * os.c]});
    }
    blocks.Count(tile, layer.predicted, layer.counts,
                 [&](int64_t co_begin, int64_t co_end, size_t pixels) {
                   ++layer.stopped_tiles;
                   for (size_t s = 0; s < pixels; ++s) {
                     for (int64_t co = co_begin; co < co_end; ++co) {
                       check_zero(tile_pixels[s], co, "block_proposal2");
                     }
                   }
                 });
    layer.tiles += rows_per_tile;
    tile_pixels.clear();
  };

  reference::ForEachWindow(is, os, window, [&](const reference::WindowAt& at) {
    const size_t slot = tile_pixels.size();
    int8_t* patch = &patches[slot * groups * row];
    if (!at.inside) std::fill_n(patch, groups * row, int8_t{0});
    for (int64_t g = 0; g < groups; ++g) {
      at.ForEachTap([&](int64_t tap, int64_t pixel) {
        std::memcpy(&patch[g * row + tap * cin_g], &in[pixel * is.c + g * cin_g],
                    static_cast<size_t>(cin_g));
      });
    }
    int64_t* acc = &accumulators[slot * os.c];
    for (int64_t co = 0; co < os.c; ++co) {
      const int64_t bias = q.bias.empty() ? 0 : q.bias[co];
      const ElementCounter::Outcome outcome =
          elements.Count(co, &patch[(co / cout_g) * row], bias, layer.predicted, layer.counts);
      acc[co] = outcome.accumulator;
      int8_t value = quant::Requantize(outcome.accumulator, acc_exponent, e_out);
      if (layer.relu) value = quant::Activate(value, q.activation_max);
      const int8_t want = expected[at.out_pixel * os.c + co];
      if (value != want) {
        throw InternalError(node.name + ": output " + OutputName(os, at.out_pixel, co) +
                            ": the counted accumulator gives " + std::to_string(value) +
                            " but the reference has " + std::to_string(want));
      }
      if (outcome.stopped) {
        ++layer.stopped_outputs;
        check_zero(at.out_pixel, co, "SnaPEA");
      }
    }
    ++layer.outputs;
    tile_pixels.push_back(at.out_pixel);
    if (static_cast<int64_t>(tile_pixels.size()) == kTilePixels || at.ow == os.w - 1) {
      flush_tile();
    }
  });
  layer.outputs *= os.c;
  return layer;
}

}  // namespace aie2sim::reduction
