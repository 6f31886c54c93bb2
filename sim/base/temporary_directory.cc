#include "sim/base/temporary_directory.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "sim/base/error.h"

namespace aie2sim {

TemporaryDirectory::TemporaryDirectory(const std::string& prefix) {
  const char* root = std::getenv("TMPDIR");
  std::string pattern =
      std::string(root != nullptr && *root != '\0' ? root : "/tmp") + "/" + prefix + "-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw UserError(pattern + ": cannot create a temporary directory: " + std::strerror(errno));
  }
  path_ = pattern;
  cleanup_ = SignalCleanup::Directory(path_);
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

}  // namespace aie2sim
