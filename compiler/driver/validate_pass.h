// Pass 7, validate: the program against the config (sim/isa/validator.h) before anyone runs it.
//
// Precondition: none beyond a Program; the validator checks everything it relies on.
// Postcondition: the program passes isa::ValidateProgram. A program our compiler made that fails
//   is our bug: InternalError naming the workload, the first problem and how many more.
#pragma once

#include <string>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::driver {

void RunValidate(const isa::Program& program, const arch::HardwareConfig& config);

// What was validated: layers, groups, streams, instructions.
std::string DumpValidation(const isa::Program& program);

}  // namespace aie2sim::driver
