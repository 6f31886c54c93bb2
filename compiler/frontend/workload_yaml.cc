#include "compiler/frontend/workload_yaml.h"

#include <map>

#include "compiler/frontend/yaml_reader.h"
#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

constexpr int64_t kMaxExtent = 1 << 20;

class WorkloadParser {
 public:
  WorkloadParser(const std::string& file, int64_t batch)
      : reader_(file), file_name_(file), batch_(batch) {}

  ir::Graph Parse(const std::string& text) {
    const YAML::Node root = reader_.Parse(text);
    reader_.CheckKeys(root, "", {"version", "name", "description", "inputs", "layers", "outputs"});
    const YAML::Node version = reader_.Required(root, "", "version");
    if (reader_.Int(version, "version", 0, 1000) != 1) {
      reader_.Fail(version, "version", "unsupported workload version (expected 1)");
    }
    graph_.name = reader_.String(reader_.Required(root, "", "name"), "name");
    const YAML::Node inputs = reader_.Required(root, "", "inputs");
    if (!inputs.IsSequence() || inputs.size() == 0) {
      reader_.Fail(inputs, "inputs", "expected a non-empty list");
    }
    for (const YAML::Node& input : inputs) ParseInput(input);
    const YAML::Node layers = reader_.Required(root, "", "layers");
    if (!layers.IsSequence() || layers.size() == 0) {
      reader_.Fail(layers, "layers", "expected a non-empty list");
    }
    for (const YAML::Node& layer : layers) ParseLayer(layer);
    ir::InferShapes(graph_, reader_file());
    for (const auto& [node_index, declared] : declared_shapes_) {
      const ir::Node& node = graph_.nodes[node_index];
      if (!(graph_.OutputShape(node) == declared.second)) {
        reader_.Fail(declared.first, "layers." + node.name + ".out_shape",
                     "declared " + ir::ToString(declared.second) + " but inferred " +
                         ir::ToString(graph_.OutputShape(node)));
      }
    }
    if (const YAML::Node outputs = root["outputs"]) {
      for (const std::string& name : reader_.StringList(outputs, "outputs")) {
        graph_.outputs.push_back(TensorIndex(outputs, "outputs", name));
      }
    } else {
      graph_.outputs.push_back(graph_.nodes.back().output);
    }
    return std::move(graph_);
  }

 private:
  const std::string& reader_file() const { return file_name_; }

  int AddTensor(const YAML::Node& where, const std::string& key, const std::string& name) {
    if (tensor_index_.count(name)) reader_.Fail(where, key, "tensor \"" + name + "\" defined twice");
    tensor_index_[name] = static_cast<int>(graph_.tensors.size());
    graph_.tensors.push_back(ir::Tensor{name, {}});
    return tensor_index_[name];
  }

  int TensorIndex(const YAML::Node& where, const std::string& key, const std::string& name) {
    const auto found = tensor_index_.find(name);
    if (found == tensor_index_.end()) {
      reader_.Fail(where, key, "unknown tensor \"" + name + "\" (inputs must be defined earlier)");
    }
    return found->second;
  }

  ir::Shape ShapeOf(const YAML::Node& node, const std::string& key) {
    const std::vector<int64_t> dims = reader_.IntList(node, key, 4, 1, kMaxExtent);
    return ir::Shape{dims[0], dims[1], dims[2], dims[3]};
  }

  void ParseInput(const YAML::Node& input) {
    reader_.CheckKeys(input, "inputs[]", {"name", "shape"});
    const std::string name = reader_.String(reader_.Required(input, "inputs[]", "name"), "name");
    const int index = AddTensor(input, "inputs." + name, name);
    ir::Shape shape = ShapeOf(reader_.Required(input, "inputs." + name, "shape"),
                              "inputs." + name + ".shape");
    if (batch_ > 0) shape.n = batch_;
    graph_.tensors[index].shape = shape;
    graph_.inputs.push_back(index);
  }

  void ParseWindow(const YAML::Node& layer, const std::string& path, ir::Window& window) {
    if (const YAML::Node kernel = layer["kernel"]) {
      const auto values = reader_.IntList(kernel, path + ".kernel", 2, 1, 1024);
      window.kernel_h = values[0];
      window.kernel_w = values[1];
    }
    if (const YAML::Node stride = layer["stride"]) {
      const auto values = reader_.IntList(stride, path + ".stride", 2, 1, 1024);
      window.stride_h = values[0];
      window.stride_w = values[1];
    }
    if (const YAML::Node dilation = layer["dilation"]) {
      const auto values = reader_.IntList(dilation, path + ".dilation", 2, 1, 1024);
      window.dilation_h = values[0];
      window.dilation_w = values[1];
    }
    if (const YAML::Node pads = layer["pads"]) {
      const auto values = reader_.IntList(pads, path + ".pads", 4, 0, 1024);
      window.pad_top = values[0];
      window.pad_left = values[1];
      window.pad_bottom = values[2];
      window.pad_right = values[3];
    }
  }

