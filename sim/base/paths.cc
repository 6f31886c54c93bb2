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
                            const std::vector<std::string>& extensions, const std::string& what) {
  if (fs::is_regular_file(spec)) return spec;
  std::string looked = spec;
  if (spec.find('/') == std::string::npos) {
    // A name with one of the extensions is taken as it is; one without gets each in turn.
    std::vector<std::string> names;
    for (const std::string& extension : extensions) {
      if (EndsWith(spec, extension)) names = {spec};
    }
    if (names.empty()) {
      for (const std::string& extension : extensions) names.push_back(spec + extension);
    }
    for (const fs::path& root : SearchRoots()) {
      std::vector<std::string> found;
      for (const std::string& name : names) {
        const fs::path candidate = root / folder / name;
        if (fs::is_regular_file(candidate)) found.push_back(candidate.string());
        looked += ", " + candidate.string();
      }
      if (found.size() == 1) return found.front();
      if (found.size() > 1) {
        throw UserError(what + " \"" + spec + "\" is ambiguous: " + found[0] + " and " + found[1] +
                        " both exist (give the extension or a path)");
      }
    }
  }
  throw UserError(what + " \"" + spec + "\": no such file (looked at " + looked + ")");
}

std::string ResolveDataFolder(const std::string& spec, const std::string& what) {
  if (fs::is_directory(spec)) return spec;
  std::string looked = spec;
  if (fs::path(spec).is_relative()) {
    for (const fs::path& root : SearchRoots()) {
      const fs::path candidate = root / spec;
      if (fs::is_directory(candidate)) return candidate.string();
      looked += ", " + candidate.string();
    }
  }
  throw UserError(what + " \"" + spec + "\": no such folder (looked at " + looked + ")");
}

}  // namespace aie2sim
