// The work of a program, known before running it: instruction executions of every stream, times
// its group's iterations, summed; CheckProgramWork refuses more than --max-events.
#include "sim/isa/program_work.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/base/error.h"
#include "tests/unit/test_configs.h"
#include "tests/unit/test_programs.h"

namespace aie2sim::isa {
namespace {

uint64_t Instructions(const Group& group) {
  uint64_t count = 0;
  for (const Stream& stream : group.streams()) count += stream.instructions_size();
  return count;
}

TEST(ProgramWork, InstructionsTimesIterationsSummed) {
  Program program = test_support::TinyProgram(test_support::PaperConfig(2, 2));
  uint64_t expected = 0;
  for (const Group& group : program.layers(0).groups()) {
    expected += Instructions(group) * group.iterations();
  }
  EXPECT_EQ(ProgramWork(program), expected);
  Group* body = program.mutable_layers(0)->mutable_groups(test_support::kTinyBody);
  const uint64_t body_instructions = Instructions(*body);
  const uint64_t before = ProgramWork(program);
  const uint64_t old_iterations = body->iterations();
  body->set_iterations(4'000'000'000u);  // a hand-edited count: 64-bit arithmetic throughout
  EXPECT_EQ(ProgramWork(program), before + body_instructions * (4'000'000'000u - old_iterations));
}

TEST(ProgramWork, MoreThanMaxEventsIsRefused) {
  const Program program = test_support::TinyProgram(test_support::PaperConfig(2, 2));
  const uint64_t work = ProgramWork(program);
  EXPECT_NO_THROW(CheckProgramWork(program, work, "tiny.pb"));
  try {
    CheckProgramWork(program, work - 1, "tiny.pb");
    FAIL() << "expected a UserError";
  } catch (const UserError& error) {
    EXPECT_EQ(std::string(error.what()), "tiny.pb: the program executes " + std::to_string(work) +
                                             " instructions, more than --max-events " +
                                             std::to_string(work - 1) +
                                             " (raise --max-events to run it anyway)");
  }
}

}  // namespace
}  // namespace aie2sim::isa