  void ParseLayer(const YAML::Node& layer) {
    // Key errors name the layer when it has a name to go by.
    const bool named = layer.IsMap() && layer["name"] && layer["name"].IsScalar();
    reader_.CheckKeys(layer, named ? "layers." + layer["name"].Scalar() : std::string("layers[]"),
                      {"name", "op", "inputs", "out_channels", "kernel", "stride", "dilation",
                       "pads", "groups", "bias", "activation", "ceil_mode", "count_include_pad",
                       "out_shape"});
    ir::Node node;
    node.name = reader_.String(reader_.Required(layer, "layers[]", "name"), "name");
    const std::string path = "layers." + node.name;
    const YAML::Node op = reader_.Required(layer, path, "op");
    const auto kind = ir::ParseOpName(reader_.String(op, path + ".op"));
    if (!kind) reader_.Fail(op, path + ".op", "unsupported op \"" + op.Scalar() + "\"");
    node.op = *kind;
    const YAML::Node inputs = reader_.Required(layer, path, "inputs");
    for (const std::string& name : reader_.StringList(inputs, path + ".inputs")) {
      node.inputs.push_back(TensorIndex(inputs, path + ".inputs", name));
    }
    const size_t arity = node.inputs.size();
    const bool multi = node.op == ir::OpKind::kAdd || node.op == ir::OpKind::kConcat;
    if ((multi && arity < 2) || (!multi && arity != 1)) {
      reader_.Fail(inputs, path + ".inputs",
                   std::string(ir::OpName(node.op)) + " takes " + (multi ? "2 or more" : "1") +
                       " inputs, got " + std::to_string(arity));
    }
    const bool weighted = ir::HasWeights(node.op);
    const bool pooled = node.op == ir::OpKind::kMaxPool || node.op == ir::OpKind::kAveragePool;
    auto forbid = [&](const char* key, bool allowed) {
      if (!allowed && layer[key]) {
        reader_.Fail(layer[key], path + "." + key,
                     std::string("not an attribute of ") + ir::OpName(node.op));
      }
    };
    forbid("out_channels", weighted);
    forbid("groups", node.op == ir::OpKind::kConv);
    forbid("bias", weighted);
    forbid("kernel", node.op == ir::OpKind::kConv || pooled);
    forbid("stride", node.op == ir::OpKind::kConv || pooled);
    forbid("dilation", node.op == ir::OpKind::kConv || pooled);
    forbid("pads", node.op == ir::OpKind::kConv || pooled);
    forbid("ceil_mode", pooled);
    forbid("count_include_pad", node.op == ir::OpKind::kAveragePool);
    forbid("activation", weighted || node.op == ir::OpKind::kAdd);
    if (weighted) {
      node.conv.out_channels =
          reader_.Int(reader_.Required(layer, path, "out_channels"), path + ".out_channels", 1,
                      kMaxExtent);
      if (layer["groups"]) node.conv.groups = reader_.Int(layer["groups"], path + ".groups", 1, kMaxExtent);
      if (layer["bias"]) node.conv.has_bias = reader_.Bool(layer["bias"], path + ".bias");
      ParseWindow(layer, path, node.conv.window);
    }
    if (pooled) {
      if (!layer["kernel"]) reader_.Required(layer, path, "kernel");
      ParseWindow(layer, path, node.pool.window);
      if (!layer["stride"]) {
        node.pool.window.stride_h = node.pool.window.kernel_h;
        node.pool.window.stride_w = node.pool.window.kernel_w;
      }
      if (layer["ceil_mode"]) node.pool.ceil_mode = reader_.Bool(layer["ceil_mode"], path + ".ceil_mode");
      if (layer["count_include_pad"]) {
        node.pool.count_include_pad =
            reader_.Bool(layer["count_include_pad"], path + ".count_include_pad");
      }
    }
    if (const YAML::Node activation = layer["activation"]) {
      const std::string name = reader_.String(activation, path + ".activation");
      if (name == "relu") {
        node.activation = ir::Activation::kRelu;
      } else if (name == "relu6") {
        node.activation = ir::Activation::kRelu6;
      } else if (name != "none") {
        reader_.Fail(activation, path + ".activation", "expected none, relu or relu6");
      }
    }
    node.output = AddTensor(layer, path, node.name);
    if (const YAML::Node out_shape = layer["out_shape"]) {
      ir::Shape declared = ShapeOf(out_shape, path + ".out_shape");
      if (batch_ > 0) declared.n = batch_;
      declared_shapes_[graph_.nodes.size()] = {out_shape, declared};
    }
    graph_.nodes.push_back(std::move(node));
  }

  YamlReader reader_;
  std::string file_name_;
  int64_t batch_;
  ir::Graph graph_;
  std::map<std::string, int> tensor_index_;
  std::map<size_t, std::pair<YAML::Node, ir::Shape>> declared_shapes_;
};

}  // namespace

ir::Graph ParseWorkloadYaml(const std::string& yaml_text, const std::string& display_name,
                            int64_t batch) {
  WorkloadParser parser(display_name, batch);
  return parser.Parse(yaml_text);
}

}  // namespace aie2sim::frontend
