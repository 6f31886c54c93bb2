// The work a program asks for, known before running it: the instruction executions of every
// stream, summed over groups and layers (each repeated `iterations` times). A hand-edited
// program with 2^32 - 1 iterations would otherwise simulate for hours before anyone knew.
// Program v2's loops multiply in here too: the one place that turns a program into a count.
#pragma once

#include <cstdint>
#include <string>

#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// Instruction executions of the whole program, saturating at UINT64_MAX (checked arithmetic).
uint64_t ProgramWork(const Program& program);

// Throws UserError "<program_name>: the program executes N instructions, more than --max-events
// M (raise --max-events to run it anyway)" when ProgramWork(program) > max_events.
void CheckProgramWork(const Program& program, uint64_t max_events, const std::string& program_name);

}  // namespace aie2sim::isa
