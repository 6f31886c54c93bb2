#include "compiler/driver/validate_pass.h"

#include <sstream>
#include <vector>

#include "sim/base/error.h"
#include "sim/isa/validator.h"

namespace aie2sim::driver {

void RunValidate(const isa::Program& program, const arch::HardwareConfig& config) {
  const std::vector<std::string> problems = isa::ValidateProgram(program, config);
  if (!problems.empty()) {
    throw InternalError("compiler produced an invalid program for " + program.workload() + ": " +
                        problems.front() + " (and " + std::to_string(problems.size() - 1) +
                        " more)");
  }
}

std::string DumpValidation(const isa::Program& program) {
  int64_t groups = 0, streams = 0, instructions = 0;
  for (const isa::Layer& layer : program.layers()) {
    groups += layer.groups_size();
    for (const isa::Group& group : layer.groups()) {
      streams += group.streams_size();
      for (const isa::Stream& stream : group.streams()) instructions += stream.instructions_size();
    }
  }
  std::ostringstream out;
  out << "valid: " << program.workload() << " for " << program.config_name() << ", "
      << program.layers_size() << " layers, " << groups << " groups, " << streams << " streams, "
      << instructions << " instructions\n";
  return out.str();
}

}  // namespace aie2sim::driver
