// The Graph IR: a CNN as tensors and nodes, every tensor with its shape.
//
// Conventions: activations are int8 BHWC (batch, height, width, channels); weights are
// COUT x KH x KW x (CIN / groups); a fully-connected (Gemm) layer is a 1x1 convolution over a
// 1x1 spatial input. Nodes are kept in a topological order (every input is a graph input or the
// output of an earlier node). Element-wise activations (ReLU, Clip) are fused into their producer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aie2sim::ir {

struct Shape {
  int64_t n = 1;
  int64_t h = 1;
  int64_t w = 1;
  int64_t c = 1;
  int64_t elements() const { return n * h * w * c; }
  bool operator==(const Shape& other) const {
    return n == other.n && h == other.h && w == other.w && c == other.c;
  }
};

std::string ToString(const Shape& shape);  // "1x56x56x64"

struct Tensor {
  std::string name;
  Shape shape;
};

enum class OpKind {
  kConv,
  kGemm,
  kMaxPool,
  kAveragePool,
  kGlobalAveragePool,
  kAdd,
  kConcat,   // along channels
  kFlatten,  // BHWC -> Bx1x1x(H*W*C); a view, no data movement of its own
};

const char* OpName(OpKind op);                       // "Conv", "Gemm", "MaxPool", ...
std::optional<OpKind> ParseOpName(const std::string& name);

enum class Activation { kNone, kRelu, kRelu6 };

// Window geometry shared by convolutions and pools. Pads are top, left, bottom, right.
struct Window {
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
};

struct ConvAttrs {
  Window window;
  int64_t out_channels = 0;
  int64_t groups = 1;
  bool has_bias = true;
};

struct PoolAttrs {
  Window window;
  bool ceil_mode = false;
  bool count_include_pad = false;
};

// The block mask Γ of a node's weights (PAPER.md §1), filled by compiler/sparsity; dense when
// `kept` is empty. One grid per channel group; a block covers block_h output channels x block_w
// input channels x the whole kernel window (KH x KW); edge blocks may be partial.
struct BlockMask {
  int64_t block_h = 8;    // output channels per block
  int64_t block_w = 8;    // input channels per block (of one group)
  int64_t groups = 1;
  int64_t grid_rows = 0;  // per group: ceil(out_channels / groups / block_h)
  int64_t grid_cols = 0;  // per group: ceil(in_channels / groups / block_w)
  std::vector<uint8_t> kept;  // groups x grid_rows x grid_cols, row-major; 1 = kept

  bool dense() const { return kept.empty(); }
};

// Float weights and bias of a Conv/Gemm as imported (absent for weightless workloads).
// Layout COUT x KH x KW x (CIN / groups), as everywhere in aie2sim.
struct WeightData {
  std::vector<float> values;
  std::vector<float> bias;  // COUT entries, or empty
};

// Summary of a node's sparsity for reports and the compiler.
struct SparsityInfo {
  int64_t blocks_total = 0;  // blocks in the mask (0: dense or not a weighted node)
  int64_t blocks_kept = 0;
  double density = 1.0;      // kept share of the dense weight elements (partial blocks weigh less)
};

struct Node {
  std::string name;
  OpKind op = OpKind::kConv;
  std::vector<int> inputs;  // tensor indices
  int output = -1;          // tensor index
  ConvAttrs conv;           // kConv, kGemm (1x1 window)
  PoolAttrs pool;           // kMaxPool, kAveragePool
  Activation activation = Activation::kNone;
  std::optional<WeightData> weights;  // Conv/Gemm with imported weights
  BlockMask mask;                     // Conv/Gemm: dense until compiler/sparsity sets it
  SparsityInfo sparsity;              // derived from `mask`
};

struct Graph {
  std::string name;
  std::string source;  // the file it was loaded from, to name in messages ("" when built in code)
  std::vector<Tensor> tensors;
  std::vector<Node> nodes;
  std::vector<int> inputs;   // tensor indices of graph inputs
  std::vector<int> outputs;  // tensor indices of graph outputs

  const Tensor& tensor(int index) const { return tensors.at(index); }
  const Shape& InputShape(const Node& node, int i = 0) const { return tensors.at(node.inputs.at(i)).shape; }
  const Shape& OutputShape(const Node& node) const { return tensors.at(node.output).shape; }
};

// True for ops that carry weights (Conv, Gemm).
bool HasWeights(OpKind op);

// Dense multiply-accumulates of a node (0 for ops without weights).
int64_t Macs(const Graph& graph, const Node& node);

// Bytes of the node's dense int8 weights (COUT*KH*KW*CIN/groups), 0 without weights.
int64_t DenseWeightBytes(const Graph& graph, const Node& node);

// Output spatial extent of a window over `in` input positions (floor or ceil mode).
int64_t WindowOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                         int64_t pad_begin, int64_t pad_end, bool ceil_mode);

// Infers every node's output shape from its inputs and attributes (in node order) and checks
// that inputs agree (Add shapes equal, Concat heights/widths equal). Throws UserError naming the
// node on a mismatch or an impossible window.
void InferShapes(Graph& graph, const std::string& source_name);

}  // namespace aie2sim::ir
