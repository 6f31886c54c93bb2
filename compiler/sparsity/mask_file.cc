#include "compiler/sparsity/mask_file.h"

#include <optional>

#include "compiler/frontend/yaml_reader.h"
#include "compiler/sparsity/block_grid.h"
#include "compiler/sparsity/layer_file.h"

namespace aie2sim::sparsity {

namespace {

// "2 groups x 3 x 4 blocks of 8x8" or "3 x 4 blocks of 8x8".
std::string GridText(const BlockGrid& grid) {
  std::string text;
  if (grid.groups() > 1) text = std::to_string(grid.groups()) + " groups x ";
  return text + std::to_string(grid.rows()) + " x " + std::to_string(grid.cols()) + " blocks of " +
         BlockSizeName(grid.block_h(), grid.block_w());
}

ir::BlockMask ParseLayerMask(const frontend::YamlReader& reader, const YAML::Node& rows,
                             const std::string& key, const BlockGrid& grid) {
  if (!rows.IsSequence()) {
    reader.Fail(rows, key, "expected a list of block rows (strings of 0 and 1)");
  }
  const int64_t want_rows = grid.groups() * grid.rows();
  if (static_cast<int64_t>(rows.size()) != want_rows) {
    reader.Fail(rows, key,
                "expected " + std::to_string(want_rows) + " block rows, got " +
                    std::to_string(rows.size()) + " (the grid is " + GridText(grid) + ")");
  }
  std::vector<uint8_t> kept;
  kept.reserve(grid.blocks());
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string row_key = key + "[" + std::to_string(i) + "]";
    const std::string text = reader.String(rows[i], row_key);
    if (static_cast<int64_t>(text.size()) != grid.cols()) {
      reader.Fail(rows[i], row_key,
                  "expected " + std::to_string(grid.cols()) + " block columns, got " +
                      std::to_string(text.size()) + " (the grid is " + GridText(grid) + ")");
    }
    for (char c : text) {
      if (c != '0' && c != '1') {
        reader.Fail(rows[i], row_key, "expected only 0 and 1, got \"" + text + "\"");
      }
      kept.push_back(c == '1' ? 1 : 0);
    }
  }
  return grid.MakeMask(std::move(kept));
}

}  // namespace

MaskFile ParseMaskFile(const std::string& text, const std::string& file, const ir::Graph& graph) {
  const frontend::YamlReader reader(file);
  const YAML::Node root = reader.Parse(text);
  reader.CheckKeys(root, "", {"version", "block", "layers"});
  reader.Int(reader.Required(root, "", "version"), "version", 1, 1);
  MaskFile result;
  const YAML::Node block = reader.Required(root, "", "block");
  const std::optional<BlockSize> size = TryParseBlockSize(reader.String(block, "block"));
  if (!size) {
    reader.Fail(block, "block",
                "expected BHxBW (output x input channels per block, e.g. 8x8), got \"" +
                    block.Scalar() + "\"");
  }
  result.block = *size;
  const YAML::Node layers = reader.Required(root, "", "layers");
  CheckLayerKeys(reader, layers, graph);
  for (const auto& entry : layers) {
    const std::string name = entry.first.Scalar();
    const std::string key = "layers." + name;
    const ir::Node& node = NodeNamed(graph, name);
    const WeightShape shape = WeightShapeOf(graph, node);
    if (IsDepthwise(shape)) {
      reader.Fail(entry.first, key, "depthwise convolutions stay dense and take no mask");
    }
    const BlockGrid grid(shape, size->h, size->w);
    result.masks[name] = ParseLayerMask(reader, entry.second, key, grid);
  }
  return result;
}

MaskFile LoadMaskFile(const std::string& path, const ir::Graph& graph) {
  return ParseMaskFile(ReadTextFile(path), path, graph);
}

}  // namespace aie2sim::sparsity
