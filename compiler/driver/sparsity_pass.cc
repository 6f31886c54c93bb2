#include "compiler/driver/sparsity_pass.h"

#include <sstream>

namespace aie2sim::driver {

sparsity::SparsityRecord RunSparsity(ir::Graph& graph, const sparsity::SparsityOptions& options) {
  return sparsity::ApplySparsity(graph, options);
}

std::string DumpSparsity(const sparsity::SparsityRecord& record) {
  std::ostringstream out;
  out << "sparsity: ratio " << record.ratio << ", block " << record.block << ", importance "
      << record.importance << ", seed " << record.seed << "\n";
  for (const sparsity::LayerSparsity& layer : record.layers) {
    out << layer.name << " " << layer.op << ": ";
    if (layer.dense_reason.empty()) {
      out << "blocks " << layer.blocks_kept << " of " << layer.blocks_total << ", ratio "
          << layer.ratio;
    } else {
      out << "dense (" << layer.dense_reason << ")";
    }
    out << ", density " << layer.density << ", MACs " << layer.effective_macs << " of "
        << layer.macs << "\n";
  }
  return out.str();
}

}  // namespace aie2sim::driver
