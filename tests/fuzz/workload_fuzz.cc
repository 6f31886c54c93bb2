// libFuzzer target: the YAML workload loader (frontend::ParseWorkloadYaml), which also infers
// and checks every layer's shapes; an accepted graph must give its sizes and MAC counts
// (graph_use.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/frontend/workload_yaml.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/graph_use.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  aie2sim::fuzz::RunExpectingOnlyUserError(
      [&] { aie2sim::fuzz::UseGraph(aie2sim::frontend::ParseWorkloadYaml(text, "fuzz.yaml", 0)); });
  return 0;
}
