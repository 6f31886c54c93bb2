// Turns one stream of a Program into the Ops its engine executes, when the stream's group
// starts: locks resolved to LockUnits (a memtile channel's column_offset to the neighbour's),
// routes to the layer's StreamRoutes and the engine's slot in them, computes to cycles.
//
// Contract: the input passed isa::CheckProgram; anything the validator should have rejected
// (unknown route, lock or tile, a transfer on the wrong side of its route) throws
// InternalError naming the layer, group, engine and instruction index. With `mnemonics` every
// op carries its trace name; the names live as long as the compiler.
#pragma once

#include <string>
#include <unordered_set>
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

  LockUnit* ResolveLock(const isa::LockRef& lock, const Where& where);
  const std::string* Intern(std::string name);

  const ModelContext& context_;
  Array& array_;
  const RouteTable& routes_;
  double macs_per_cycle_;                  // int8 peak times the effective kernel efficiency
  double vector_ops_per_cycle_;            // vector rate times the effective kernel efficiency
  std::unordered_set<std::string> names_;  // node-based: element addresses are stable
};

}  // namespace aie2sim::model
