#include "sim/base/paths.h"

#include <unistd.h>

#include <filesystem>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> SearchRoots() {
  std::vector<fs::path> roots;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) roots.push_back(exe.parent_path().parent_path());
  roots.push_back(AIE2SIM_SOURCE_DIR);
  return roots;
}

}  // namespace

std::string ResolveDataFile(const std::string& spec, const std::string& folder,
                            const std::string& extension, const std::string& what) {
  if (fs::is_regular_file(spec)) return spec;
  std::string looked = spec;
  if (spec.find('/') == std::string::npos) {
    for (const fs::path& root : SearchRoots()) {
      for (const std::string& name : {spec + extension, spec}) {
        const fs::path candidate = root / folder / name;
        if (fs::is_regular_file(candidate)) return candidate.string();
      }
      looked += ", " + (root / folder / (spec + extension)).string();
    }
  }
  throw UserError(what + " \"" + spec + "\": no such file (looked at " + looked + ")");
}

}  // namespace aie2sim
