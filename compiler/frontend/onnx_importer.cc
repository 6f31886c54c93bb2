#include "compiler/frontend/onnx_importer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include "compiler/frontend/onnx_tensor.h"
#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

namespace fs = std::filesystem;

constexpr float kInfinity = std::numeric_limits<float>::infinity();
// Largest dimension, pad, kernel, stride or dilation taken from a file (as ir::InferShapes):
// keeps the importer's own sums and products of them in int64 (the ONNX fuzzer found a Pad of
// 2^62 overflowing `height + pads` before a pool).
constexpr int64_t kMaxExtent = int64_t{1} << 31;

// ONNX's messages span several lines ("...\n\n==> Context: ..."); ours are one line.
std::string OneLine(const std::string& text) {
  std::string line;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (line.empty() || line.back() == ' ')) continue;
    line += space ? ' ' : c;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string FormatDims(const std::vector<int64_t>& dims) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < dims.size(); ++i) {
    out << (i ? ", " : "");
    if (dims[i] < 0) {
      out << '?';
    } else {
      out << dims[i];
    }
  }
  out << ']';
  return out.str();
}

std::string FormatFloat(float value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::ostringstream out;
  out << value;
  return out.str();
}

// PyTorch (>= 1.13) names nodes by module scope, "/layer1/layer1.0/conv1/Conv", where each scope
// part is a module's attribute name, possibly extended by its children's indices
// ("features", "features.1"). Returns the module path "layer1.0.conv1", plus ".Op" unless the
// op is the module's own Conv/Gemm/MatMul. Names without a leading '/' are returned unchanged.
std::string CompactTorchScope(const std::string& name, const std::string& op_type) {
  if (name.empty() || name[0] != '/') return name;
  std::vector<std::string> parts;
  std::stringstream stream(name);
  for (std::string part; std::getline(stream, part, '/');) {
    if (!part.empty()) parts.push_back(part);
  }
  if (parts.empty()) return name;
  const std::string op_part = parts.back();
  parts.pop_back();
  std::string path;
  std::string previous;
  for (const std::string& part : parts) {
    if (!previous.empty() && part.rfind(previous + ".", 0) == 0) {
      path.resize(path.size() - previous.size());
      path += part;
    } else {
      path += (path.empty() ? "" : ".") + part;
    }
    previous = part;
  }
  const bool own_op =
      op_part == op_type && (op_type == "Conv" || op_type == "Gemm" || op_type == "MatMul");
  if (path.empty()) return op_part;
  return own_op ? path : path + "." + op_part;
}

// Keeps [A-Za-z0-9_.-], maps anything else to '_', and drops leading separators, so that a name
// is a plain YAML scalar.
std::string SanitiseName(const std::string& name) {
  std::string out;
  for (const char c : name) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    out += keep ? c : '_';
  }
  const size_t start = out.find_first_not_of("_.-");
  return start == std::string::npos ? "" : out.substr(start);
}

struct Pads {
  int64_t top = 0, left = 0, bottom = 0, right = 0;
  bool any() const { return top || left || bottom || right; }
};

void AddPads(ir::Window& window, const Pads& pads) {
  window.pad_top += pads.top;
  window.pad_left += pads.left;
  window.pad_bottom += pads.bottom;
  window.pad_right += pads.right;
}

// What an ONNX value name stands for while converting: an activation (an IR tensor, possibly
// with a zero Pad still to fold into its consumer) or a parameter (a constant tensor, whose data
// may be absent in a model exported without weights).
struct Value {
  bool activation = false;
  // Activation.
  int tensor = -1;
  int rank = 4;                             // 4: NCHW; 2: N x K (IR shape N x 1 x 1 x K)
  std::optional<ir::Shape> flattened_from;  // the HxWxC (H*W > 1) a rank-2 value came from
  Pads pad;                                 // pending zero padding (from a Pad node)
  // Parameter.
  std::vector<int64_t> dims;                // -1: unknown
  const onnx::TensorProto* data = nullptr;  // nullptr: shape only
};

// Index of ONNX's CHW-ordered flattened element k of an HxWxC tensor in our HWC order.
int64_t HwcIndex(int64_t k, const ir::Shape& from) {
  const int64_t spatial = from.h * from.w;
  return (k % spatial) * from.c + k / spatial;
}

// Whether input `index` of an `op_type` node holds a parameter (weights, bias, statistics,
// shapes, bounds) rather than an activation: decides which graph inputs without an initializer
// are the weights of a model exported without parameters.
bool IsParameterSlot(const std::string& op_type, int index) {
  static const std::set<std::string> kOps = {"Conv", "Gemm",    "MatMul", "BatchNormalization",
                                             "Pad",  "Reshape", "Clip",   "Dropout"};
  return index >= 1 && kOps.count(op_type) > 0;
}

class Importer {
 public:
  Importer(std::string path, int64_t batch) : path_(std::move(path)), batch_(batch) {}

  ir::Graph Run(OnnxModelInfo* info) {
    Load();
    Check();
    CountUses();
    AddInputs();
    for (int i = 0; i < model_.graph().node_size(); ++i) Convert(model_.graph().node(i));
    AddOutputs();
    if (graph_.nodes.empty()) {
      throw UserError(path_ + ": no layers to import (the model has no Conv, Gemm, MatMul, pool, " +
                      "Add or Concat)");
    }
    ir::InferShapes(graph_, path_);
    InferOnnxShapes();
    CheckAgainstOnnxShapes();
    CheckWeightsFinite();
    if (info) {
      info->producer = OneLine(model_.producer_name() + " " + model_.producer_version());
      info->opset = opset_;
      info->has_weights =
          std::any_of(graph_.nodes.begin(), graph_.nodes.end(),
                      [](const ir::Node& node) { return node.weights.has_value(); });
    }
    return std::move(graph_);
  }

 private:
  // ---- Reading and validating the file --------------------------------------------------------

  void Load() {
    std::error_code error;
    if (!fs::is_regular_file(path_, error)) throw UserError(path_ + ": cannot open file");
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw UserError(path_ + ": cannot open file");
    if (fs::file_size(path_, error) == 0) {
      throw UserError(path_ + ": cannot parse ONNX model (empty file)");
    }
    if (!model_.ParseFromIstream(&in)) {
      throw UserError(path_ + ": cannot parse ONNX model (not a protobuf ModelProto)");
    }
    if (!model_.has_ir_version() || !model_.has_graph()) {
      throw UserError(path_ + ": cannot parse ONNX model (no IR version or graph: not an ONNX " +
                      "file)");
    }
    for (const onnx::OperatorSetIdProto& import : model_.opset_import()) {
      if (import.domain().empty() || import.domain() == "ai.onnx") opset_ = import.version();
    }
    std::string model_dir = fs::path(path_).parent_path().string();
    if (model_dir.empty()) model_dir = ".";
    onnx::GraphProto* graph = model_.mutable_graph();
    for (onnx::TensorProto& tensor : *graph->mutable_initializer()) {
      LoadExternalData(&tensor, model_dir, path_ + ": initializer " + tensor.name());
    }
    for (onnx::NodeProto& node : *graph->mutable_node()) {
      for (onnx::AttributeProto& attribute : *node.mutable_attribute()) {
        if (attribute.has_t()) {
          LoadExternalData(attribute.mutable_t(), model_dir, path_ + ": node " + Label(node));
        }
      }
    }
  }

