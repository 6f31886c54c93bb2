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

}  // namespace aie2sim
