// The ONNX importer on small models built through the ONNX protobuf API (no torch in CI): one
// test per op and per error kind, numeric checks of the weight transforms (OIHW -> OHWI, BN
// folding, the Gemm K permutation after a Flatten), external data, --batch, and the YAML
// round trip of the imported graph.
#include "compiler/frontend/onnx_importer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <onnx/onnx_pb.h>

#include "compiler/frontend/workload_loader.h"
#include "compiler/frontend/workload_writer.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/base/error.h"

namespace aie2sim::frontend {
namespace {

namespace fs = std::filesystem;

// A folder of its own for the current test's files.
std::string TestDir() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::path(testing::TempDir()) / "onnx_importer_test" /
                       (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// Builds an ONNX model node by node; attributes through the Set* helpers.
class OnnxBuilder {
 public:
  explicit OnnxBuilder(int64_t opset = 13) {
    model_.set_ir_version(8);
    model_.set_producer_name("onnx_importer_test");
    onnx::OperatorSetIdProto* import = model_.add_opset_import();
    import->set_domain("");
    import->set_version(opset);
    model_.mutable_graph()->set_name("test");
  }

  // A float input; a negative dim becomes the symbolic dim "N".
  void Input(const std::string& name, const std::vector<int64_t>& dims,
             int elem_type = onnx::TensorProto::FLOAT) {
    onnx::ValueInfoProto* input = model_.mutable_graph()->add_input();
    input->set_name(name);
    auto* tensor_type = input->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(elem_type);
    for (const int64_t dim : dims) {
      auto* proto_dim = tensor_type->mutable_shape()->add_dim();
      if (dim < 0) {
        proto_dim->set_dim_param("N");
      } else {
        proto_dim->set_dim_value(dim);
      }
    }
  }

  // A float output of the given rank, its dims left to shape inference (the checker wants a
  // shape on graph outputs).
  void Output(const std::string& name, int rank = 4) {
    onnx::ValueInfoProto* output = model_.mutable_graph()->add_output();
    output->set_name(name);
    auto* tensor_type = output->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(onnx::TensorProto::FLOAT);
    for (int i = 0; i < rank; ++i) tensor_type->mutable_shape()->add_dim();
  }

  onnx::TensorProto* Floats(const std::string& name, const std::vector<int64_t>& dims,
                            const std::vector<float>& values) {
    onnx::TensorProto* tensor = model_.mutable_graph()->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::FLOAT);
    for (const int64_t dim : dims) tensor->add_dims(dim);
    for (const float value : values) tensor->add_float_data(value);
    return tensor;
  }

  // Floats 0, 1, 2, ... of the given shape.
  onnx::TensorProto* Iota(const std::string& name, const std::vector<int64_t>& dims) {
    int64_t count = 1;
    for (const int64_t dim : dims) count *= dim;
    std::vector<float> values(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) values[i] = static_cast<float>(i);
    return Floats(name, dims, values);
  }

  void Ints(const std::string& name, const std::vector<int64_t>& values) {
    onnx::TensorProto* tensor = model_.mutable_graph()->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::INT64);
    tensor->add_dims(static_cast<int64_t>(values.size()));
    for (const int64_t value : values) tensor->add_int64_data(value);
  }

  // A Constant node holding a float scalar, as PyTorch exports Clip bounds.
  void ScalarConstant(const std::string& name, float value) {
    onnx::NodeProto* node = Node("Constant", {}, {name}, name + "_node");
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name("value");
    attribute->set_type(onnx::AttributeProto::TENSOR);
    attribute->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
    attribute->mutable_t()->add_float_data(value);
  }

  onnx::NodeProto* Node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "") {
    onnx::NodeProto* node = model_.mutable_graph()->add_node();
    node->set_op_type(op);
    if (!name.empty()) node->set_name(name);
    for (const std::string& input : inputs) node->add_input(input);
    for (const std::string& output : outputs) node->add_output(output);
    return node;
  }

  static void Set(onnx::NodeProto* node, const std::string& name,
                  const std::vector<int64_t>& values) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INTS);
    for (const int64_t value : values) attribute->add_ints(value);
  }
  static void Set(onnx::NodeProto* node, const std::string& name, int64_t value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INT);
    attribute->set_i(value);
  }
  static void SetFloat(onnx::NodeProto* node, const std::string& name, float value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::FLOAT);
    attribute->set_f(value);
  }
  static void Set(onnx::NodeProto* node, const std::string& name, const std::string& value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::STRING);
    attribute->set_s(value);
  }

  // Writes the model into `dir` and returns its path.
  std::string Save(const std::string& dir, const std::string& file = "model.onnx") const {
    const std::string path = (fs::path(dir) / file).string();
    std::ofstream out(path, std::ios::binary);
    model_.SerializeToOstream(&out);
    return path;
  }

  onnx::ModelProto& model() { return model_; }

 private:
  onnx::ModelProto model_;
};

const ir::Node& NodeNamed(const ir::Graph& graph, const std::string& name) {
  for (const ir::Node& node : graph.nodes) {
    if (node.name == name) return node;
  }
  throw std::runtime_error("no node " + name);
}

std::string OutShape(const ir::Graph& graph, const std::string& name) {
  return ir::ToString(graph.OutputShape(NodeNamed(graph, name)));
}

std::vector<int64_t> Pads(const ir::Window& window) {
  return {window.pad_top, window.pad_left, window.pad_bottom, window.pad_right};
}

