// Cleaning up after a run that is ended by a signal (Ctrl-C, kill, a batch system's timeout).
//
// Contract: paths registered here (temporary files, temporary directories holding only files)
// are removed, and child processes registered here are sent the same signal and waited for, when
// the process receives SIGINT, SIGTERM or SIGHUP; the process then dies of that signal as it
// would have without the handler. The handler does only async-signal-safe work (kill, waitpid,
// unlink, getdents64, rmdir), on paths copied into fixed slots at registration.
// InstallSignalCleanup also ignores SIGXFSZ, so that writing past the file-size limit (`ulimit
// -f`) is a write error the writer reports and cleans up after, not a silent kill.
#pragma once

#include <sys/types.h>

#include <string>

namespace aie2sim {

void InstallSignalCleanup();

// A registration that lasts as long as the object (a moved-from or released one removes
// nothing). Registering more paths or children at once than there are slots (64) is our bug.
class SignalCleanup {
 public:
  enum class Kind { kFile, kDirectory, kChild };
  static SignalCleanup File(const std::string& path) { return SignalCleanup(Kind::kFile, path, 0); }
  static SignalCleanup Directory(const std::string& path) {
    return SignalCleanup(Kind::kDirectory, path, 0);
  }
  static SignalCleanup Child(pid_t pid) { return SignalCleanup(Kind::kChild, "", pid); }

  SignalCleanup() = default;
  SignalCleanup(SignalCleanup&& other) noexcept : slot_(other.slot_) { other.slot_ = -1; }
  SignalCleanup& operator=(SignalCleanup&& other) noexcept;
  SignalCleanup(const SignalCleanup&) = delete;
  SignalCleanup& operator=(const SignalCleanup&) = delete;
  ~SignalCleanup() { Release(); }

  // Ends the registration (the path was renamed into place or removed, the child reaped).
  void Release();

 private:
  SignalCleanup(Kind kind, const std::string& path, pid_t pid);
  int slot_ = -1;
};

}  // namespace aie2sim
