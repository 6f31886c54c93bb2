#include "compiler/reference/int8_conv.h"

#include <algorithm>
#include <cstring>

#include "compiler/reference/window_taps.h"
#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/quantize.h"
#include "sim/base/error.h"

namespace aie2sim::reference {

namespace {

// Terms per exact int32 partial sum: 65536 * 128 * 128 = 2^30 < 2^31.
constexpr int64_t kChunk = 65536;

int64_t Dot(const int8_t* a, const int8_t* b, int64_t n) {
  int64_t total = 0;
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t end = std::min(n, start + kChunk);
    int32_t sum = 0;
    for (int64_t i = start; i < end; ++i) {
      sum += static_cast<int32_t>(a[i]) * static_cast<int32_t>(b[i]);
    }
    total += sum;
  }
  return total;
}

// Output channels [co_begin, co_end) of one group that read the same patch positions: a block
// row of the mask, or the whole group when the node is dense.
struct Segment {
  int64_t group = 0;
  int64_t co_begin = 0, co_end = 0;  // absolute output channels
  bool whole_patch = true;           // reads every patch position (no gather)
  std::vector<int32_t> positions;    // else: the patch positions read, ascending
  std::vector<int8_t> weights;       // (co_end - co_begin) x positions (or the whole row)
};

std::vector<Segment> PlanSegments(const ir::Graph& graph, const ir::Node& node,
                                  const std::vector<int8_t>& weights) {
  const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
  const int64_t row = shape.kernel_elems * shape.in_per_group;
  const int64_t cout_g = shape.out_per_group();
  std::vector<Segment> segments;
  if (node.mask.dense()) {
    for (int64_t g = 0; g < shape.groups; ++g) {
      Segment segment;
      segment.group = g;
      segment.co_begin = g * cout_g;
      segment.co_end = (g + 1) * cout_g;
      segment.weights.assign(weights.begin() + segment.co_begin * row,
                             weights.begin() + segment.co_end * row);
      segments.push_back(std::move(segment));
    }
    return segments;
  }
  const sparsity::BlockGrid grid = sparsity::BlockGrid::OfMask(shape, node.mask);
  for (int64_t g = 0; g < grid.groups(); ++g) {
    for (int64_t r = 0; r < grid.rows(); ++r) {
      Segment segment;
      segment.group = g;
      segment.co_begin = g * cout_g + r * grid.block_h();
      segment.co_end = segment.co_begin + grid.RowSize(r);
      std::vector<uint8_t> kept_channel(static_cast<size_t>(shape.in_per_group), 0);
      bool all = true;
      for (int64_t c = 0; c < grid.cols(); ++c) {
        const bool kept = node.mask.kept[grid.Index(g, r, c)] != 0;
        all = all && kept;
        for (int64_t j = 0; j < grid.ColSize(c); ++j) kept_channel[c * grid.block_w() + j] = kept;
      }
      segment.whole_patch = all;
      if (!all) {
        for (int64_t k = 0; k < shape.kernel_elems; ++k) {
          for (int64_t ci = 0; ci < shape.in_per_group; ++ci) {
            if (kept_channel[ci]) {
              segment.positions.push_back(static_cast<int32_t>(k * shape.in_per_group + ci));
            }
          }
        }
      }
      for (int64_t co = segment.co_begin; co < segment.co_end; ++co) {
        const int8_t* w = &weights[co * row];
        if (all) {
          segment.weights.insert(segment.weights.end(), w, w + row);
        } else {
          for (const int32_t p : segment.positions) segment.weights.push_back(w[p]);
        }
      }
      segments.push_back(std::move(segment));
    }
  }
  return segments;
}

}  // namespace

void RunInt8Conv(const ir::Graph& graph, const ir::Node& node, const NodeQuant& q, int e_in,
                 int e_out, const std::vector<int8_t>& in, std::vector<int8_t>& out) {
  AIE2SIM_CHECK(ir::HasWeights(node.op), node.name + " is not a Conv/Gemm");
  const ir::Shape& is = graph.InputShape(node);
  const ir::Shape& os = graph.OutputShape(node);
  ir::Window window = node.conv.window;
  if (node.op == ir::OpKind::kGemm) {
    AIE2SIM_CHECK(is.h == 1 && is.w == 1, node.name + ": Gemm input must be Bx1x1xK");
    window = ir::Window();
  }
  const int64_t groups = node.conv.groups;
  const int64_t cin_g = is.c / groups;
  const int64_t taps = window.kernel_h * window.kernel_w;
  const int64_t row = taps * cin_g;
  AIE2SIM_CHECK(static_cast<int64_t>(q.weights.size()) == os.c * row,
                node.name + ": int8 weights do not match the node");
  AIE2SIM_CHECK(q.bias.empty() || static_cast<int64_t>(q.bias.size()) == os.c,
                node.name + ": bias does not match the node");
  AIE2SIM_CHECK(static_cast<int64_t>(in.size()) == is.elements() &&
                    static_cast<int64_t>(out.size()) == os.elements(),
                node.name + ": tensor sizes do not match the shapes");
  const int acc_exponent = e_in + q.weight_exponent;
  const bool activate = node.activation != ir::Activation::kNone;

  const std::vector<Segment> segments = PlanSegments(graph, node, q.weights);
  std::vector<int8_t> patch(static_cast<size_t>(row));
  std::vector<int8_t> gathered(static_cast<size_t>(row));
  ForEachWindow(is, os, window, [&](const WindowAt& at) {
    int8_t* result = &out[at.out_pixel * os.c];
    int64_t patch_group = -1;
    const int8_t* patch_data = nullptr;
    for (const Segment& segment : segments) {
      if (segment.group != patch_group) {  // gather the group's window once
        patch_group = segment.group;
        const int64_t channel0 = segment.group * cin_g;
        if (taps == 1 && at.inside) {
          patch_data = &in[at.in_origin * is.c + channel0];
        } else {
          if (!at.inside) std::fill(patch.begin(), patch.end(), int8_t{0});
          at.ForEachTap([&](int64_t tap, int64_t pixel) {
            std::memcpy(&patch[tap * cin_g], &in[pixel * is.c + channel0],
                        static_cast<size_t>(cin_g));
          });
          patch_data = patch.data();
        }
      }
      const int8_t* x = patch_data;
      int64_t length = row;
      if (!segment.whole_patch) {
        length = static_cast<int64_t>(segment.positions.size());
        for (int64_t i = 0; i < length; ++i) gathered[i] = patch_data[segment.positions[i]];
        x = gathered.data();
      }
      for (int64_t co = segment.co_begin; co < segment.co_end; ++co) {
        const int8_t* w = segment.weights.data() + (co - segment.co_begin) * length;
        const int64_t acc = (q.bias.empty() ? 0 : q.bias[co]) + Dot(x, w, length);
        int8_t value = quant::Requantize(acc, acc_exponent, e_out);
        if (activate) value = quant::Activate(value, q.activation_max);
        result[co] = value;
      }
    }
  });
}

}  // namespace aie2sim::reference