std::string ImportError(const std::string& path, int64_t batch = 0) {
  try {
    ImportOnnx(path, batch);
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

// conv: a 3x3 conv 3 -> 4 channels, stride 2, pads 1, over an 8x8 input, then a Relu.
OnnxBuilder ConvRelu() {
  OnnxBuilder model;
  model.Input("image", {1, 3, 8, 8});
  model.Iota("w", {4, 3, 3, 3});
  model.Floats("b", {4}, {1, 2, 3, 4});
  onnx::NodeProto* conv = model.Node("Conv", {"image", "w", "b"}, {"c"}, "conv");
  OnnxBuilder::Set(conv, "strides", std::vector<int64_t>{2, 2});
  OnnxBuilder::Set(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  model.Node("Relu", {"c"}, {"r"}, "relu");
  model.Output("r");
  return model;
}

TEST(OnnxImporter, ConvShapesAttributesAndReluFusion) {
  const std::string dir = TestDir();
  ir::Graph graph = ImportOnnx(ConvRelu().Save(dir), 0);
  EXPECT_EQ(graph.name, "model");
  ASSERT_EQ(graph.inputs.size(), 1u);
  EXPECT_EQ(graph.tensor(graph.inputs[0]).name, "image");
  EXPECT_EQ(ir::ToString(graph.tensor(graph.inputs[0]).shape), "1x8x8x3");  // NCHW -> BHWC
  ASSERT_EQ(graph.nodes.size(), 1u);                                        // the Relu is fused
  const ir::Node& conv = graph.nodes[0];
  EXPECT_EQ(conv.name, "conv");
  EXPECT_EQ(conv.op, ir::OpKind::kConv);
  EXPECT_EQ(conv.activation, ir::Activation::kRelu);
  EXPECT_EQ(conv.conv.out_channels, 4);
  EXPECT_EQ(conv.conv.window.kernel_h, 3);
  EXPECT_EQ(conv.conv.window.stride_w, 2);
  EXPECT_EQ(Pads(conv.conv.window), (std::vector<int64_t>{1, 1, 1, 1}));
  EXPECT_TRUE(conv.conv.has_bias);
  EXPECT_EQ(OutShape(graph, "conv"), "1x4x4x4");
  ASSERT_EQ(graph.outputs.size(), 1u);
  EXPECT_EQ(graph.outputs[0], conv.output);
  EXPECT_EQ(graph.tensor(conv.output).name, "conv");

  // OIHW -> O x KH x KW x I: ours[((o*3 + y)*3 + x)*3 + i] = W[((o*3 + i)*3 + y)*3 + x].
  ASSERT_TRUE(conv.weights.has_value());
  ASSERT_EQ(conv.weights->values.size(), 108u);
  for (int o = 0; o < 4; ++o) {
    for (int i = 0; i < 3; ++i) {
      for (int y = 0; y < 3; ++y) {
        for (int x = 0; x < 3; ++x) {
          EXPECT_EQ(conv.weights->values[((o * 3 + y) * 3 + x) * 3 + i],
                    static_cast<float>(((o * 3 + i) * 3 + y) * 3 + x));
        }
      }
    }
  }
  EXPECT_EQ(conv.weights->bias, (std::vector<float>{1, 2, 3, 4}));
}

// Issue 28 class 4: a NaN weight reached the quantiser on the dense path (internal error).
TEST(OnnxImporter, NonFiniteWeightsAreRefusedAtLoad) {
  const std::string dir = TestDir();
  auto conv = [&](float weight, float bias) {
    OnnxBuilder model;
    model.Input("image", {1, 3, 8, 8});
    std::vector<float> weights(4 * 3 * 3 * 3, 0.5f);
    weights[7] = weight;
    model.Floats("w", {4, 3, 3, 3}, weights);
    model.Floats("b", {4}, {1, 2, bias, 4});
    model.Node("Conv", {"image", "w", "b"}, {"c"}, "conv");
    model.Output("c");
    return model.Save(dir);
  };
  std::string path = conv(std::nanf(""), 3);
  EXPECT_EQ(ImportError(path),
            path + ": layer conv (Conv): weights contain a NaN or infinite value");
  path = conv(0.5f, std::numeric_limits<float>::infinity());
  EXPECT_EQ(ImportError(path), path + ": layer conv (Conv): bias contains a NaN or infinite value");
  EXPECT_EQ(ImportError(conv(0.5f, 3)), "no error");
}

TEST(OnnxImporter, DepthwiseAndDilatedConv) {
  OnnxBuilder model;
  model.Input("x", {1, 8, 10, 10});
  model.Iota("dw", {8, 1, 3, 3});
  onnx::NodeProto* depthwise = model.Node("Conv", {"x", "dw"}, {"d"}, "depthwise");
  OnnxBuilder::Set(depthwise, "group", int64_t{8});
  OnnxBuilder::Set(depthwise, "dilations", std::vector<int64_t>{2, 2});
  OnnxBuilder::Set(depthwise, "pads", std::vector<int64_t>{2, 2, 2, 2});
  model.Output("d");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  const ir::Node& node = graph.nodes.at(0);
  EXPECT_EQ(node.conv.groups, 8);
  EXPECT_EQ(node.conv.window.dilation_h, 2);
  EXPECT_FALSE(node.conv.has_bias);
  EXPECT_TRUE(node.weights->bias.empty());
  EXPECT_EQ(OutShape(graph, "depthwise"), "1x10x10x8");
  EXPECT_EQ(ir::Macs(graph, node), 10 * 10 * 8 * 9);
}

// auto_pad: SAME_UPPER puts the odd pad at the end, SAME_LOWER at the begin; VALID pads none.
TEST(OnnxImporter, AutoPad) {
  struct Case {
    const char* auto_pad;
    std::vector<int64_t> pads;  // top, left, bottom, right
    const char* shape;
  };
  // 7x8 input, 4x4 kernel, stride 2: SAME output 4x4; totals: h (3*2+4-7)=3, w (3*2+4-8)=2.
  const Case cases[] = {{"SAME_UPPER", {1, 1, 2, 1}, "1x4x4x2"},
                        {"SAME_LOWER", {2, 1, 1, 1}, "1x4x4x2"},
                        {"VALID", {0, 0, 0, 0}, "1x2x3x2"},
                        {"NOTSET", {0, 0, 0, 0}, "1x2x3x2"}};
  for (const Case& test : cases) {
    SCOPED_TRACE(test.auto_pad);
    OnnxBuilder model;
    model.Input("x", {1, 1, 7, 8});
    model.Iota("w", {2, 1, 4, 4});
    onnx::NodeProto* conv = model.Node("Conv", {"x", "w"}, {"y"}, "conv");
    OnnxBuilder::Set(conv, "auto_pad", std::string(test.auto_pad));
    OnnxBuilder::Set(conv, "strides", std::vector<int64_t>{2, 2});
    model.Output("y");
    const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
    EXPECT_EQ(Pads(graph.nodes.at(0).conv.window), test.pads);
    EXPECT_EQ(OutShape(graph, "conv"), test.shape);
  }
}

TEST(OnnxImporter, PoolsWithCeilModeAndCountIncludePad) {
  OnnxBuilder model;
  model.Input("x", {1, 4, 8, 8});
  onnx::NodeProto* max = model.Node("MaxPool", {"x"}, {"m"}, "max");
  OnnxBuilder::Set(max, "kernel_shape", std::vector<int64_t>{3, 3});
  OnnxBuilder::Set(max, "strides", std::vector<int64_t>{2, 2});
  OnnxBuilder::Set(max, "ceil_mode", int64_t{1});
  onnx::NodeProto* average = model.Node("AveragePool", {"m"}, {"a"}, "average");
  OnnxBuilder::Set(average, "kernel_shape", std::vector<int64_t>{3, 3});
  OnnxBuilder::Set(average, "pads", std::vector<int64_t>{1, 1, 1, 1});
  OnnxBuilder::Set(average, "count_include_pad", int64_t{1});
  model.Node("GlobalAveragePool", {"a"}, {"g"}, "global");
  model.Output("g");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  const ir::Node& max_node = NodeNamed(graph, "max");
  EXPECT_EQ(max_node.op, ir::OpKind::kMaxPool);
  EXPECT_TRUE(max_node.pool.ceil_mode);
  EXPECT_EQ(OutShape(graph, "max"), "1x4x4x4");  // ceil((8 - 3) / 2) + 1; floor would give 3
  const ir::Node& average_node = NodeNamed(graph, "average");
  EXPECT_EQ(average_node.op, ir::OpKind::kAveragePool);
  EXPECT_TRUE(average_node.pool.count_include_pad);
  EXPECT_FALSE(average_node.pool.ceil_mode);
  EXPECT_EQ(average_node.pool.window.stride_h, 1);  // ONNX's default stride is 1, not the kernel
  EXPECT_EQ(Pads(average_node.pool.window), (std::vector<int64_t>{1, 1, 1, 1}));
  EXPECT_EQ(OutShape(graph, "average"), "1x4x4x4");
  EXPECT_EQ(NodeNamed(graph, "global").op, ir::OpKind::kGlobalAveragePool);
  EXPECT_EQ(OutShape(graph, "global"), "1x1x1x4");
}

// PyTorch's ceil_mode rule (the last window starts inside the input or its begin padding), which
// ONNX 1.12's shape inference lacks: 5 + 2 pads, kernel 2, stride 2 gives 3, not 4.
TEST(OnnxImporter, CeilModePoolFollowsPyTorchWhereOnnxInferenceDiffers) {
  for (const bool at_output : {true, false}) {
    SCOPED_TRACE(at_output ? "pool at the output" : "pool inside");
    OnnxBuilder model;
    model.Input("x", {1, 1, 5, 5});
    model.Iota("w", {2, 1, 1, 1});
    onnx::NodeProto* pool = model.Node("MaxPool", {"x"}, {"p"}, "pool");
    OnnxBuilder::Set(pool, "kernel_shape", std::vector<int64_t>{2, 2});
    OnnxBuilder::Set(pool, "strides", std::vector<int64_t>{2, 2});
    OnnxBuilder::Set(pool, "pads", std::vector<int64_t>{1, 1, 1, 1});
    OnnxBuilder::Set(pool, "ceil_mode", int64_t{1});
    if (at_output) {
      model.Output("p");  // declared as PyTorch exports it
      auto* dims = model.model()
                       .mutable_graph()
                       ->mutable_output(0)
                       ->mutable_type()
                       ->mutable_tensor_type()
                       ->mutable_shape();
      for (int i = 0; i < 4; ++i) dims->mutable_dim(i)->set_dim_value(i < 2 ? 1 : 3);
    } else {
      model.Node("Conv", {"p", "w"}, {"c"}, "conv");
      model.Output("c");
    }
    const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
    EXPECT_EQ(OutShape(graph, "pool"), "1x3x3x1");
  }
}

TEST(OnnxImporter, DeclaredShapeThatDisagreesIsAnError) {
  OnnxBuilder model = ConvRelu();
  auto* dims = model.model()
                   .mutable_graph()
                   ->mutable_output(0)
                   ->mutable_type()
                   ->mutable_tensor_type()
                   ->mutable_shape();
  const int64_t declared[4] = {1, 4, 5, 5};
  for (int i = 0; i < 4; ++i) dims->mutable_dim(i)->set_dim_value(declared[i]);
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": tensor r: the model declares [1, 4, 5, 5] but its ops "
                                   "give [1, 4, 4, 4] (NCHW)");
}

// Add of two conv branches with a fused Relu; Concat along channels.
TEST(OnnxImporter, AddAndConcat) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w1", {3, 2, 1, 1});
  model.Iota("w2", {3, 2, 1, 1});
  model.Node("Conv", {"x", "w1"}, {"c1"}, "conv1");
  model.Node("Conv", {"x", "w2"}, {"c2"}, "conv2");
  model.Node("Add", {"c1", "c2"}, {"s"}, "add");
  model.Node("Relu", {"s"}, {"r"}, "relu");
  onnx::NodeProto* concat = model.Node("Concat", {"r", "x", "c1"}, {"cat"}, "concat");
  OnnxBuilder::Set(concat, "axis", int64_t{1});
  model.Output("cat");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 4u);
  const ir::Node& add = NodeNamed(graph, "add");
  EXPECT_EQ(add.op, ir::OpKind::kAdd);
  EXPECT_EQ(add.activation, ir::Activation::kRelu);
  EXPECT_EQ(add.inputs.size(), 2u);
  const ir::Node& cat = NodeNamed(graph, "concat");
  EXPECT_EQ(cat.op, ir::OpKind::kConcat);
  EXPECT_EQ(cat.inputs,
            (std::vector<int>{add.output, graph.inputs[0], NodeNamed(graph, "conv1").output}));
  EXPECT_EQ(OutShape(graph, "concat"), "1x4x4x8");
}

