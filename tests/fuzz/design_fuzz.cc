// libFuzzer target: the design front-end (compiler/design/): a YAML design read with
// design::ReadDesign and lowered for npu1 with design::LowerDesign, which ends in the program
// validator; the lowered program must then list (isa::ListProgram). Whatever the bytes: a
// program or a one-line UserError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/design/design_reader.h"
#include "compiler/design/lower_design.h"
#include "sim/arch/config_loader.h"
#include "sim/isa/listing.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const aie2sim::arch::HardwareConfig config =
      aie2sim::arch::LoadHardwareConfig(std::string(AIE2SIM_SOURCE_DIR) + "/configs/npu1.yaml", {});
  const std::string text(reinterpret_cast<const char*>(data), size);
  aie2sim::fuzz::RunExpectingOnlyUserError([&] {
    const aie2sim::design::Design design = aie2sim::design::ReadDesign(text, "fuzz.yaml", {});
    const aie2sim::isa::Program program = aie2sim::design::LowerDesign(design, config);
    aie2sim::isa::ListProgram(program);
  });
  return 0;
}
