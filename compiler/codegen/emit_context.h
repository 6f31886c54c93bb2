// What every layer emitter shares: the layer being written, its route ids, its groups, and the
// helpers that add both sides of a transfer. Layer emitters (window_codegen, eltwise_codegen,
// concat_codegen) build on it so that one layer's program is written one way.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/codegen/channel_plan.h"
#include "compiler/codegen/ddr_layout.h"
#include "compiler/codegen/functional_data.h"
#include "compiler/codegen/route_table.h"
#include "compiler/ir/graph.h"
#include "compiler/schedule/memtile_plan.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_builder.h"

namespace aie2sim::codegen {

struct LayerContext {
  const ir::Graph& graph;
  const ir::Node& node;
  const arch::HardwareConfig& config;
  const DdrLayout& ddr;
  const schedule::MemtilePlan& plan;      // residency of every tensor
  const schedule::LayerPlan& layer_plan;  // this layer's memtile budget
  int node_index = 0;
  // Functional mode (else null): the quantised network, and the program's DDR image, to which
  // emitters add the weight pieces they place.
  const FunctionalInputs* functional = nullptr;
  isa::FunctionalData* ddr_image = nullptr;
};

inline constexpr uint64_t kMemtileAlignment = 64;
inline uint64_t AlignUp(uint64_t value) {
  return (value + kMemtileAlignment - 1) / kMemtileAlignment * kMemtileAlignment;
}
inline uint32_t U32(int64_t value) { return static_cast<uint32_t>(value); }

// A logical [outer][middle][inner] block of bytes with its strides in one memory: inner is
// contiguous (stride 1). Splittable in two along its outermost non-trivial dimension.
struct Box {
  uint64_t address = 0;
  int64_t inner = 1, middle = 1, outer = 1;
  int64_t middle_stride = 0, outer_stride = 0;
  isa::Region ToRegion() const;
};

class LayerEmitter {
 public:
  LayerEmitter(const LayerContext& context, isa::Layer* layer)
      : context_(context),
        config_(context.config),
        channels_(context.config),
        layer_(layer),
        routes_(layer) {}

 protected:
  isa::Group* NewGroup(const std::string& name, isa::GroupKind kind, uint32_t iterations);

  // Adds the MM2S side on `source` and the S2MM side on each destination, joined by a route.
  uint32_t AddTransfer(isa::Group* group, const isa::Engine& source, const isa::Buffer& from,
                       const std::vector<std::pair<isa::Engine, isa::Buffer>>& to,
                       isa::DataKind data);
  // Appends to `engine`'s stream in `group` (the group most recently made by NewGroup, or any
  // other: streams are found through a per-group index).
  void Append(isa::Group* group, const isa::Engine& engine, isa::Instruction op);

  // The paper's WRITE: memtile -> DDR over two shim channels, each moving half of the box pair
  // (split along the outermost dimension with two or more elements).
  void AddStoreHalves(isa::Group* group, uint32_t column, const Box& memtile, const Box& ddr);

  // Sets the ping/pong lock pairs of a core (and the weight pair when `weights_too`).
  void InitCoreLocks(uint32_t row, uint32_t column, bool weights_too);

  const LayerContext& context_;
  const arch::HardwareConfig& config_;
  ChannelPlan channels_;
  isa::Layer* layer_;
  RouteTable routes_;

 private:
  const isa::Group* indexed_group_ = nullptr;
  std::unordered_map<uint64_t, isa::Stream*> stream_index_;  // of indexed_group_, by EngineKey
};

}  // namespace aie2sim::codegen