TEST(OnnxImporter, ConcatOnOtherAxisIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  onnx::NodeProto* concat = model.Node("Concat", {"x", "x"}, {"cat"}, "concat");
  OnnxBuilder::Set(concat, "axis", int64_t{2});
  model.Output("cat");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path),
            path + ": node concat (Concat): axis 2 is not supported (only channels, axis 1)");
}

// Clip [0, 6] fuses as relu6, [0, inf) (no max) as relu; bounds come from Constant nodes.
TEST(OnnxImporter, ClipFusesAsRelu6OrRelu) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w1", {2, 2, 1, 1});
  model.Iota("w2", {2, 2, 1, 1});
  model.ScalarConstant("zero", 0.0f);
  model.ScalarConstant("six", 6.0f);
  model.Node("Conv", {"x", "w1"}, {"c1"}, "conv1");
  model.Node("Clip", {"c1", "zero", "six"}, {"r1"}, "clip6");
  model.Node("Conv", {"r1", "w2"}, {"c2"}, "conv2");
  model.Node("Clip", {"c2", "zero"}, {"r2"}, "clip_relu");
  model.Output("r2");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(NodeNamed(graph, "conv1").activation, ir::Activation::kRelu6);
  EXPECT_EQ(NodeNamed(graph, "conv2").activation, ir::Activation::kRelu);
}

