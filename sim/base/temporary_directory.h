// A private working folder for one run (attribution's child reports, the trace an HTML report
// is built from).
#pragma once

#include <string>

#include "sim/base/signal_cleanup.h"

namespace aie2sim {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when the object
// dies, and by SignalCleanup when a signal ends the process (so it must hold only files).
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& prefix);
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  SignalCleanup cleanup_;
};

}  // namespace aie2sim
