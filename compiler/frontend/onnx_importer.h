// Importing a CNN from an ONNX file (as PyTorch / torchvision export them, opsets 11-17) into
// the Graph IR.
//
// What the importer accepts and how it maps it:
//   Conv (groups, depthwise, strides, dilations, pads, auto_pad)   -> Conv
//   Gemm (alpha, beta, transB), MatMul with a constant right side    -> Gemm (a 1x1 Conv)
//   Relu, Clip [0, inf) / [0, 6]     fused into the producing Conv/Gemm/Add as relu / relu6
//   BatchNormalization               folded into the preceding Conv/Gemm (weights and bias)
//   Add of a per-channel constant    folded into the preceding Conv/Gemm's bias
//   MaxPool, AveragePool, GlobalAveragePool, Add, Concat (channels)  -> the same IR ops
//   Pad (constant zero, spatial)     folded into the pads of the next Conv or pool
//   Flatten, Reshape to [N, -1]      -> Flatten
//   Identity, Dropout, Constant      no node of their own
// ONNX's NCHW shapes become BHWC and OIHW weights COUT x KH x KW x CIN/groups. A Gemm after a
// Flatten of an HxWxC tensor (H*W > 1) gets its K axis permuted from ONNX's CHW order to our HWC
// order, so the weights compute the same function. Weights are optional: a model exported
// without parameters (weights as graph inputs) imports shape-only. Initializers may be inline or
// in external data files next to the model.
//
// Names: a node's name (PyTorch scope names "/layer1/layer1.0/conv1/Conv" become the module path
// "layer1.0.conv1"; ops that are not the module's own Conv/Gemm/MatMul keep an ".Op" suffix),
// else its first output's name; sanitised to [A-Za-z0-9_.-] and made unique. Every IR tensor is
// named after its producing node, as in the YAML workload format.
//
// Errors are UserErrors with one line:
//   PATH: cannot parse ONNX model (...)           not an ONNX protobuf
//   PATH: invalid ONNX model: ...                 onnx::checker rejects the model
//   PATH: node NAME: unsupported op TYPE
//   PATH: node NAME (TYPE): ...                   an unsupported attribute value or pattern
//   PATH: initializer NAME: ...                   unreadable tensor data, missing external file
//   PATH: tensor NAME: the model declares ...     a declared shape the ops contradict
// Shapes are derived with ir::InferShapes and checked against the shapes the file declares and,
// as a cross-check, those ONNX shape inference finds; a disagreement with the latter is an
// InternalError (a bug on one side). ONNX 1.12's inference is skipped where it is known to differ
// from PyTorch (ceil_mode pools whose last window would start in the end padding).
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir/graph.h"

namespace aie2sim::frontend {

// Facts about the imported file, for provenance notes (e.g. the header of an imported YAML).
struct OnnxModelInfo {
  std::string producer;      // "pytorch 1.13.0", or empty
  int64_t opset = 0;         // default-domain opset version
  bool has_weights = false;  // some Conv/Gemm carries imported weights
};

// Reads the ONNX model at `path`. `batch` > 0 replaces the batch dimension of every input; 0
// keeps the model's (a symbolic batch dimension counts as 1). The graph is named after the
// file's stem. `info`, when given, receives facts about the file.
ir::Graph ImportOnnx(const std::string& path, int64_t batch, OnnxModelInfo* info = nullptr);

}  // namespace aie2sim::frontend