TEST(OnnxImporter, ClipBeforeOpset11UsesAttributes) {
  OnnxBuilder model(/*opset=*/9);
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.Node("Conv", {"x", "w"}, {"c"}, "conv");
  onnx::NodeProto* clip = model.Node("Clip", {"c"}, {"r"}, "clip");
  OnnxBuilder::SetFloat(clip, "min", 0.0f);
  OnnxBuilder::SetFloat(clip, "max", 6.0f);
  model.Output("r");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  EXPECT_EQ(graph.nodes.at(0).activation, ir::Activation::kRelu6);
}

TEST(OnnxImporter, ClipWithOtherBoundsIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.ScalarConstant("zero", 0.0f);
  model.ScalarConstant("one", 1.0f);
  model.Node("Conv", {"x", "w"}, {"c"}, "conv");
  model.Node("Clip", {"c", "zero", "one"}, {"r"}, "clip");
  model.Output("r");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node clip (Clip): bounds [0, 1] are not supported (only "
                                   "[0, 6] as relu6 and [0, inf] as relu)");
}

TEST(OnnxImporter, ReluIsDroppedOnNonNegativeInputsAndRejectedElsewhere) {
  {
    OnnxBuilder model;  // conv -> relu -> maxpool -> relu: the second Relu is a no-op
    model.Input("x", {1, 2, 4, 4});
    model.Iota("w", {2, 2, 1, 1});
    model.Node("Conv", {"x", "w"}, {"c"}, "conv");
    model.Node("Relu", {"c"}, {"r"}, "relu");
    onnx::NodeProto* pool = model.Node("MaxPool", {"r"}, {"p"}, "pool");
    OnnxBuilder::Set(pool, "kernel_shape", std::vector<int64_t>{2, 2});
    model.Node("Relu", {"p"}, {"r2"}, "relu2");
    model.Output("r2");
    const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
    ASSERT_EQ(graph.nodes.size(), 2u);
    EXPECT_EQ(graph.outputs.at(0), NodeNamed(graph, "pool").output);
  }
  {
    OnnxBuilder model;  // a Relu after a pool of a possibly negative tensor has nowhere to go
    model.Input("x", {1, 2, 4, 4});
    onnx::NodeProto* pool = model.Node("MaxPool", {"x"}, {"p"}, "pool");
    OnnxBuilder::Set(pool, "kernel_shape", std::vector<int64_t>{2, 2});
    model.Node("Relu", {"p"}, {"r"}, "relu");
    model.Output("r");
    const std::string path = model.Save(TestDir());
    EXPECT_EQ(ImportError(path), path +
                                     ": node relu (Relu): cannot be fused into pool, a MaxPool "
                                     "(only Conv, Gemm, MatMul and Add take an activation)");
  }
  {
    OnnxBuilder model;  // the conv output is read by the Relu and by the graph output
    model.Input("x", {1, 2, 4, 4});
    model.Iota("w", {2, 2, 1, 1});
    model.Node("Conv", {"x", "w"}, {"c"}, "conv");
    model.Node("Relu", {"c"}, {"r"}, "relu");
    model.Output("r");
    model.Output("c");
    const std::string path = model.Save(TestDir());
    EXPECT_EQ(
        ImportError(path),
        path + ": node relu (Relu): cannot be fused into conv: its output has other consumers");
  }
}

// BatchNormalization folded into a 1x1 conv: w' = w * s, b' = (b - mean) * s + beta with
// s = gamma / sqrt(var + eps).
TEST(OnnxImporter, BatchNormalizationFoldsIntoConv) {
  OnnxBuilder model;
  model.Input("x", {1, 1, 2, 2});
  model.Floats("w", {2, 1, 1, 1}, {2, 3});
  model.Floats("b", {2}, {1, -1});
  model.Floats("gamma", {2}, {2, 0.5f});
  model.Floats("beta", {2}, {0.1f, 0.2f});
  model.Floats("mean", {2}, {1, 2});
  model.Floats("var", {2}, {3, 0.25f});
  model.Node("Conv", {"x", "w", "b"}, {"c"}, "conv");
  onnx::NodeProto* bn =
      model.Node("BatchNormalization", {"c", "gamma", "beta", "mean", "var"}, {"n"}, "bn");
  OnnxBuilder::SetFloat(bn, "epsilon", 1.0f);
  model.Node("Relu", {"n"}, {"r"}, "relu");
  model.Output("r");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 1u);
  const ir::Node& conv = graph.nodes[0];
  EXPECT_EQ(conv.activation, ir::Activation::kRelu);
  const float s0 = 2.0f / std::sqrt(3.0f + 1.0f);
  const float s1 = 0.5f / std::sqrt(0.25f + 1.0f);
  ASSERT_TRUE(conv.weights.has_value());
  EXPECT_FLOAT_EQ(conv.weights->values[0], 2 * s0);
  EXPECT_FLOAT_EQ(conv.weights->values[1], 3 * s1);
  EXPECT_FLOAT_EQ(conv.weights->bias[0], (1 - 1) * s0 + 0.1f);
  EXPECT_FLOAT_EQ(conv.weights->bias[1], (-1 - 2) * s1 + 0.2f);
  // Same function: for any input x, bn(conv(x)) = conv'(x).
  for (const float x : {-2.0f, 0.5f, 3.0f}) {
    const float reference = (3 * x - 1 - 2) * s1 + 0.2f;
    EXPECT_NEAR(conv.weights->values[1] * x + conv.weights->bias[1], reference, 1e-5);
  }
}

TEST(OnnxImporter, BatchNormalizationWithoutConvIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 2, 2});
  for (const char* name : {"gamma", "beta", "mean", "var"}) model.Floats(name, {2}, {1, 1});
  model.Node("BatchNormalization", {"x", "gamma", "beta", "mean", "var"}, {"n"}, "bn");
  model.Output("n");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node bn (BatchNormalization): must follow a Conv, Gemm "
                                   "or MatMul, whose weights and bias absorb it");
}

