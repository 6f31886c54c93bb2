#include "sim/base/paths.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

namespace fs = std::filesystem;

// The folders shipped files are looked up under: the parent of the binary's folder (an
// installed or in-tree build/) and the source tree, each once.
std::vector<fs::path> SearchRoots() {
  std::vector<fs::path> roots;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) roots.push_back(fs::weakly_canonical(exe.parent_path().parent_path(), error));
  const fs::path source = fs::weakly_canonical(AIE2SIM_SOURCE_DIR, error);
  if (std::find(roots.begin(), roots.end(), source) == roots.end()) roots.push_back(source);
  return roots;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string ResolveDataFile(const std::string& spec, const std::string& folder,
                            const std::string& extension, const std::string& what) {
  if (fs::is_regular_file(spec)) return spec;
  std::string looked = spec;
  if (spec.find('/') == std::string::npos) {
    // A name without its extension gets it; one with it is taken as it is.
    const std::string name = EndsWith(spec, extension) ? spec : spec + extension;
    for (const fs::path& root : SearchRoots()) {
      const fs::path candidate = root / folder / name;
      if (fs::is_regular_file(candidate)) return candidate.string();
      looked += ", " + candidate.string();
    }
  }
  throw UserError(what + " \"" + spec + "\": no such file (looked at " + looked + ")");
}

}  // namespace aie2sim
