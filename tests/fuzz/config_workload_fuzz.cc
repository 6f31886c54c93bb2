// libFuzzer target: a hardware config and a workload together, through the compiler and the
// analytic model (the path of `aie2sim run` before the simulation).
// Input: the config's YAML, a line "#workload", then the workload's YAML. Contract on top of
// fuzz_support.h's: a pair both loaders accept either compiles into a program the validator
// accepts, whose analytic estimate is finite, or is refused with a UserError (a network that
// does not fit the mesh); an invalid program or a non-finite time is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/driver/driver.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/analytic/estimator.h"
#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "tests/fuzz/fuzz_support.h"

namespace aie2sim::fuzz {
namespace {

constexpr char kSeparator[] = "\n#workload\n";

void CompileAndEstimate(const std::string& config_text, const std::string& workload_text) {
  const arch::HardwareConfig config =
      arch::ParseHardwareConfig(config_text, "fuzz-config.yaml", {});
  const ir::Graph graph = frontend::ParseWorkloadYaml(workload_text, "fuzz-workload.yaml", 0);
  // The driver's passes 3 to 7: its validate pass throws InternalError on an invalid program.
  const isa::Program program = driver::CompileGraph(graph, config, {});
  for (const bool fill_drain : {false, true}) {
    const analytic::ProgramEstimate estimate = analytic::Estimate(program, config, {fill_drain});
    if (!std::isfinite(estimate.total.count()) || estimate.total.count() < 0) {
      throw InternalError("analytic estimate is not a finite time");
    }
  }
}

}  // namespace
}  // namespace aie2sim::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const size_t split = text.find(aie2sim::fuzz::kSeparator);
  if (split == std::string::npos) return 0;  // not a pair: nothing to test
  const std::string config_text = text.substr(0, split + 1);
  const std::string workload_text = text.substr(split + sizeof(aie2sim::fuzz::kSeparator) - 1);
  aie2sim::fuzz::RunExpectingOnlyUserError(
      [&] { aie2sim::fuzz::CompileAndEstimate(config_text, workload_text); });
  return 0;
}