// A constant zero Pad folds into the next Conv's pads and into an AveragePool (which then counts
// the pads, as averaging over explicit zeros does).
TEST(OnnxImporter, PadFoldsIntoConvAndPool) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 8, 8});
  model.Iota("w", {2, 2, 3, 3});
  model.Ints("pads", {0, 0, 1, 2, 0, 0, 3, 4});
  model.Ints("pool_pads", {0, 0, 1, 1, 0, 0, 1, 1});
  model.Node("Pad", {"x", "pads"}, {"p"}, "pad");
  onnx::NodeProto* conv = model.Node("Conv", {"p", "w"}, {"c"}, "conv");
  OnnxBuilder::Set(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  model.Node("Pad", {"c", "pool_pads"}, {"q"}, "pad2");
  onnx::NodeProto* pool = model.Node("AveragePool", {"q"}, {"a"}, "pool");
  OnnxBuilder::Set(pool, "kernel_shape", std::vector<int64_t>{3, 3});
  model.Output("a");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(Pads(NodeNamed(graph, "conv").conv.window), (std::vector<int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(OutShape(graph, "conv"), "1x12x14x2");  // 8 + 2 + 4 - 2, 8 + 3 + 5 - 2
  const ir::Node& average = NodeNamed(graph, "pool");
  EXPECT_EQ(Pads(average.pool.window), (std::vector<int64_t>{1, 1, 1, 1}));
  EXPECT_TRUE(average.pool.count_include_pad);
  EXPECT_EQ(OutShape(graph, "pool"), "1x12x14x2");
}

TEST(OnnxImporter, NonConstantPadIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 8, 8});
  model.Input("pads", {8}, onnx::TensorProto::INT64);
  model.Iota("w", {2, 2, 3, 3});
  model.Node("Pad", {"x", "pads"}, {"p"}, "pad");
  model.Node("Conv", {"p", "w"}, {"c"}, "conv");
  model.Output("c");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node pad (Pad): pads must be a constant (an initializer "
                                   "or Constant node)");
}

TEST(OnnxImporter, ReflectPadIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 8, 8});
  model.Ints("pads", {0, 0, 1, 1, 0, 0, 1, 1});
  model.Iota("w", {2, 2, 3, 3});
  onnx::NodeProto* pad = model.Node("Pad", {"x", "pads"}, {"p"}, "pad");
  OnnxBuilder::Set(pad, "mode", std::string("reflect"));
  model.Node("Conv", {"p", "w"}, {"c"}, "conv");
  model.Output("c");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node pad (Pad): mode reflect is not supported (only a "
                                   "constant zero Pad, folded into the next Conv or pool)");
}

// Flatten of a 2x1x2 (C x H x W) tensor then Gemm: ONNX flattens in CHW order, we in HWC order,
// so the importer permutes the Gemm's K axis; the dot products must agree.
TEST(OnnxImporter, GemmAfterFlattenPermutesK) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 1, 2});
  model.Floats("fc_w", {2, 4}, {10, 20, 30, 40, 1, 2, 3, 4});  // transB: [N, K]
  model.Floats("fc_b", {2}, {0.5f, -0.5f});
  model.Node("Flatten", {"x"}, {"f"}, "flatten");
  onnx::NodeProto* gemm = model.Node("Gemm", {"f", "fc_w", "fc_b"}, {"y"}, "fc");
  OnnxBuilder::Set(gemm, "transB", int64_t{1});
  OnnxBuilder::SetFloat(gemm, "alpha", 2.0f);
  OnnxBuilder::SetFloat(gemm, "beta", 3.0f);
  model.Output("y", 2);
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(NodeNamed(graph, "flatten").op, ir::OpKind::kFlatten);
  EXPECT_EQ(OutShape(graph, "flatten"), "1x1x1x4");
  const ir::Node& fc = NodeNamed(graph, "fc");
  EXPECT_EQ(fc.op, ir::OpKind::kGemm);
  EXPECT_EQ(fc.conv.out_channels, 2);
  EXPECT_EQ(OutShape(graph, "fc"), "1x1x1x2");
  // ONNX K order (c, w): (0,0) (0,1) (1,0) (1,1); ours (w, c): (0,0) (0,1) (1,0) (1,1).
  EXPECT_EQ(fc.weights->values, (std::vector<float>{20, 60, 40, 80, 2, 6, 4, 8}));
  EXPECT_EQ(fc.weights->bias, (std::vector<float>{1.5f, -1.5f}));
  // The same input in both layouts gives the same outputs.
  const float nchw[2][2] = {{1, 2}, {3, 4}};  // [c][w]
  const float onnx_w[2][4] = {{10, 20, 30, 40}, {1, 2, 3, 4}};
  for (int o = 0; o < 2; ++o) {
    float reference = 3.0f * (o == 0 ? 0.5f : -0.5f);
    float ours = fc.weights->bias[o];
    for (int c = 0; c < 2; ++c) {
      for (int w = 0; w < 2; ++w) {
        reference += 2.0f * onnx_w[o][c * 2 + w] * nchw[c][w];
        ours += fc.weights->values[o * 4 + w * 2 + c] * nchw[c][w];  // BHWC index w*C + c
      }
    }
    EXPECT_FLOAT_EQ(ours, reference);
  }
}

// Reshape to [N, -1] (or [0, -1]) after a pool is a Flatten; no permutation over a 1x1 spatial.
TEST(OnnxImporter, ReshapeToFlattenAndGemmWithoutTranspose) {
  OnnxBuilder model;
  model.Input("x", {1, 3, 4, 4});
  model.Ints("shape", {0, -1});
  model.Floats("fc_w", {3, 2}, {1, 2, 3, 4, 5, 6});  // [K, N]
  model.Node("GlobalAveragePool", {"x"}, {"g"}, "gap");
  model.Node("Reshape", {"g", "shape"}, {"f"}, "reshape");
  model.Node("Gemm", {"f", "fc_w"}, {"y"}, "fc");
  model.Output("y", 2);
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  EXPECT_EQ(NodeNamed(graph, "reshape").op, ir::OpKind::kFlatten);
  const ir::Node& fc = NodeNamed(graph, "fc");
  EXPECT_FALSE(fc.conv.has_bias);
  EXPECT_EQ(fc.weights->values, (std::vector<float>{1, 3, 5, 2, 4, 6}));  // transposed to [N, K]
  EXPECT_EQ(OutShape(graph, "fc"), "1x1x1x2");
}

TEST(OnnxImporter, UnsupportedReshapeIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 2, 2});
  model.Ints("shape", {1, 2, 4});
  model.Node("Reshape", {"x", "shape"}, {"y"}, "reshape");
  model.Output("y", 3);
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node reshape (Reshape): reshaping [1, 2, 2, 2] to "
                                   "[1, 2, 4] is not supported (only flattening to [N, -1])");
}

