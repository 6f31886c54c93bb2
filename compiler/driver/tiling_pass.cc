#include "compiler/driver/tiling_pass.h"

#include <sstream>

#include "sim/base/error.h"

namespace aie2sim::driver {

tiling::TilingCandidates RunTiling(const ir::Graph& graph, const arch::HardwareConfig& config,
                                   const schedule::Schedule& schedule) {
  if (schedule.order.size() != graph.nodes.size()) {
    throw InternalError("tiling: the schedule orders " + std::to_string(schedule.order.size()) +
                        " of " + std::to_string(graph.nodes.size()) + " nodes");
  }
  for (const ir::Node& node : graph.nodes) {
    if (!tiling::IsWindowLayer(node.op) && node.op != ir::OpKind::kConcat &&
        node.op != ir::OpKind::kFlatten) {
      throw UserError("layer " + node.name + ": op " + ir::OpName(node.op) +
                      " is not supported by the compiler");
    }
  }
  return tiling::TilingCandidates(graph, config, schedule.order);
}

std::string TilingSummary(const tiling::WindowTiling& t) {
  std::ostringstream out;
  out << "width parts " << t.width_parts << ", cout groups " << t.cout_groups << ", slices "
      << t.slices.size() << ", pieces " << t.piece_count << " of " << t.cout_piece
      << " channels, cin pieces " << t.cin_pieces.size() << ", sub-slices of " << t.sub_cols
      << " columns, blocks of " << t.block_rows << " rows, passes " << t.passes.size()
      << ", weights "
      << (!t.weighted          ? "none"
          : t.weights_resident ? "resident"
                               : "streamed")
      << ", memtile " << t.memtile_bytes << " B";
  return out.str();
}

std::string DumpTiling(const ir::Graph& graph, const schedule::Schedule& schedule,
                       const tiling::TilingCandidates& candidates) {
  std::ostringstream out;
  out << "candidates with the whole memtile\n";
  for (int index : schedule.order) {
    const ir::Node& node = graph.nodes[index];
    out << node.name << " " << ir::OpName(node.op) << ": ";
    if (candidates.Alone(index)) {
      out << TilingSummary(*candidates.Alone(index)) << "\n";
    } else {
      out << "not tiled\n";
    }
  }
  return out.str();
}

}  // namespace aie2sim::driver