  // onnx::checker throws on an invalid model: exit 2 naming the file.
  void Check() {
    try {
      // The checker also prints warnings to std::cerr ("Checker does not support models with
      // experimental ops: Crop"), a second stderr line before our one-line error: dropped.
      struct SilencedCerr {
        std::ostringstream sink;
        std::streambuf* saved = std::cerr.rdbuf(sink.rdbuf());
        ~SilencedCerr() { std::cerr.rdbuf(saved); }
      } silence;
      onnx::checker::check_model(model_);
    } catch (const std::exception& error) {
      throw UserError(path_ + ": invalid ONNX model: " + OneLine(error.what()));
    }
    declared_dims_ = CollectShapes(model_.graph());
  }

  // ONNX shape inference is only a cross-check of our own shapes: when it throws (ONNX 1.12 also
  // rejects valid PyTorch models, see Pool), its partial results are dropped and only declared
  // shapes are checked. It runs only on a model our importer has accepted: ONNX 1.12's inference
  // is not hardened against malformed models (the ONNX fuzzer found a Conv without kernel_shape
  // whose weight rank differs from its input's crashing it in convPoolShapeInference).
  void InferOnnxShapes() {
    onnx::GraphProto* graph = model_.mutable_graph();
    const int declared_value_infos = graph->value_info_size();
    try {
      onnx::shape_inference::InferShapes(model_);
    } catch (const std::exception&) {
      onnx_inference_failed_ = true;
      graph->mutable_value_info()->DeleteSubrange(declared_value_infos,
                                                  graph->value_info_size() - declared_value_infos);
    }
    onnx_dims_ = CollectShapes(*graph);
  }