// MatMul with a constant right operand is a Gemm; an Add of a per-channel constant is its bias.
TEST(OnnxImporter, MatMulWithBiasAdd) {
  OnnxBuilder model;
  model.Input("x", {1, 3});
  model.Floats("w", {3, 2}, {1, 2, 3, 4, 5, 6});
  model.Floats("b", {2}, {7, 8});
  model.Node("MatMul", {"x", "w"}, {"m"}, "matmul");
  model.Node("Add", {"m", "b"}, {"y"}, "bias");
  model.Node("Relu", {"y"}, {"r"}, "relu");
  model.Output("r", 2);
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  EXPECT_EQ(ir::ToString(graph.tensor(graph.inputs[0]).shape), "1x1x1x3");
  ASSERT_EQ(graph.nodes.size(), 1u);
  const ir::Node& gemm = graph.nodes[0];
  EXPECT_EQ(gemm.op, ir::OpKind::kGemm);
  EXPECT_EQ(gemm.activation, ir::Activation::kRelu);
  EXPECT_TRUE(gemm.conv.has_bias);
  EXPECT_EQ(gemm.weights->values, (std::vector<float>{1, 3, 5, 2, 4, 6}));
  EXPECT_EQ(gemm.weights->bias, (std::vector<float>{7, 8}));
  EXPECT_EQ(ir::Macs(graph, gemm), 6);
}

TEST(OnnxImporter, MatMulWithActivationOperandIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 3});
  model.Input("y", {3, 2});
  model.Node("Identity", {"y"}, {"y2"}, "identity");  // makes y an activation input
  model.Node("MatMul", {"x", "y2"}, {"m"}, "matmul");
  model.Output("m", 2);
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node matmul (MatMul): the right operand B must be a "
                                   "constant (an initializer or Constant node)");
}

// Identity and Dropout are views; Identity of an initializer (as PyTorch shares weights) too.
TEST(OnnxImporter, IdentityDropoutAndSharedWeights) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.Node("Identity", {"w"}, {"w2"}, "share");
  model.Node("Identity", {"x"}, {"x2"}, "identity");
  model.Node("Conv", {"x2", "w"}, {"c1"}, "conv1");
  model.Node("Dropout", {"c1"}, {"d"}, "dropout");
  model.Node("Conv", {"d", "w2"}, {"c2"}, "conv2");
  model.Output("c2");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(NodeNamed(graph, "conv2").inputs.at(0), NodeNamed(graph, "conv1").output);
  EXPECT_EQ(NodeNamed(graph, "conv2").weights->values, NodeNamed(graph, "conv1").weights->values);
}

// A model exported without parameters: weights are graph inputs without data.
TEST(OnnxImporter, WeightlessModelImportsShapes) {
  OnnxBuilder model;
  model.Input("x", {1, 3, 8, 8});
  model.Input("w", {16, 3, 3, 3});
  model.Input("b", {16});
  model.Node("Conv", {"x", "w", "b"}, {"c"}, "conv");
  model.Output("c");
  frontend::OnnxModelInfo info;
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0, &info);
  EXPECT_FALSE(info.has_weights);
  EXPECT_EQ(info.opset, 13);
  EXPECT_EQ(info.producer, "onnx_importer_test");
  ASSERT_EQ(graph.inputs.size(), 1u);
  ASSERT_EQ(graph.nodes.size(), 1u);
  EXPECT_FALSE(graph.nodes[0].weights.has_value());
  EXPECT_TRUE(graph.nodes[0].conv.has_bias);
  EXPECT_EQ(OutShape(graph, "conv"), "1x6x6x16");
}

TEST(OnnxImporter, ExternalDataIsLoadedRelativeToTheModel) {
  const std::string dir = TestDir();
  fs::create_directories(fs::path(dir) / "data");
  {
    std::ofstream out(fs::path(dir) / "data" / "weights.bin", std::ios::binary);
    const float junk[2] = {99, 99};
    const float weights[4] = {1.5f, -2.0f, 3.25f, 4.0f};
    out.write(reinterpret_cast<const char*>(junk), sizeof(junk));
    out.write(reinterpret_cast<const char*>(weights), sizeof(weights));
  }
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  onnx::TensorProto* w = model.Floats("w", {2, 2, 1, 1}, {});
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"location", "data/weights.bin"}, {"offset", "8"}, {"length", "16"}}) {
    onnx::StringStringEntryProto* entry = w->add_external_data();
    entry->set_key(key);
    entry->set_value(value);
  }
  model.Node("Conv", {"x", "w"}, {"c"}, "conv");
  model.Output("c");
  const std::string path = model.Save(dir);
  const ir::Graph graph = ImportOnnx(path, 0);
  EXPECT_EQ(graph.nodes.at(0).weights->values, (std::vector<float>{1.5f, -2.0f, 3.25f, 4.0f}));

  fs::remove(fs::path(dir) / "data" / "weights.bin");
  EXPECT_EQ(ImportError(path), path + ": initializer w: cannot open external data file " +
                                   (fs::path(dir) / "data" / "weights.bin").string());
}

TEST(OnnxImporter, BatchOverrideAndSymbolicBatch) {
  const std::string dir = TestDir();
  ir::Graph graph = ImportOnnx(ConvRelu().Save(dir), 4);
  EXPECT_EQ(ir::ToString(graph.tensor(graph.inputs[0]).shape), "4x8x8x3");
  EXPECT_EQ(OutShape(graph, "conv"), "4x4x4x4");

  OnnxBuilder model;
  model.Input("x", {-1, 2, 4, 4});  // batch "N"
  model.Ints("shape", {1, -1});     // a literal batch 1, as exported at batch 1
  model.Node("Reshape", {"x", "shape"}, {"f"}, "flatten");
  model.Output("f", 2);
  const std::string path = model.Save(dir, "symbolic.onnx");
  EXPECT_EQ(OutShape(ImportOnnx(path, 0), "flatten"), "1x1x1x32");
  EXPECT_EQ(OutShape(ImportOnnx(path, 3), "flatten"), "3x1x1x32");
}

