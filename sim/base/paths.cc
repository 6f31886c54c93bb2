#include "sim/base/paths.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

namespace fs = std::filesystem;

// The folders shipped files are looked up under, relative to the running binary only (no
// source path is compiled in): <bin>/share/aie2sim (a build tree, whose CMake links configs/ and
// workloads/ there) and <bin>/../share/aie2sim (an installed prefix, binary in <prefix>/bin);
// only those that exist.
std::vector<fs::path> SearchRoots() {
  std::vector<fs::path> roots;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return roots;
  for (const fs::path& root : {exe.parent_path() / "share" / "aie2sim",
                               exe.parent_path().parent_path() / "share" / "aie2sim"}) {
    const fs::path canonical = fs::weakly_canonical(root, error);
    if (!error && fs::is_directory(canonical) &&
        std::find(roots.begin(), roots.end(), canonical) == roots.end()) {
      roots.push_back(canonical);
    }
  }
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
