#include "compiler/codegen/functional_data.h"

#include <string>

#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/compaction.h"
#include "sim/base/error.h"

namespace aie2sim::codegen {
namespace {

std::string Bytes(const std::vector<int8_t>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size());
}

void SetHome(const ir::Graph& graph, int tensor, const schedule::MemtilePlan& plan,
             const DdrLayout& ddr, isa::TensorHome* home) {
  const ir::Shape& shape = graph.tensor(tensor).shape;
  home->set_tensor(graph.tensor(tensor).name);
  for (int64_t extent : {shape.n, shape.h, shape.w, shape.c}) {
    home->add_shape(static_cast<uint64_t>(extent));
  }
  const schedule::TensorPlacement& placement = plan.tensors[tensor];
  home->set_in_ddr(!placement.resident);
  if (!placement.resident) {
    home->set_address(ddr.tensor_address[tensor]);
    return;
  }
  home->set_address(placement.address);
  for (const tiling::Range& range : placement.columns) {
    isa::ColumnRange* columns = home->add_columns();
    columns->set_begin(static_cast<uint32_t>(range.begin));
    columns->set_end(static_cast<uint32_t>(range.end));
  }
}

}  // namespace

void AttachProgramData(const ir::Graph& graph, const DdrLayout& ddr,
                       const FunctionalInputs& functional, isa::FunctionalData* data) {
  AIE2SIM_CHECK(
      functional.input != nullptr && functional.network != nullptr && functional.tensors != nullptr,
      "functional compile without its inputs");
  data->set_ddr_bytes(ddr.bytes_used);
  data->set_input_source(functional.input->source);
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const int tensor = graph.inputs[i];
    isa::DdrInit* init = data->add_ddr();
    init->set_address(ddr.tensor_address[tensor]);
    init->set_data(Bytes(functional.input->tensors.at(i)));
    init->set_what("input " + graph.tensor(tensor).name);
    data->add_input_exponents(functional.input->exponents.at(i));
  }
}

void AttachLayerData(const ir::Graph& graph, const ir::Node& node, int node_index,
                     const tiling::WindowTiling* tiling, const schedule::MemtilePlan& plan,
                     const DdrLayout& ddr, const FunctionalInputs& functional, isa::Layer* layer) {
  const reference::QuantizedNetwork& network = *functional.network;
  isa::LayerData* data = layer->mutable_data();
  for (int input : node.inputs) data->add_input_exponents(network.tensor_exponent.at(input));
  data->set_output_exponent(network.tensor_exponent.at(node.output));
  const reference::NodeQuant& quant = network.nodes.at(static_cast<size_t>(node_index));
  data->set_activation_max(quant.activation_max);
  const ir::Shape& in = graph.InputShape(node);
  const ir::Shape& out = graph.OutputShape(node);
  data->set_in_channels(static_cast<uint32_t>(in.c));
  data->set_out_channels(static_cast<uint32_t>(out.c));
  data->set_groups(1);
  if (ir::HasWeights(node.op)) {
    data->set_weight_exponent(quant.weight_exponent);
    for (int32_t bias : quant.bias) data->add_bias(bias);
    data->set_groups(static_cast<uint32_t>(node.conv.groups));
    if (!node.mask.dense()) {
      data->set_block_h(static_cast<uint32_t>(node.mask.block_h));
      data->set_block_w(static_cast<uint32_t>(node.mask.block_w));
    }
  }
  if (tiling != nullptr) {
    data->set_in_channels(static_cast<uint32_t>(tiling->in.c));
    data->set_out_channels(static_cast<uint32_t>(tiling->out.c));
    data->set_in_height(static_cast<uint32_t>(tiling->in.h));
    data->set_in_width(static_cast<uint32_t>(tiling->in.w));
    const ir::Window& window = tiling->window;
    data->set_kernel_h(static_cast<uint32_t>(window.kernel_h));
    data->set_kernel_w(static_cast<uint32_t>(window.kernel_w));
    data->set_pad_top(static_cast<uint32_t>(window.pad_top));
    data->set_pad_left(static_cast<uint32_t>(window.pad_left));
    data->set_pad_bottom(static_cast<uint32_t>(window.pad_bottom));
    data->set_pad_right(static_cast<uint32_t>(window.pad_right));
  }
  data->set_count_include_pad(node.op == ir::OpKind::kAveragePool && node.pool.count_include_pad);
  SetHome(graph, node.output, plan, ddr, data->mutable_output());
  data->set_expected(Bytes(functional.tensors->at(static_cast<size_t>(node.output))));
}

std::vector<int8_t> WeightPieceBytes(const ir::Graph& graph, const ir::Node& node,
                                     const tiling::WindowTiling& tiling,
                                     const tiling::WeightPiece& piece,
                                     const std::vector<int8_t>& dense) {
  const sparsity::WeightShape shape = sparsity::WeightShapeOf(graph, node);
  std::vector<int8_t> bytes;
  for (size_t q = 0; q < tiling.cin_pieces.size(); ++q) {
    // Split input channels (groups == 1) take their piece; otherwise all of a group's.
    const tiling::Range cin =
        tiling.cin_split() ? tiling.cin_pieces[q] : tiling::Range{0, shape.in_per_group};
    const std::vector<int8_t> part = sparsity::EncodeWeightPiece(
        shape, node.mask, dense, piece.couts.begin, piece.couts.end, cin.begin, cin.end);
    AIE2SIM_CHECK(static_cast<int64_t>(part.size()) == piece.cin_bytes.at(q),
                  "layer " + node.name + ": weight piece of " + std::to_string(part.size()) +
                      " bytes where the tiler planned " + std::to_string(piece.cin_bytes.at(q)));
    bytes.insert(bytes.end(), part.begin(), part.end());
  }
  return bytes;
}

}  // namespace aie2sim::codegen