  // The dims of every value with a tensor type and a shape (-1 for unknown dims).
  static std::map<std::string, std::vector<int64_t>> CollectShapes(const onnx::GraphProto& graph) {
    std::map<std::string, std::vector<int64_t>> shapes;
    auto collect = [&shapes](const onnx::ValueInfoProto& info) {
      if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape()) return;
      std::vector<int64_t> dims;
      for (const auto& dim : info.type().tensor_type().shape().dim()) {
        dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
      }
      shapes[info.name()] = dims;
    };
    for (const auto& info : graph.input()) collect(info);
    for (const auto& info : graph.value_info()) collect(info);
    for (const auto& info : graph.output()) collect(info);
    return shapes;
  }

  void CountUses() {
    for (const onnx::NodeProto& node : model_.graph().node()) {
      for (const std::string& input : node.input()) {
        if (!input.empty()) ++onnx_uses_[input];
      }
    }
    for (const auto& output : model_.graph().output()) ++onnx_uses_[output.name()];
  }

  int Uses(const std::string& name) const {
    const auto found = onnx_uses_.find(name);
    return found == onnx_uses_.end() ? 0 : found->second;
  }

  // Initializers become parameters; graph inputs feeding an activation slot become IR inputs
  // (NCHW -> BHWC), the others parameters without data (weights of a weightless export).
  void AddInputs() {
    const onnx::GraphProto& graph = model_.graph();
    for (const onnx::TensorProto& tensor : graph.initializer()) {
      Value value;
      value.dims.assign(tensor.dims().begin(), tensor.dims().end());
      value.data = &tensor;
      values_[tensor.name()] = value;
    }
    std::set<std::string> feeds_activation;
    for (const onnx::NodeProto& node : graph.node()) {
      for (int i = 0; i < node.input_size(); ++i) {
        if (!IsParameterSlot(node.op_type(), i)) feeds_activation.insert(node.input(i));
      }
    }
    for (const onnx::ValueInfoProto& input : graph.input()) {
      if (values_.count(input.name())) continue;  // an initializer listed as an input (IR < 4)
      const auto found = declared_dims_.find(input.name());
      std::vector<int64_t> dims;
      if (found != declared_dims_.end()) dims = found->second;
      if (!feeds_activation.count(input.name())) {
        Value value;
        value.dims = dims;
        values_[input.name()] = value;
        continue;
      }
      const bool static_dims =
          std::all_of(dims.begin() + (dims.empty() ? 0 : 1), dims.end(),
                      [](int64_t dim) { return dim > 0 && dim <= kMaxExtent; });
      if ((dims.size() != 4 && dims.size() != 2) || !static_dims) {
        throw UserError(path_ + ": input " + input.name() + ": shape " + FormatDims(dims) +
                        " is not supported (expected N x C x H x W or N x K, static but for N, " +
                        "dims <= 2^31)");
      }
      if (dims[0] > kMaxExtent) {
        throw UserError(path_ + ": input " + input.name() + ": batch " + std::to_string(dims[0]) +
                        " is too large (at most 2^31)");
      }
      const int64_t model_batch = dims[0] > 0 ? dims[0] : 1;
      if (model_batch_ == 0) model_batch_ = model_batch;
      ir::Shape shape;
      shape.n = batch_ > 0 ? batch_ : model_batch;
      if (dims.size() == 4) {
        shape.c = dims[1];
        shape.h = dims[2];
        shape.w = dims[3];
      } else {
        shape.c = dims[1];
      }
      std::string name = SanitiseName(input.name());
      if (name.empty()) name = "input";
      const int tensor = NewTensor(UniqueName(name), -1, Uses(input.name()));
      graph_.tensors[tensor].shape = shape;
      graph_.inputs.push_back(tensor);
      Value value;
      value.activation = true;
      value.tensor = tensor;
      value.rank = static_cast<int>(dims.size());
      values_[input.name()] = value;
    }
    if (model_batch_ == 0) model_batch_ = 1;
  }

  void AddOutputs() {
    for (const onnx::ValueInfoProto& output : model_.graph().output()) {
      const auto found = values_.find(output.name());
      if (found == values_.end() || !found->second.activation) {
        throw UserError(path_ + ": output " + output.name() +
                        " is not an activation the importer produces");
      }
      if (found->second.pad.any()) {
        throw UserError(path_ + ": output " + output.name() +
                        " is a Pad with no Conv or pool to fold into");
      }
      const int tensor = found->second.tensor;
      if (std::find(graph_.outputs.begin(), graph_.outputs.end(), tensor) == graph_.outputs.end()) {
        graph_.outputs.push_back(tensor);
      }
    }
  }

  // Our shapes against ONNX's (NCHW) for every activation ONNX knows the shape of; the batch is
  // not compared under --batch. A shape the file declares is the model's contract (a mismatch
  // is a UserError); one ONNX inferred is a cross-check (a mismatch is a bug: InternalError),
  // skipped where ONNX 1.12 is known to differ from PyTorch.
  // Weights and biases as imported and folded (BatchNormalization, Add, Mul): a NaN or an
  // infinity has no int8 value and no meaning as a weight, on every path (dense or pruned).
  void CheckWeightsFinite() const {
    for (const ir::Node& node : graph_.nodes) {
      if (!node.weights) continue;
      for (const std::vector<float>* values : {&node.weights->values, &node.weights->bias}) {
        if (std::all_of(values->begin(), values->end(), [](float x) { return std::isfinite(x); }))
          continue;
        throw UserError(path_ + ": layer " + node.name + " (" + ir::OpName(node.op) + "): " +
                        (values == &node.weights->bias ? "bias contains" : "weights contain") +
                        " a NaN or infinite value");
      }
    }
  }

  void CheckAgainstOnnxShapes() const {
    const bool trust_inferred = !onnx_inference_failed_ && !onnx_pool_rule_differs_;
    for (const auto& [name, value] : values_) {
      if (!value.activation || value.pad.any()) continue;
      const auto declared = declared_dims_.find(name);
      const auto inferred = onnx_dims_.find(name);
      const bool is_declared = declared != declared_dims_.end();
      if (!is_declared && (!trust_inferred || inferred == onnx_dims_.end())) continue;
      const std::vector<int64_t>& theirs = is_declared ? declared->second : inferred->second;
      const ir::Shape& s = graph_.tensors[value.tensor].shape;
      const std::vector<int64_t> ours = value.rank == 4
                                            ? std::vector<int64_t>{s.n, s.c, s.h, s.w}
                                            : std::vector<int64_t>{s.n, s.h * s.w * s.c};
      bool agree = theirs.size() == ours.size();
      for (size_t i = batch_ > 0 ? 1 : 0; agree && i < ours.size(); ++i) {
        agree = theirs[i] < 0 || theirs[i] == ours[i];
      }
      if (agree) continue;
      const std::string what = ": tensor " + name + ": the model " +
                               (is_declared ? "declares " : "infers (ONNX shape inference) ") +
                               FormatDims(theirs) + " but its ops give " + FormatDims(ours) +
                               " (NCHW)";
      if (is_declared) throw UserError(path_ + what);
      throw InternalError(path_ + what);
    }
  }

  // ---- Helpers for node conversion ------------------------------------------------------------

  static std::string Label(const onnx::NodeProto& node) {
    if (!node.name().empty()) return node.name();
    return node.output_size() > 0 ? node.output(0) : node.op_type();
  }

  [[noreturn]] void Fail(const onnx::NodeProto& node, const std::string& what) const {
    throw UserError(path_ + ": node " + Label(node) + " (" + node.op_type() + "): " + what);
  }

  std::string UniqueName(const std::string& base) {
    std::string name = base;
    for (int suffix = 2; used_names_.count(name); ++suffix) {
      name = base + "_" + std::to_string(suffix);
    }
    used_names_.insert(name);
    return name;
  }

  int NewTensor(const std::string& name, int producer, int uses) {
    graph_.tensors.push_back(ir::Tensor{name, {}});
    producer_.push_back(producer);
    uses_.push_back(uses);
    nonnegative_.push_back(false);
    return static_cast<int>(graph_.tensors.size()) - 1;
  }

  ir::Shape ShapeOf(const Value& value) const { return graph_.tensors[value.tensor].shape; }

  std::string TensorWhere(const std::string& name) const { return path_ + ": tensor " + name; }

  const Value& Input(const onnx::NodeProto& node, int index) const {
    if (index >= node.input_size() || node.input(index).empty()) {
      Fail(node, "input " + std::to_string(index) + " is missing");
    }
    const auto found = values_.find(node.input(index));
    if (found == values_.end()) {
      Fail(node, "input " + node.input(index) + " is not available (an output the importer " +
                     "does not produce)");
    }
    return found->second;
  }

  const Value* OptionalInput(const onnx::NodeProto& node, int index) const {
    if (index >= node.input_size() || node.input(index).empty()) return nullptr;
    return &Input(node, index);
  }

  Value ActivationInput(const onnx::NodeProto& node, int index, bool pad_allowed = false) const {
    const Value& value = Input(node, index);
    if (!value.activation) Fail(node, "input " + node.input(index) + " must not be a constant");
    if (value.pad.any() && !pad_allowed) {
      Fail(node, "input " + node.input(index) +
                     " comes from a Pad, which folds only into a Conv or pool");
    }
    return value;
  }

  Value ParameterInput(const onnx::NodeProto& node, int index, const std::string& what) const {
    const Value& value = Input(node, index);
    if (value.activation)
      Fail(node, what + " must be a constant (an initializer or Constant node)");
    return value;
  }

  // A parameter whose data must be present (shapes, pads, bounds).
  const onnx::TensorProto& ConstantData(const onnx::NodeProto& node, int index,
                                        const std::string& what) const {
    const Value& value = Input(node, index);
    if (value.activation || !value.data) {
      Fail(node, what + " must be a constant (an initializer or Constant node)");
    }
    return *value.data;
  }

  const onnx::AttributeProto* FindAttribute(const onnx::NodeProto& node,
                                            const std::string& name) const {
    for (const onnx::AttributeProto& attribute : node.attribute()) {
      if (attribute.name() == name) return &attribute;
    }
    return nullptr;
  }

  int64_t AttrInt(const onnx::NodeProto& node, const std::string& name, int64_t fallback) const {
    const onnx::AttributeProto* attribute = FindAttribute(node, name);
    return attribute ? attribute->i() : fallback;
  }

  float AttrFloat(const onnx::NodeProto& node, const std::string& name, float fallback) const {
    const onnx::AttributeProto* attribute = FindAttribute(node, name);
    return attribute ? attribute->f() : fallback;
  }

  std::string AttrString(const onnx::NodeProto& node, const std::string& name,
                         const std::string& fallback) const {
    const onnx::AttributeProto* attribute = FindAttribute(node, name);
    return attribute ? attribute->s() : fallback;
  }

  std::vector<int64_t> AttrInts(const onnx::NodeProto& node, const std::string& name,
                                const std::vector<int64_t>& fallback) const {
    const onnx::AttributeProto* attribute = FindAttribute(node, name);
    if (!attribute) return fallback;
    return {attribute->ints().begin(), attribute->ints().end()};
  }

  // A 2-D window attribute (kernel_shape, strides, dilations): two values >= 1.
  std::vector<int64_t> AttrPair(const onnx::NodeProto& node, const std::string& name,
                                const std::vector<int64_t>& fallback) const {
    const std::vector<int64_t> values = AttrInts(node, name, fallback);
    if (values.size() != 2) {
      Fail(node, name + " " + FormatDims(values) + " is not supported (2-D windows only)");
    }
    if (values[0] < 1 || values[1] < 1)
      Fail(node, name + " " + FormatDims(values) + " must be >= 1");
    if (values[0] > kMaxExtent || values[1] > kMaxExtent)
      Fail(node, name + " " + FormatDims(values) + " must be <= 2^31");
    return values;
  }

  // Window pads from `pads` or `auto_pad`, for an input of in_h x in_w (after pending pads).
  void ResolvePads(const onnx::NodeProto& node, int64_t in_h, int64_t in_w,
                   ir::Window& window) const {
    const std::string auto_pad = AttrString(node, "auto_pad", "NOTSET");
    const std::vector<int64_t> pads = AttrInts(node, "pads", {0, 0, 0, 0});
    if (pads.size() != 4) Fail(node, "pads " + FormatDims(pads) + " must have 4 values (2-D)");
    if (std::any_of(pads.begin(), pads.end(), [](int64_t pad) { return pad < 0; })) {
      Fail(node, "pads " + FormatDims(pads) + " must be >= 0");
    }
    if (std::any_of(pads.begin(), pads.end(), [](int64_t pad) { return pad > kMaxExtent; })) {
      Fail(node, "pads " + FormatDims(pads) + " must be <= 2^31");
    }
    const bool explicit_pads = std::any_of(pads.begin(), pads.end(), [](int64_t p) { return p; });
    if (auto_pad == "NOTSET") {
      window.pad_top = pads[0];
      window.pad_left = pads[1];
      window.pad_bottom = pads[2];
      window.pad_right = pads[3];
      return;
    }
    if (explicit_pads) Fail(node, "pads and auto_pad " + auto_pad + " are both given");
    if (auto_pad == "VALID") return;
    if (auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER") {
      Fail(node, "auto_pad " + auto_pad + " is not supported");
    }
    // SAME: output = ceil(input / stride); the odd pad goes to the end (UPPER) or begin (LOWER).
    auto same = [&](int64_t in, int64_t kernel, int64_t stride, int64_t dilation, int64_t& begin,
                    int64_t& end) {
      const int64_t out = (in + stride - 1) / stride;
      const int64_t total =
          std::max<int64_t>(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - in);
      const int64_t small = total / 2;
      begin = auto_pad == "SAME_UPPER" ? small : total - small;
      end = total - begin;
    };
    same(in_h, window.kernel_h, window.stride_h, window.dilation_h, window.pad_top,
         window.pad_bottom);
    same(in_w, window.kernel_w, window.stride_w, window.dilation_w, window.pad_left,
         window.pad_right);
  }

  // The IR name of the node an ONNX node becomes.
  std::string IrName(const onnx::NodeProto& node) {
    std::string name = SanitiseName(CompactTorchScope(Label(node), node.op_type()));
    if (name.empty()) name = node.op_type();
    return UniqueName(name);
  }

  // Appends `ir_node` as the conversion of `node`, whose first output becomes the new tensor.
  void Emit(const onnx::NodeProto& node, ir::Node ir_node, std::vector<int> inputs, int rank,
            std::optional<ir::Shape> flattened_from = std::nullopt) {
    ir_node.name = IrName(node);
    ir_node.inputs = std::move(inputs);
    bool nonnegative = ir_node.activation != ir::Activation::kNone;
    if (!ir::HasWeights(ir_node.op)) {
      nonnegative = std::all_of(ir_node.inputs.begin(), ir_node.inputs.end(),
                                [this](int tensor) { return nonnegative_[tensor]; });
    }
    const int tensor =
        NewTensor(ir_node.name, static_cast<int>(graph_.nodes.size()), Uses(node.output(0)));
    nonnegative_[tensor] = nonnegative;
    ir_node.output = tensor;
    graph_.nodes.push_back(std::move(ir_node));
    // Shapes are needed while converting (SAME pads, channel checks, flatten order), so infer
    // them after every node; quadratic in the node count, which stays in the hundreds.
    ir::InferShapes(graph_, path_);
    Value value;
    value.activation = true;
    value.tensor = tensor;
    value.rank = rank;
    value.flattened_from = flattened_from;
    values_[node.output(0)] = value;
  }

  // `node`'s first output stands for `value` (no IR node of its own).
  void Alias(const onnx::NodeProto& node, const Value& value) {
    if (value.activation) uses_[value.tensor] += Uses(node.output(0)) - 1;
    values_[node.output(0)] = value;
  }

  // The Conv/Gemm producing `value`, into which a BatchNormalization or bias Add folds: it must
  // have no activation yet and `value` no other consumer.
  ir::Node& FoldTarget(const onnx::NodeProto& node, const Value& value,
                       const std::string& requirement) {
    const int producer = producer_[value.tensor];
    if (producer < 0 || !ir::HasWeights(graph_.nodes[producer].op)) Fail(node, requirement);
    ir::Node& target = graph_.nodes[producer];
    if (target.activation != ir::Activation::kNone) {
      Fail(node, "cannot be folded into " + target.name + ", which already ends in an activation");
    }
    if (uses_[value.tensor] != 1) {
      Fail(node, "cannot be folded into " + target.name + ": its output has other consumers");
    }
    return target;
  }

  // ---- Node conversion ------------------------------------------------------------------------

  void Convert(const onnx::NodeProto& node) {
    const std::string& op = node.op_type();
    const bool onnx_domain = node.domain().empty() || node.domain() == "ai.onnx";
    if (!onnx_domain) {
      throw UserError(path_ + ": node " + Label(node) + ": unsupported op " + node.domain() + "." +
                      op);
    }
    if (op == "Conv") {
      Conv(node);
    } else if (op == "Gemm") {
      Gemm(node);
    } else if (op == "MatMul") {
      MatMul(node);
    } else if (op == "Relu") {
      FuseActivation(node, ir::Activation::kRelu);
    } else if (op == "Clip") {
      Clip(node);
    } else if (op == "BatchNormalization") {
      BatchNormalization(node);
    } else if (op == "MaxPool" || op == "AveragePool") {
      Pool(node);
    } else if (op == "GlobalAveragePool") {
      GlobalAveragePool(node);
    } else if (op == "Add") {
      Add(node);
    } else if (op == "Concat") {
      Concat(node);
    } else if (op == "Pad") {
      Pad(node);
    } else if (op == "Flatten") {
      Flatten(node);
    } else if (op == "Reshape") {
      Reshape(node);
    } else if (op == "Identity" || op == "Dropout") {
      if (op == "Dropout" && node.output_size() > 1 && Uses(node.output(1)) > 0) {
        Fail(node, "the mask output is not supported");
      }
      Alias(node, Input(node, 0));
    } else if (op == "Constant") {
      Constant(node);
    } else {
      throw UserError(path_ + ": node " + Label(node) + ": unsupported op " + op);
    }
  }

  void Conv(const onnx::NodeProto& node) {
    const Value x = ActivationInput(node, 0, /*pad_allowed=*/true);
    if (x.rank != 4) Fail(node, "input must be a 4-D NCHW tensor");
    const Value w = ParameterInput(node, 1, "the weight W");
    const std::vector<int64_t>& dims = w.dims;
    if (dims.size() != 4)
      Fail(node, "only 2-D convolutions are supported (W is " + FormatDims(dims) + ")");
    if (std::any_of(dims.begin(), dims.end(), [](int64_t dim) { return dim < 1; })) {
      Fail(node, "W must have a static shape, got " + FormatDims(dims));
    }
    const ir::Shape in = ShapeOf(x);
    const int64_t group = AttrInt(node, "group", 1);
    if (group < 1 || dims[1] * group != in.c || dims[0] % group != 0) {
      Fail(node, "W " + FormatDims(dims) + " with group " + std::to_string(group) +
                     " does not fit an input of " + std::to_string(in.c) + " channels");
    }
    const std::vector<int64_t> kernel = AttrInts(node, "kernel_shape", {dims[2], dims[3]});
    if (kernel != std::vector<int64_t>{dims[2], dims[3]}) {
      Fail(node, "kernel_shape " + FormatDims(kernel) + " does not match W " + FormatDims(dims));
    }
    ir::Node conv;
    conv.op = ir::OpKind::kConv;
    ir::Window& window = conv.conv.window;
    window.kernel_h = dims[2];
    window.kernel_w = dims[3];
    const std::vector<int64_t> strides = AttrPair(node, "strides", {1, 1});
    const std::vector<int64_t> dilations = AttrPair(node, "dilations", {1, 1});
    window.stride_h = strides[0];
    window.stride_w = strides[1];
    window.dilation_h = dilations[0];
    window.dilation_w = dilations[1];
    ResolvePads(node, in.h + x.pad.top + x.pad.bottom, in.w + x.pad.left + x.pad.right, window);
    AddPads(window, x.pad);
    conv.conv.out_channels = dims[0];
    conv.conv.groups = group;
    const Value* bias = OptionalInput(node, 2);
    if (bias && bias->activation) Fail(node, "the bias B must be a constant");
    conv.conv.has_bias = bias != nullptr;
    if (w.data) {
      const std::vector<float> oihw = TensorFloats(*w.data, TensorWhere(node.input(1)));
      const int64_t out_c = dims[0], in_c = dims[1], kh = dims[2], kw = dims[3];
      ir::WeightData data;
      data.values.resize(oihw.size());
      for (int64_t o = 0; o < out_c; ++o) {
        for (int64_t i = 0; i < in_c; ++i) {
          for (int64_t y = 0; y < kh; ++y) {
            for (int64_t x_pos = 0; x_pos < kw; ++x_pos) {
              data.values[((o * kh + y) * kw + x_pos) * in_c + i] =
                  oihw[((o * in_c + i) * kh + y) * kw + x_pos];
            }
          }
        }
      }
      if (bias) data.bias = BiasValues(node, 2, *bias, out_c);
      conv.weights = std::move(data);
    }
    Emit(node, std::move(conv), {x.tensor}, 4);
  }

  // A per-output-channel bias (any shape with `channels` elements, or one broadcast element).
  std::vector<float> BiasValues(const onnx::NodeProto& node, int index, const Value& bias,
                                int64_t channels) const {
    if (!bias.data)
      Fail(node, "the bias " + node.input(index) + " has no data while the weights do");
    std::vector<float> values = TensorFloats(*bias.data, TensorWhere(node.input(index)));
    if (values.size() == 1) values.assign(static_cast<size_t>(channels), values[0]);
    if (static_cast<int64_t>(values.size()) != channels) {
      Fail(node, "the bias " + node.input(index) + " has " + std::to_string(values.size()) +
                     " values, expected " + std::to_string(channels));
    }
    return values;
  }

  void Gemm(const onnx::NodeProto& node) {
    if (AttrInt(node, "transA", 0) != 0) {
      Fail(node, "transA = 1 is not supported (A is the activation)");
    }
    const Value a = ActivationInput(node, 0);
    const Value b = ParameterInput(node, 1, "the weight B");
    const Value* c = OptionalInput(node, 2);
    if (c && c->activation) Fail(node, "the bias C must be a constant");
    EmitGemm(node, a, b, AttrInt(node, "transB", 0) != 0, AttrFloat(node, "alpha", 1.0f), c,
             AttrFloat(node, "beta", 1.0f));
  }

  void MatMul(const onnx::NodeProto& node) {
    const Value a = ActivationInput(node, 0);
    const Value b = ParameterInput(node, 1, "the right operand B");
    EmitGemm(node, a, b, false, 1.0f, nullptr, 1.0f);
  }

  // Y = alpha * A x op(B) + beta * C as a Gemm node of N outputs over K inputs.
  void EmitGemm(const onnx::NodeProto& node, const Value& a, const Value& b, bool trans_b,
                float alpha, const Value* c, float beta) {
    if (a.rank != 2) Fail(node, "input A must be a 2-D [N, K] tensor (flatten it first)");
    if (b.dims.size() != 2 || b.dims[0] < 1 || b.dims[1] < 1) {
      Fail(node, "B must be a static 2-D matrix, got " + FormatDims(b.dims));
    }
    const int64_t k = ShapeOf(a).c;
    const int64_t n = trans_b ? b.dims[0] : b.dims[1];
    if ((trans_b ? b.dims[1] : b.dims[0]) != k) {
      Fail(node, "B " + FormatDims(b.dims) + (trans_b ? " (transposed)" : "") +
                     " does not match the input's K = " + std::to_string(k));
    }
    if (c) {
      int64_t elements = 1;
      for (const int64_t dim : c->dims) elements *= dim;
      const bool per_output = elements == 1 || c->dims == std::vector<int64_t>{n} ||
                              c->dims == std::vector<int64_t>{1, n};
      if (!per_output) {
        Fail(node, "C " + FormatDims(c->dims) + " is not supported (only a bias [N] or a scalar)");
      }
    }
    ir::Node gemm;
    gemm.op = ir::OpKind::kGemm;
    gemm.conv.out_channels = n;
    gemm.conv.has_bias = c != nullptr;
    if (b.data) {
      const std::vector<float> matrix = TensorFloats(*b.data, TensorWhere(node.input(1)));
      ir::WeightData data;
      data.values.resize(static_cast<size_t>(n * k));
      for (int64_t o = 0; o < n; ++o) {
        for (int64_t i = 0; i < k; ++i) {
          const int64_t ours = a.flattened_from ? HwcIndex(i, *a.flattened_from) : i;
          data.values[o * k + ours] = alpha * (trans_b ? matrix[o * k + i] : matrix[i * n + o]);
        }
      }
      if (c) {
        data.bias = BiasValues(node, 2, *c, n);
        for (float& value : data.bias) value *= beta;
      }
      gemm.weights = std::move(data);
    }
    Emit(node, std::move(gemm), {a.tensor}, 2);
  }

  void Clip(const onnx::NodeProto& node) {
    float low = -kInfinity;
    float high = kInfinity;
    if (opset_ < 11) {
      low = AttrFloat(node, "min", -kInfinity);
      high = AttrFloat(node, "max", kInfinity);
    } else {
      for (int index : {1, 2}) {
        if (!OptionalInput(node, index)) continue;
        const std::vector<float> bound =
            TensorFloats(ConstantData(node, index, "the bound " + node.input(index)),
                         TensorWhere(node.input(index)));
        if (bound.size() != 1) Fail(node, "the bound " + node.input(index) + " must be a scalar");
        (index == 1 ? low : high) = bound[0];
      }
    }
    if (low <= std::numeric_limits<float>::lowest()) low = -kInfinity;
    if (high >= std::numeric_limits<float>::max()) high = kInfinity;
    if (low == 0.0f && high == 6.0f) {
      FuseActivation(node, ir::Activation::kRelu6);
    } else if (low == 0.0f && high == kInfinity) {
      FuseActivation(node, ir::Activation::kRelu);
    } else {
      Fail(node, "bounds [" + FormatFloat(low) + ", " + FormatFloat(high) +
                     "] are not supported (only [0, 6] as relu6 and [0, inf] as relu)");
    }
  }

  // Relu / relu6 into the Conv, Gemm or Add producing the input. A Relu of a tensor that is
  // already non-negative is dropped.
  void FuseActivation(const onnx::NodeProto& node, ir::Activation activation) {
    const Value x = ActivationInput(node, 0, /*pad_allowed=*/true);  // relu(0) = 0: pads commute
    if (activation == ir::Activation::kRelu && nonnegative_[x.tensor]) {
      Alias(node, x);
      return;
    }
    const int producer = producer_[x.tensor];
    if (producer < 0) Fail(node, "cannot be fused: its input is a graph input");
    ir::Node& target = graph_.nodes[producer];
    if (!ir::HasWeights(target.op) && target.op != ir::OpKind::kAdd) {
      Fail(node, "cannot be fused into " + target.name + ", a " + ir::OpName(target.op) +
                     " (only Conv, Gemm, MatMul and Add take an activation)");
    }
    if (target.activation == ir::Activation::kRelu6 && activation == ir::Activation::kRelu6) {
      Alias(node, x);
      return;
    }
    if (uses_[x.tensor] != 1) {
      Fail(node, "cannot be fused into " + target.name + ": its output has other consumers");
    }
    target.activation = activation;
    nonnegative_[x.tensor] = true;
    Alias(node, x);
  }

  void BatchNormalization(const onnx::NodeProto& node) {
    if (AttrInt(node, "training_mode", 0) != 0) {
      Fail(node, "training_mode = 1 is not supported (export the model in eval mode)");
    }
    for (int i = 1; i < node.output_size(); ++i) {
      if (!node.output(i).empty() && Uses(node.output(i)) > 0) {
        Fail(node, "only the normalized output Y is supported");
      }
    }
    const Value x = ActivationInput(node, 0);
    ir::Node& target =
        FoldTarget(node, x, "must follow a Conv, Gemm or MatMul, whose weights and bias absorb it");
    const int64_t channels = target.conv.out_channels;
    std::vector<Value> params;
    for (int index = 1; index <= 4; ++index) {
      params.push_back(ParameterInput(node, index, "the parameter " + node.input(index)));
      int64_t elements = 1;
      for (const int64_t dim : params.back().dims) elements *= dim;
      if (elements != channels) {
        Fail(node, "the parameter " + node.input(index) + " " + FormatDims(params.back().dims) +
                       " does not have " + std::to_string(channels) + " channels");
      }
    }
    target.conv.has_bias = true;
    if (target.weights) {
      std::vector<std::vector<float>> values;  // scale, B, mean, var
      for (int index = 1; index <= 4; ++index) {
        const Value& param = params[index - 1];
        if (!param.data) {
          Fail(node, "cannot fold into " + target.name + "'s weights: " + node.input(index) +
                         " has no data");
        }
        values.push_back(TensorFloats(*param.data, TensorWhere(node.input(index))));
      }
      const float epsilon = AttrFloat(node, "epsilon", 1e-5f);
      ir::WeightData& weights = *target.weights;
      if (weights.bias.empty()) weights.bias.assign(static_cast<size_t>(channels), 0.0f);
      const size_t per_channel = weights.values.size() / static_cast<size_t>(channels);
      for (int64_t o = 0; o < channels; ++o) {
        const float scale = values[0][o] / std::sqrt(values[3][o] + epsilon);
        for (size_t i = 0; i < per_channel; ++i) weights.values[o * per_channel + i] *= scale;
        weights.bias[o] = (weights.bias[o] - values[2][o]) * scale + values[1][o];
      }
    }
    Alias(node, x);
  }

  void Pool(const onnx::NodeProto& node) {
    const bool max = node.op_type() == "MaxPool";
    const Value x = ActivationInput(node, 0, /*pad_allowed=*/true);
    if (x.rank != 4) Fail(node, "input must be a 4-D NCHW tensor");
    if (!FindAttribute(node, "kernel_shape")) Fail(node, "kernel_shape is required");
    if (max && node.output_size() > 1 && !node.output(1).empty() && Uses(node.output(1)) > 0) {
      Fail(node, "the Indices output is not supported");
    }
    ir::Node pool;
    pool.op = max ? ir::OpKind::kMaxPool : ir::OpKind::kAveragePool;
    ir::Window& window = pool.pool.window;
    const std::vector<int64_t> kernel = AttrPair(node, "kernel_shape", {});
    const std::vector<int64_t> strides = AttrPair(node, "strides", {1, 1});
    const std::vector<int64_t> dilations = AttrPair(node, "dilations", {1, 1});
    window.kernel_h = kernel[0];
    window.kernel_w = kernel[1];
    window.stride_h = strides[0];
    window.stride_w = strides[1];
    window.dilation_h = dilations[0];
    window.dilation_w = dilations[1];
    pool.pool.ceil_mode = AttrInt(node, "ceil_mode", 0) != 0;
    pool.pool.count_include_pad = !max && AttrInt(node, "count_include_pad", 0) != 0;
    const ir::Shape in = ShapeOf(x);
    ResolvePads(node, in.h + x.pad.top + x.pad.bottom, in.w + x.pad.left + x.pad.right, window);
    if (x.pad.any()) {
      // Zero padding then pooling: an AveragePool counting its pads computes the same; a
      // MaxPool pads with -inf, which equals zero padding only over non-negative inputs.
      const bool own_pads =
          window.pad_top || window.pad_left || window.pad_bottom || window.pad_right;
      if (max && !nonnegative_[x.tensor]) {
        Fail(node, "cannot fold the preceding zero Pad: the input may be negative and MaxPool " +
                       std::string("pads with -inf"));
      }
      if (!max && own_pads && !pool.pool.count_include_pad) {
        Fail(node, "cannot fold the preceding zero Pad into a pool that excludes its own pads " +
                       std::string("(count_include_pad = 0)"));
      }
      if (!max) pool.pool.count_include_pad = true;
      AddPads(window, x.pad);
    }
    // ONNX 1.12's shape inference rounds ceil_mode outputs up without PyTorch's (and ONNX
    // Runtime's) rule that the last window must start inside the input or the begin padding;
    // ir::WindowOutputSize has the rule. Where they differ, ONNX's inferred shapes are not used.
    if (pool.pool.ceil_mode) {
      auto onnx_size = [](int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                          int64_t pads) {
        const int64_t room = in + pads - ((kernel - 1) * dilation + 1);
        return room < 0 ? 0 : (room + stride - 1) / stride + 1;
      };
      const ir::Window& w = window;
      const int64_t ours_h = ir::WindowOutputSize(in.h, w.kernel_h, w.stride_h, w.dilation_h,
                                                  w.pad_top, w.pad_bottom, true);
      const int64_t ours_w = ir::WindowOutputSize(in.w, w.kernel_w, w.stride_w, w.dilation_w,
                                                  w.pad_left, w.pad_right, true);
      if (ours_h !=
              onnx_size(in.h, w.kernel_h, w.stride_h, w.dilation_h, w.pad_top + w.pad_bottom) ||
          ours_w !=
              onnx_size(in.w, w.kernel_w, w.stride_w, w.dilation_w, w.pad_left + w.pad_right)) {
        onnx_pool_rule_differs_ = true;
      }
    }
    Emit(node, std::move(pool), {x.tensor}, 4);
  }

  void GlobalAveragePool(const onnx::NodeProto& node) {
    const Value x = ActivationInput(node, 0);
    if (x.rank != 4) Fail(node, "input must be a 4-D NCHW tensor");
    ir::Node pool;
    pool.op = ir::OpKind::kGlobalAveragePool;
    Emit(node, std::move(pool), {x.tensor}, 4);
  }

  void Add(const onnx::NodeProto& node) {
    const Value a = Input(node, 0);
    const Value b = Input(node, 1);
    if (a.activation && b.activation) {
      ActivationInput(node, 0);  // rejects pending pads
      ActivationInput(node, 1);
      if (a.rank != b.rank || a.flattened_from.has_value() != b.flattened_from.has_value() ||
          (a.flattened_from && !(*a.flattened_from == *b.flattened_from))) {
        Fail(node, "inputs of different rank or layout cannot be added");
      }
      ir::Node add;
      add.op = ir::OpKind::kAdd;
      Emit(node, std::move(add), {a.tensor, b.tensor}, a.rank, a.flattened_from);
      return;
    }
    if (!a.activation && !b.activation) Fail(node, "adding two constants is not supported");
    const int activation_index = a.activation ? 0 : 1;
    const Value x = ActivationInput(node, activation_index);
    const Value& constant = a.activation ? b : a;
    const int constant_index = 1 - activation_index;
    ir::Node& target = FoldTarget(
        node, x, "adds a constant, which is supported only as the bias of a Conv, Gemm or MatMul");
    const int64_t channels = target.conv.out_channels;
    std::vector<int64_t> dims = constant.dims;
    int64_t elements = 1;
    for (const int64_t dim : dims) elements *= dim;
    while (!dims.empty() && dims.front() == 1) dims.erase(dims.begin());
    const std::vector<int64_t> per_channel =
        x.rank == 4 ? std::vector<int64_t>{channels, 1, 1} : std::vector<int64_t>{channels};
    if (elements != 1 && dims != per_channel) {
      Fail(node, "adds a constant of shape " + FormatDims(constant.dims) +
                     ": only a per-channel bias of the preceding " + ir::OpName(target.op) +
                     " can be folded");
    }
    target.conv.has_bias = true;
    if (target.weights) {
      const std::vector<float> bias = BiasValues(node, constant_index, constant, channels);
      std::vector<float>& values = target.weights->bias;
      if (values.empty()) values.assign(static_cast<size_t>(channels), 0.0f);
      for (int64_t o = 0; o < channels; ++o) values[o] += bias[o];
    }
    Alias(node, x);
  }

  void Concat(const onnx::NodeProto& node) {
    if (node.input_size() == 0) Fail(node, "has no inputs");
    std::vector<Value> parts;
    for (int i = 0; i < node.input_size(); ++i) parts.push_back(ActivationInput(node, i));
    const int rank = parts.front().rank;
    int64_t axis = AttrInt(node, "axis", 1);
    if (axis < 0) axis += rank;
    if (axis != 1) {
      Fail(node, "axis " + std::to_string(AttrInt(node, "axis", 1)) +
                     " is not supported (only channels, axis 1)");
    }
    std::vector<int> inputs;
    for (const Value& part : parts) {
      if (part.rank != rank) Fail(node, "inputs of different rank cannot be concatenated");
      if (part.flattened_from) {
        Fail(node, "concatenating flattened HxWxC tensors (H*W > 1) is not supported");
      }
      inputs.push_back(part.tensor);
    }
    if (parts.size() == 1) {
      Alias(node, parts.front());
      return;
    }
    ir::Node concat;
    concat.op = ir::OpKind::kConcat;
    Emit(node, std::move(concat), inputs, rank);
  }

  void Pad(const onnx::NodeProto& node) {
    const Value x = ActivationInput(node, 0, /*pad_allowed=*/true);
    if (x.rank != 4) Fail(node, "input must be a 4-D NCHW tensor");
    const std::string mode = AttrString(node, "mode", "constant");
    if (mode != "constant") {
      Fail(node, "mode " + mode + " is not supported (only a constant zero Pad, folded into the " +
                     "next Conv or pool)");
    }
    std::vector<int64_t> pads;
    float value = 0.0f;
    if (opset_ < 11) {
      pads = AttrInts(node, "pads", {});
      value = AttrFloat(node, "value", 0.0f);
    } else {
      pads = TensorInts(ConstantData(node, 1, "pads"), TensorWhere(node.input(1)));
      if (OptionalInput(node, 2)) {
        const std::vector<float> values =
            TensorFloats(ConstantData(node, 2, "constant_value"), TensorWhere(node.input(2)));
        if (values.size() != 1) Fail(node, "constant_value must be a scalar");
        value = values[0];
      }
      if (OptionalInput(node, 3)) Fail(node, "the axes input is not supported");
    }
    if (value != 0.0f) {
      Fail(node, "constant_value " + FormatFloat(value) +
                     " is not supported (only zero padding folds into a Conv or pool)");
    }
    if (pads.size() != 8) Fail(node, "pads " + FormatDims(pads) + " must have 8 values (NCHW)");
    if (pads[0] || pads[1] || pads[4] || pads[5]) {
      Fail(node, "padding the batch or channel axis is not supported");
    }
    if (std::any_of(pads.begin(), pads.end(), [](int64_t pad) { return pad < 0; })) {
      Fail(node, "negative pads (cropping) are not supported");
    }
    Value padded = x;
    padded.pad.top += std::min(pads[2], kMaxExtent + 1);  // capped: no sum overflows
    padded.pad.left += std::min(pads[3], kMaxExtent + 1);
    padded.pad.bottom += std::min(pads[6], kMaxExtent + 1);
    padded.pad.right += std::min(pads[7], kMaxExtent + 1);
    if (std::max({padded.pad.top, padded.pad.left, padded.pad.bottom, padded.pad.right}) >
        kMaxExtent) {
      Fail(node, "pads " + FormatDims(pads) + " (with the Pads before) must be <= 2^31");
    }
    Alias(node, padded);
  }

  void Flatten(const onnx::NodeProto& node) {
    const Value x = ActivationInput(node, 0);
    int64_t axis = AttrInt(node, "axis", 1);
    if (axis < 0) axis += x.rank;
    if (axis != 1) {
      Fail(node, "axis " + std::to_string(AttrInt(node, "axis", 1)) +
                     " is not supported (only keeping the batch, axis 1)");
    }
    if (x.rank == 2) {
      Alias(node, x);
    } else {
      EmitFlatten(node, x);
    }
  }

  void EmitFlatten(const onnx::NodeProto& node, const Value& x) {
    const ir::Shape in = ShapeOf(x);
    ir::Node flatten;
    flatten.op = ir::OpKind::kFlatten;
    std::optional<ir::Shape> from;
    if (in.h * in.w > 1) from = in;
    Emit(node, std::move(flatten), {x.tensor}, 2, from);
  }

  // Only reshapes that keep the batch and flatten the rest (or change nothing) are supported.
  // The target is read against the model's own batch, so that a literal batch in the target
  // still means "the batch" under --batch.
  void Reshape(const onnx::NodeProto& node) {
    const Value x = ActivationInput(node, 0);
    std::vector<int64_t> target =
        TensorInts(ConstantData(node, 1, "the target shape"), TensorWhere(node.input(1)));
    const ir::Shape in = ShapeOf(x);
    const std::vector<int64_t> source = x.rank == 4
                                            ? std::vector<int64_t>{model_batch_, in.c, in.h, in.w}
                                            : std::vector<int64_t>{model_batch_, in.c};
    // Products of dims from the file are checked (the ONNX fuzzer found a target shape whose
    // product overflowed int64).
    auto multiply = [&](int64_t& product, int64_t dim) {
      if (__builtin_mul_overflow(product, dim, &product)) {
        Fail(node, "target shape " + FormatDims(target) + " has more than 2^63 elements");
      }
    };
    int64_t total = 1;
    for (const int64_t dim : source) multiply(total, dim);
    const bool allow_zero = AttrInt(node, "allowzero", 0) != 0;
    int64_t known = 1;
    int inferred = -1;
    for (size_t i = 0; i < target.size(); ++i) {
      if (target[i] == 0 && !allow_zero) {
        if (i >= source.size())
          Fail(node, "target " + FormatDims(target) + " copies a missing dim");
        target[i] = source[i];
      }
      if (target[i] == -1 && inferred < 0) {
        inferred = static_cast<int>(i);
      } else if (target[i] < 0) {
        Fail(node, "target shape " + FormatDims(target) + " is invalid");
      } else {
        multiply(known, target[i]);
      }
    }
    if (inferred >= 0 && known > 0 && total % known == 0) target[inferred] = total / known;
    int64_t product = 1;
    for (const int64_t dim : target) multiply(product, dim);
    if (product != total) {
      Fail(node, "cannot reshape " + FormatDims(source) + " to " + FormatDims(target));
    }
    if (target == source) {
      Alias(node, x);
    } else if (target.size() == 2 && target[0] == source[0] && x.rank == 4) {
      EmitFlatten(node, x);
    } else {
      Fail(node, "reshaping " + FormatDims(source) + " to " + FormatDims(target) +
                     " is not supported (only flattening to [N, -1])");
    }
  }

  void Constant(const onnx::NodeProto& node) {
    if (node.attribute_size() != 1) Fail(node, "expected exactly one value attribute");
    const onnx::AttributeProto& attribute = node.attribute(0);
    Value value;
    if (attribute.name() == "value") {
      value.dims.assign(attribute.t().dims().begin(), attribute.t().dims().end());
      value.data = &attribute.t();
    } else {
      onnx::TensorProto& tensor = owned_tensors_.emplace_back();
      const std::string& name = attribute.name();
      if (name == "value_float") {
        tensor.set_data_type(onnx::TensorProto::FLOAT);
        tensor.add_float_data(attribute.f());
      } else if (name == "value_floats") {
        tensor.set_data_type(onnx::TensorProto::FLOAT);
        tensor.add_dims(attribute.floats_size());
        for (const float f : attribute.floats()) tensor.add_float_data(f);
      } else if (name == "value_int") {
        tensor.set_data_type(onnx::TensorProto::INT64);
        tensor.add_int64_data(attribute.i());
      } else if (name == "value_ints") {
        tensor.set_data_type(onnx::TensorProto::INT64);
        tensor.add_dims(attribute.ints_size());
        for (const int64_t i : attribute.ints()) tensor.add_int64_data(i);
      } else {
        Fail(node, "attribute " + name + " is not supported (only numeric constants)");
      }
      value.dims.assign(tensor.dims().begin(), tensor.dims().end());
      value.data = &tensor;
    }
    values_[node.output(0)] = value;
  }

  std::string path_;
  int64_t batch_;
  onnx::ModelProto model_;
  int64_t opset_ = 0;
  int64_t model_batch_ = 0;  // the batch the model was exported with (1 if symbolic)
  // NCHW shapes (-1: unknown) as the file declares them, and after ONNX shape inference.
  std::map<std::string, std::vector<int64_t>> declared_dims_;
  std::map<std::string, std::vector<int64_t>> onnx_dims_;
  bool onnx_inference_failed_ = false;
  bool onnx_pool_rule_differs_ = false;   // a ceil_mode pool where ONNX 1.12 infers another size
  std::map<std::string, int> onnx_uses_;  // consumers of each ONNX value
  std::map<std::string, Value> values_;
  std::deque<onnx::TensorProto> owned_tensors_;  // Constant values built from scalar attributes
  std::set<std::string> used_names_;
  ir::Graph graph_;
  // Per IR tensor: its producer node (-1: graph input); how many ONNX consumers read it under
  // any of its names (graph outputs count), so fusion can tell it has no other reader; and
  // whether its values are known to be >= 0 (a Relu of it is a no-op).
  std::vector<int> producer_;
  std::vector<int> uses_;
  std::vector<bool> nonnegative_;
};

}  // namespace

ir::Graph ImportOnnx(const std::string& path, int64_t batch, OnnxModelInfo* info) {
  Importer importer(path, batch);
  ir::Graph graph = importer.Run(info);
  graph.name = SanitiseName(fs::path(path).stem().string());
  if (graph.name.empty()) graph.name = "model";
  return graph;
}

}  // namespace aie2sim::frontend
