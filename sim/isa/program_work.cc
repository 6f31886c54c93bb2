#include "sim/isa/program_work.h"

#include "sim/base/error.h"

namespace aie2sim::isa {
namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? UINT64_MAX : sum;
}

uint64_t SaturatingMul(uint64_t a, uint64_t b) {
  uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? UINT64_MAX : product;
}

}  // namespace

uint64_t ProgramWork(const Program& program) {
  uint64_t work = 0;
  for (const Layer& layer : program.layers()) {
    for (const Group& group : layer.groups()) {
      uint64_t per_iteration = 0;
      for (const Stream& stream : group.streams()) {
        per_iteration =
            SaturatingAdd(per_iteration, static_cast<uint64_t>(stream.instructions_size()));
      }
      work = SaturatingAdd(work, SaturatingMul(per_iteration, group.iterations()));
    }
  }
  return work;
}

void CheckProgramWork(const Program& program, uint64_t max_events,
                      const std::string& program_name) {
  const uint64_t work = ProgramWork(program);
  if (work <= max_events) return;
  throw UserError(program_name + ": the program executes " +
                  (work == UINT64_MAX ? std::string("more than 2^64") : std::to_string(work)) +
                  " instructions, more than --max-events " + std::to_string(max_events) +
                  " (raise --max-events to run it anyway)");
}

}  // namespace aie2sim::isa