// PyTorch scope names become module paths; clashes get a suffix.
TEST(OnnxImporter, NamesFromPyTorchScopes) {
  OnnxBuilder model;
  model.Input("input.1", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.Node("Conv", {"input.1", "w"}, {"c1"}, "/layer1/layer1.0/conv1/Conv");
  model.Node("Conv", {"c1", "w"}, {"c2"}, "/features/features.1/conv/conv.0/conv.0.0/Conv");
  model.Node("Add", {"c1", "c2"}, {"a"}, "/layer1/layer1.0/Add");
  model.Node("Conv", {"a", "w"}, {"c3"}, "/layer1/layer1.0/conv1/Conv");
  model.Node("Conv", {"c3", "w"}, {"onnx::Conv_7"}, "");
  model.Output("onnx::Conv_7");
  const ir::Graph graph = ImportOnnx(model.Save(TestDir()), 0);
  std::vector<std::string> names;
  for (const ir::Node& node : graph.nodes) names.push_back(node.name);
  EXPECT_EQ(names, (std::vector<std::string>{"layer1.0.conv1", "features.1.conv.0.0",
                                             "layer1.0.Add", "layer1.0.conv1_2", "onnx__Conv_7"}));
  EXPECT_EQ(graph.tensor(graph.inputs[0]).name, "input.1");
}

// ---- Errors -------------------------------------------------------------------------------------

TEST(OnnxImporter, CorruptFileIsAnError) {
  const std::string dir = TestDir();
  const std::string path = (fs::path(dir) / "corrupt.onnx").string();
  std::ofstream(path, std::ios::binary) << "this is not an ONNX model";
  EXPECT_EQ(ImportError(path), path + ": cannot parse ONNX model (not a protobuf ModelProto)");

  const std::string truncated = (fs::path(dir) / "truncated.onnx").string();
  std::string bytes;
  ConvRelu().model().SerializeToString(&bytes);
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_EQ(ImportError(truncated),
            truncated + ": cannot parse ONNX model (not a protobuf ModelProto)");

  const std::string empty = (fs::path(dir) / "empty.onnx").string();
  std::ofstream(empty, std::ios::binary).close();
  EXPECT_EQ(ImportError(empty), empty + ": cannot parse ONNX model (empty file)");

  const std::string other = (fs::path(dir) / "other.onnx").string();
  std::ofstream(other, std::ios::binary) << std::string("\x08\x07", 2);  // ir_version only
  EXPECT_EQ(ImportError(other),
            other + ": cannot parse ONNX model (no IR version or graph: not an ONNX file)");

  EXPECT_EQ(ImportError(dir + "/missing.onnx"), dir + "/missing.onnx: cannot open file");
}

TEST(OnnxImporter, CheckerFailureIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.Node("Conv", {"nowhere", "w"}, {"c"}, "conv");
  model.Output("c");
  const std::string path = model.Save(TestDir());
  const std::string error = ImportError(path);
  EXPECT_EQ(error.rfind(path + ": invalid ONNX model: ", 0), 0u) << error;
  EXPECT_NE(error.find("nowhere"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

TEST(OnnxImporter, UnsupportedOpIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  model.Iota("w", {2, 2, 1, 1});
  model.Node("Conv", {"x", "w"}, {"c"}, "conv");
  model.Node("Sigmoid", {"c"}, {"s"}, "gate");
  model.Output("s");
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path + ": node gate: unsupported op Sigmoid");
}

TEST(OnnxImporter, UnsupportedAttributeIsAnError) {
  OnnxBuilder model;
  model.Input("x", {1, 2, 4, 4});
  onnx::NodeProto* flatten = model.Node("Flatten", {"x"}, {"f"}, "flatten");
  OnnxBuilder::Set(flatten, "axis", int64_t{2});
  model.Output("f", 2);
  const std::string path = model.Save(TestDir());
  EXPECT_EQ(ImportError(path), path +
                                   ": node flatten (Flatten): axis 2 is not supported (only "
                                   "keeping the batch, axis 1)");
}

// ---- YAML round trip ----------------------------------------------------------------------------

void ExpectSameGraph(const ir::Graph& a, const ir::Graph& b) {
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.tensors.size(), b.tensors.size());
  for (size_t i = 0; i < a.tensors.size(); ++i) {
    EXPECT_EQ(a.tensors[i].name, b.tensors[i].name);
    EXPECT_EQ(ir::ToString(a.tensors[i].shape), ir::ToString(b.tensors[i].shape));
  }
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.outputs, b.outputs);
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const ir::Node& x = a.nodes[i];
    const ir::Node& y = b.nodes[i];
    SCOPED_TRACE(x.name);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.op, y.op);
    EXPECT_EQ(x.inputs, y.inputs);
    EXPECT_EQ(x.output, y.output);
    EXPECT_EQ(x.activation, y.activation);
    if (ir::HasWeights(x.op)) {
      EXPECT_EQ(x.conv.out_channels, y.conv.out_channels);
      EXPECT_EQ(x.conv.groups, y.conv.groups);
      EXPECT_EQ(x.conv.has_bias, y.conv.has_bias);
      EXPECT_EQ(Pads(x.conv.window), Pads(y.conv.window));
      EXPECT_EQ(x.conv.window.kernel_h, y.conv.window.kernel_h);
      EXPECT_EQ(x.conv.window.kernel_w, y.conv.window.kernel_w);
      EXPECT_EQ(x.conv.window.stride_h, y.conv.window.stride_h);
      EXPECT_EQ(x.conv.window.stride_w, y.conv.window.stride_w);
      EXPECT_EQ(x.conv.window.dilation_h, y.conv.window.dilation_h);
      EXPECT_EQ(x.conv.window.dilation_w, y.conv.window.dilation_w);
    }
    if (x.op == ir::OpKind::kMaxPool || x.op == ir::OpKind::kAveragePool) {
      EXPECT_EQ(Pads(x.pool.window), Pads(y.pool.window));
      EXPECT_EQ(x.pool.window.kernel_h, y.pool.window.kernel_h);
      EXPECT_EQ(x.pool.window.kernel_w, y.pool.window.kernel_w);
      EXPECT_EQ(x.pool.window.stride_h, y.pool.window.stride_h);
      EXPECT_EQ(x.pool.window.stride_w, y.pool.window.stride_w);
      EXPECT_EQ(x.pool.window.dilation_h, y.pool.window.dilation_h);
      EXPECT_EQ(x.pool.ceil_mode, y.pool.ceil_mode);
      EXPECT_EQ(x.pool.count_include_pad, y.pool.count_include_pad);
    }
  }
}

