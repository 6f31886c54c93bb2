// The steps commands share, so `run` is exactly `compile` + `estimate` + `simulate`.
#pragma once

#include <functional>
#include <string>

#include <boost/program_options.hpp>

#include "compiler/driver/driver.h"
#include "compiler/ir/graph.h"
#include "compiler/sparsity/sparsity.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/report/report.h"

namespace aie2sim::cli {

// --workload, --batch and the sparsity flags, as typed on the command line.
struct WorkloadOptions {
  std::string workload;
  int64_t batch = 0;  // 0: the workload's own
  double sparsity = 0;
  std::string block = "8x8";
  std::string importance;  // empty: l2 with weights, random without
  uint64_t seed = 0;
  std::string dense_layers = "first";
  std::string sparsity_spec;
  std::string mask_file;
  bool keep_lines = false;
  bool global = false;  // rank blocks across all layers (sparsity_options.h)
  // Called on the loaded graph before sparsity is applied (e.g. `reduce` gives weightless
  // layers their synthetic weights, so that magnitude pruning ranks the weights it counts).
  std::function<void(ir::Graph&)> before_sparsity;
  bool no_residency = false;  // every tensor through DDR (Compiler I's behaviour)
  std::string tiling = "cost";  // cost (cheapest candidate per layer) | fixed (config layout)
  // Functional mode: compile with the data (weights, input, reference outputs) to run on.
  bool functional = false;
  std::string input_path;  // .npy int8 BHWC input; empty: random int8 from --seed
};
// --functional and --input, for the commands that compile (compile, run).
void AddFunctionalOptions(boost::program_options::options_description& options,
                          WorkloadOptions* values);
void AddWorkloadOptions(boost::program_options::options_description& options,
                        WorkloadOptions* values);

// Loads the workload and applies block sparsity as asked; `record` receives what was applied.
ir::Graph LoadSparseWorkload(const WorkloadOptions& workload, sparsity::SparsityRecord* record);

// Runs every compiler pass (compiler/driver/driver.h) for `config`, printing the results `dumps`
// asks for; the last pass validates the program (a program our compiler made that fails
// validation is our bug: InternalError).
isa::Program CompileWorkload(const WorkloadOptions& workload, const arch::HardwareConfig& config,
                             const driver::Dumps& dumps = {});

// Paper estimate and its fill/drain variant into `report`.
void EstimateInto(report::Report& report, const isa::Program& program,
                  const arch::HardwareConfig& config);

// A design (program.proto v2): its per-resource lower bound (analytic::BoundDesign) as each
// layer's analytic_s, with detail.analytic {bound_s, bound_by, fill_drain_s = bound_s, and each
// resource's cycles}, so attribution splits simulated - bound.
void BoundInto(report::Report& report, const isa::Program& program,
               const arch::HardwareConfig& config);

// Prints the table, and writes the JSON / CSV reports when paths are given.
void Emit(report::Report& report, const arch::HardwareConfig& config, const std::string& json_path,
          const std::string& csv_path);

}  // namespace aie2sim::cli
