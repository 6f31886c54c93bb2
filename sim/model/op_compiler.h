// Turns one stream of a Program into the Ops its engine executes, when the stream's group
// starts: locks resolved to LockUnits (a memtile channel's column_offset to the neighbour's, a
// LockRef's tile to that tile's), routes to the layer's StreamRoutes and the engine's slot in
// them, rings to the layer's RingInfos, computes to cycles (kernel classes priced by the config,
// sim/isa/kernel_classes.h). A Loop becomes a begin op, its body, and an end op that jumps back
// (program.proto, v2); a controller's push_task carries the target channel's compiled transfer.
//
// Contract: the input passed isa::CheckProgram; anything the validator should have rejected
// (unknown route, lock, ring or tile, a transfer on the wrong side of its route) throws
// InternalError naming the layer, group, engine and instruction index. With `mnemonics` every
// op carries its timeline label (TraceLabel); the labels live as long as the compiler. BeginLayer must be called
// before a layer's first group is compiled.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/isa/program.pb.h"
#include "sim/model/array.h"
#include "sim/model/model_context.h"
#include "sim/model/op.h"
#include "sim/model/route_table.h"

namespace aie2sim::model {

class OpCompiler {
 public:
  OpCompiler(const ModelContext& context, Array& array, const RouteTable& routes);

  // Resolves the layer's rings.
  void BeginLayer(const isa::Layer& layer);
  uint32_t ring_count() const { return static_cast<uint32_t>(rings_.size()); }

  // Replaces `ops` with the compiled `stream` of `engine`.
  void Compile(const isa::Layer& layer, const isa::Group& group, const isa::Stream& stream,
               const EngineModule& engine, bool mnemonics, std::vector<Op>* ops);

 private:
  // Where an instruction is, for error messages (built only when one is thrown).
  struct Where {
    const isa::Layer& layer;
    const isa::Group& group;
    const EngineModule& engine;
    int index;
    std::string Text() const;
  };

  void CompileList(const isa::Layer& layer, const isa::Group& group,
                   const google::protobuf::RepeatedPtrField<isa::Instruction>& instructions,
                   const EngineModule& engine, bool mnemonics, int* index, std::vector<Op>* ops);
  Op CompileInstruction(const isa::Layer& layer, const isa::Instruction& instruction,
                        const EngineModule& engine, bool mnemonics, const Where& where);
  Op CompileTransfer(const isa::Layer& layer, const isa::Transfer& transfer,
                     const EngineModule& engine, bool mnemonics, const Where& where);
  LockUnit* ResolveLock(const isa::LockRef& lock, const Where& where);
  const RingInfo* ResolveRing(uint32_t ring, const Where& where) const;
  BufferSpan SpanOf(const isa::Buffer& buffer, const Where& where) const;
  const TraceLabel* Intern(TraceLabel label);

  const ModelContext& context_;
  Array& array_;
  const RouteTable& routes_;
  double macs_per_cycle_;                  // int8 peak times the effective kernel efficiency
  double vector_ops_per_cycle_;            // vector rate times the effective kernel efficiency
  bool kernel_effects_;                    // kernel classes' efficiency and overheads apply
  std::vector<RingInfo> rings_;            // of the current layer
  std::map<uint32_t, uint32_t> ring_ids_;  // ring id -> index in rings_
  std::deque<Op> task_ops_;                // push_task transfers (stable addresses)
  std::unordered_map<std::string, TraceLabel> labels_;  // node-based: addresses are stable
};

}  // namespace aie2sim::model
