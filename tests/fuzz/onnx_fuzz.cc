// libFuzzer target: the ONNX importer (frontend::ImportOnnx). It reads a path (and external
// data files next to it), so each input is written to model.onnx in a private temporary folder;
// external data can only name files inside that folder (the importer refuses others).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/frontend/onnx_importer.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/graph_use.h"

namespace {

// The model file, in a folder made at the first call and removed at exit (never destroyed itself,
// so the exit handler can still read it).
const std::string* model_path = nullptr;

void RemoveModelFolder() {
  std::remove(model_path->c_str());
  rmdir(model_path->substr(0, model_path->rfind('/')).c_str());
}

const std::string& ModelPath() {
  if (model_path == nullptr) {
    const char* tmp = std::getenv("TMPDIR");
    std::string folder = std::string(tmp && *tmp ? tmp : "/tmp") + "/aie2sim-onnx-fuzz-XXXXXX";
    if (mkdtemp(folder.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    model_path = new std::string(folder + "/model.onnx");
    std::atexit(RemoveModelFolder);
  }
  return *model_path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = ModelPath();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr || std::fwrite(data, 1, size, file) != size || std::fclose(file) != 0) {
    std::perror(path.c_str());
    std::abort();
  }
  aie2sim::fuzz::RunExpectingOnlyUserError(
      [&] { aie2sim::fuzz::UseGraph(aie2sim::frontend::ImportOnnx(path, 0)); });
  return 0;
}
