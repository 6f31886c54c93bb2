// The compiler driver: workload -> Program as one ordered list of passes, each in its own file
// with its contract (pre- and postconditions):
//   1. frontend     (frontend_pass.h)     workload file -> Graph IR
//   2. sparsity     (sparsity_pass.h)     block masks of every Conv/Gemm
//   3. schedule     (schedule_pass.h)     layer order and live ranges
//   4. tiling       (tiling_pass.h)       every window layer's candidate tilings
//   5. memory-plan  (memory_plan_pass.h)  memtile residency, and with it each layer's tiling
//                                         chosen among the candidates
//   6. codegen      (codegen_pass.h)      per-engine instruction streams (and functional data)
//   7. validate     (validate_pass.h)     the program against the config
// Tiling and the memory plan depend on each other (a layer's tiling on the memtile space the
// resident tensors leave it; residency on how the layers then tile); the driver makes the
// relation one-way: tiling proposes candidates under each residency option, the memory plan
// chooses the (residency, candidate) pair.
// After any pass, its result can be printed as readable text (`aie2sim compile --dump-after`).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "compiler/codegen/compile.h"
#include "compiler/ir/graph.h"
#include "compiler/schedule/memtile_plan.h"
#include "compiler/sparsity/sparsity.h"
#include "compiler/sparsity/sparsity_options.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::driver {

// The pass names in order: frontend, sparsity, schedule, tiling, memory-plan, codegen, validate.
const std::vector<std::string>& PassNames();

// Which passes' results to print, and where (nothing when `out` is null).
struct Dumps {
  std::set<std::string> after;
  std::ostream* out = nullptr;
};

// --dump-after's value: a pass name, several separated by commas, or "all" (UserError naming
// the option and the pass names otherwise).
Dumps ParseDumpAfter(const std::string& value, std::ostream* out);

struct WorkloadInput {
  std::string workload;  // a path (YAML or ONNX) or a shipped name
  int64_t batch = 0;     // 0: the workload's own
  sparsity::SparsityOptions sparsity;
  // Called on the graph between the frontend and sparsity, if set (e.g. `reduce` gives
  // weightless layers synthetic weights so that magnitude pruning ranks the weights it counts).
  std::function<void(ir::Graph&)> before_sparsity;
};

struct BackendOptions {
  bool keep_resident = true;  // false: every tensor through DDR (--no-residency)
  bool cost_tiling = true;    // false: the fixed tiler's layout (--tiling fixed)
  bool functional = false;    // compile with the data to run on
  // Functional input (an int8 .npy, only with `functional`); empty: random int8 from `seed`.
  std::string input_path;
  uint64_t seed = 0;
};

// Passes 1 and 2: the graph as the back end takes it; `record` receives what sparsity applied.
ir::Graph LoadSparse(const WorkloadInput& input, sparsity::SparsityRecord* record,
                     const Dumps& dumps = {});

// Every pass.
isa::Program Compile(const WorkloadInput& input, const BackendOptions& backend,
                     const arch::HardwareConfig& config, const Dumps& dumps = {});

// Passes 3 to 5 on a graph that passed 1 and 2: the memory plan, with each layer's tiling.
schedule::MemtilePlan PlanMemory(const ir::Graph& graph, const arch::HardwareConfig& config,
                                 bool keep_resident, const Dumps& dumps = {});

// Passes 3 to 7 on a graph that passed 1 and 2 (tests and tools that build graphs themselves).
isa::Program CompileGraph(const ir::Graph& graph, const arch::HardwareConfig& config,
                          const codegen::CompileOptions& options, const Dumps& dumps = {});

}  // namespace aie2sim::driver
