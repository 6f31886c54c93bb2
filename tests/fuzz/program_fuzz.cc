// libFuzzer target: the program loader and validator. Each input is written to a file and read
// with isa::ReadProgram (the path `aie2sim simulate` takes), then validated against the paper-2x2
// preset (isa::CheckProgram); a program the validator accepts is also listed (isa::ListProgram),
// which must then succeed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/arch/config_loader.h"
#include "sim/isa/listing.h"
#include "sim/isa/program_io.h"
#include "sim/isa/validator.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

// The program file, made at the first call and removed at exit (never destroyed itself, so the
// exit handler can still read it).
const std::string* program_path = nullptr;

void RemoveProgramFile() { std::remove(program_path->c_str()); }

const std::string& ProgramPath() {
  if (program_path == nullptr) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/aie2sim-program-fuzz-XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      std::perror("mkstemp");
      std::abort();
    }
    close(fd);
    program_path = new std::string(pattern);
    std::atexit(RemoveProgramFile);
  }
  return *program_path;
}

const aie2sim::arch::HardwareConfig& Config() {
  static const aie2sim::arch::HardwareConfig config = aie2sim::arch::LoadHardwareConfig(
      std::string(AIE2SIM_SOURCE_DIR) + "/configs/paper-2x2.yaml");
  return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const aie2sim::arch::HardwareConfig& config = Config();
  const std::string& path = ProgramPath();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr || std::fwrite(data, 1, size, file) != size || std::fclose(file) != 0) {
    std::perror(path.c_str());
    std::abort();
  }
  aie2sim::fuzz::RunExpectingOnlyUserError([&] {
    const aie2sim::isa::Program program = aie2sim::isa::ReadProgram(path);
    aie2sim::isa::CheckProgram(program, config, path);
    (void)aie2sim::isa::ListProgram(program);
  });
  return 0;
}