// A small network using every op the format has, with every attribute away from its default.
OnnxBuilder EveryOp() {
  OnnxBuilder model;
  model.Input("image", {1, 4, 16, 16});
  model.Iota("w1", {8, 4, 3, 3});
  model.Floats("b1", {8}, {0, 1, 2, 3, 4, 5, 6, 7});
  model.Iota("dw", {8, 1, 3, 3});
  model.Iota("w3", {8, 8, 1, 1});
  model.Iota("fc", {10, 8 * 8 * 8});
  model.Ints("pads", {0, 0, 1, 1, 0, 0, 1, 1});
  model.ScalarConstant("zero", 0.0f);
  model.ScalarConstant("six", 6.0f);
  onnx::NodeProto* conv1 = model.Node("Conv", {"image", "w1", "b1"}, {"c1"}, "/stem/conv/Conv");
  OnnxBuilder::Set(conv1, "pads", std::vector<int64_t>{1, 1, 1, 1});
  model.Node("Relu", {"c1"}, {"r1"}, "/stem/Relu");
  onnx::NodeProto* dw = model.Node("Conv", {"r1", "dw"}, {"c2"}, "depthwise");
  OnnxBuilder::Set(dw, "group", int64_t{8});
  OnnxBuilder::Set(dw, "strides", std::vector<int64_t>{2, 2});
  OnnxBuilder::Set(dw, "dilations", std::vector<int64_t>{2, 1});
  OnnxBuilder::Set(dw, "auto_pad", std::string("SAME_UPPER"));
  model.Node("Clip", {"c2", "zero", "six"}, {"r2"}, "relu6");
  onnx::NodeProto* max = model.Node("MaxPool", {"r1"}, {"m"}, "max");
  OnnxBuilder::Set(max, "kernel_shape", std::vector<int64_t>{3, 3});
  OnnxBuilder::Set(max, "strides", std::vector<int64_t>{2, 2});
  OnnxBuilder::Set(max, "pads", std::vector<int64_t>{0, 0, 1, 1});
  OnnxBuilder::Set(max, "ceil_mode", int64_t{1});
  model.Node("Conv", {"m", "w3"}, {"c3"}, "pointwise");
  model.Node("Add", {"c3", "r2"}, {"s"}, "add");
  model.Node("Relu", {"s"}, {"sr"}, "add_relu");
  model.Node("Pad", {"sr", "pads"}, {"p"}, "pad");
  onnx::NodeProto* average = model.Node("AveragePool", {"p"}, {"a"}, "average");
  OnnxBuilder::Set(average, "kernel_shape", std::vector<int64_t>{3, 3});
  onnx::NodeProto* concat = model.Node("Concat", {"a", "sr"}, {"cat"}, "concat");
  OnnxBuilder::Set(concat, "axis", int64_t{1});
  model.Node("GlobalAveragePool", {"cat"}, {"g"}, "global");
  model.Node("Flatten", {"sr"}, {"f"}, "flatten");
  onnx::NodeProto* gemm = model.Node("Gemm", {"f", "fc"}, {"y"}, "classifier");
  OnnxBuilder::Set(gemm, "transB", int64_t{1});
  model.Output("y", 2);
  model.Output("g");
  return model;
}

TEST(WorkloadWriter, RoundTripOfAnImportedGraph) {
  const ir::Graph graph = ImportOnnx(EveryOp().Save(TestDir()), 0);
  ASSERT_EQ(graph.nodes.size(), 10u);
  EXPECT_EQ(NodeNamed(graph, "depthwise").activation, ir::Activation::kRelu6);
  EXPECT_EQ(OutShape(graph, "depthwise"), "1x8x8x8");
  EXPECT_EQ(OutShape(graph, "max"), "1x8x8x8");
  EXPECT_EQ(OutShape(graph, "classifier"), "1x1x1x10");
  const std::string text = WriteWorkloadYaml(graph, "made by a test\n\nsecond line");
  EXPECT_EQ(text.rfind("# made by a test\n#\n# second line\nversion: 1\n", 0), 0u) << text;
  ExpectSameGraph(ParseWorkloadYaml(text, "roundtrip.yaml", 0), graph);
  // Long comment lines wrap at 100 columns.
  const std::string long_line(60, 'a');
  const std::string wrapped = "# " + long_line + "\n#   " + long_line + "\nversion: 1\n";
  EXPECT_EQ(WriteWorkloadYaml(graph, long_line + " " + long_line).substr(0, wrapped.size()),
            wrapped);
  // Writing the re-read graph gives the same text.
  EXPECT_EQ(WriteWorkloadYaml(ParseWorkloadYaml(text, "roundtrip.yaml", 0),
                              "made by a test\n\n"
                              "second line"),
            text);
}

TEST(WorkloadWriter, RoundTripOfShippedAndOddlyNamedGraphs) {
  const ir::Graph tiny = LoadWorkload("tiny", 0);
  ExpectSameGraph(ParseWorkloadYaml(WriteWorkloadYaml(tiny), "tiny.yaml", 0), tiny);

  ir::Graph graph = tiny;
  graph.name = "a name: with [yaml] chars";
  graph.tensors[graph.inputs[0]].name = "true";
  graph.nodes[0].name = "null";
  graph.tensors[graph.nodes[0].output].name = "null";
  graph.nodes[1].name = "x\"y\\z";
  graph.tensors[graph.nodes[1].output].name = "x\"y\\z";
  graph.outputs = {graph.nodes[0].output, graph.nodes[1].output};
  ExpectSameGraph(ParseWorkloadYaml(WriteWorkloadYaml(graph), "odd.yaml", 0), graph);
}

TEST(WorkloadLoader, LoadsOnnxByExtension) {
  const std::string path = ConvRelu().Save(TestDir(), "net.onnx");
  const ir::Graph graph = LoadWorkload(path, 2);
  EXPECT_EQ(graph.name, "net");
  EXPECT_EQ(OutShape(graph, "conv"), "2x4x4x4");
}

// The shipped workloads, imported from torchvision's ONNX exports (see their headers): Conv + FC
// MACs at batch 1 within 1% of the published totals, and exactly what the import gave.
TEST(ShippedWorkloads, MacTotalsMatchTorchvision) {
  struct Case {
    const char* name;
    double published;
    int64_t imported;
  };
  const Case cases[] = {{"resnet50", 4.089e9, 4089184256},
                        {"inception_v3", 5.713e9, 5713216096},
                        {"vgg16", 15.470e9, 15470264320}};
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const ir::Graph graph = LoadWorkload(test.name, 0);
    int64_t macs = 0;
    for (const ir::Node& node : graph.nodes) macs += ir::Macs(graph, node);
    EXPECT_EQ(macs, test.imported);
    EXPECT_NEAR(static_cast<double>(macs), test.published, 0.01 * test.published);
  }
}

}  // namespace
}  // namespace aie2sim::frontend
