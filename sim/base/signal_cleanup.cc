#include "sim/base/signal_cleanup.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

enum SlotState : int { kFree = 0, kFilling = 1, kActive = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  SignalCleanup::Kind kind = SignalCleanup::Kind::kFile;
  pid_t pid = 0;
  char path[PATH_MAX] = {};
};

std::array<Slot, 64> slots;
static_assert(std::atomic<int>::is_always_lock_free, "the handler reads slot states");

// The layout getdents64 fills (linux/dirent.h's struct, which glibc does not export).
struct LinuxDirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];  // NUL-terminated, as long as d_reclen allows
};

// Removes every entry of a flat directory, then the directory. Async-signal-safe.
void RemoveFlatDirectory(const char* path) {
  const int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) static char buffer[8192];
    for (bool removed = true; removed;) {  // unlinking while reading may skip entries: repeat
      removed = false;
      lseek(fd, 0, SEEK_SET);
      for (;;) {
        const long bytes = syscall(SYS_getdents64, fd, buffer, sizeof(buffer));
        if (bytes <= 0) break;
        for (long offset = 0; offset < bytes;) {
          const auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer + offset);
          offset += entry->d_reclen;
          const char* name = entry->d_name;
          if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
          if (unlinkat(fd, name, 0) == 0) removed = true;
        }
      }
    }
    close(fd);
  }
  rmdir(path);
}

void OnSignal(int signal_number) {
  const int saved_errno = errno;
  for (Slot& slot : slots) {
    if (slot.state.load() == kActive && slot.kind == SignalCleanup::Kind::kChild) {
      kill(slot.pid, signal_number);
    }
  }
  for (Slot& slot : slots) {
    if (slot.state.load() == kActive && slot.kind == SignalCleanup::Kind::kChild) {
      while (waitpid(slot.pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
  for (Slot& slot : slots) {
    if (slot.state.load() == kActive && slot.kind == SignalCleanup::Kind::kFile) unlink(slot.path);
  }
  for (Slot& slot : slots) {
    if (slot.state.load() == kActive && slot.kind == SignalCleanup::Kind::kDirectory) {
      RemoveFlatDirectory(slot.path);
    }
  }
  errno = saved_errno;
  // Die of the signal itself, so the parent (a shell, a sweep) sees what ended us.
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

}  // namespace

void InstallSignalCleanup() {
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    sigaddset(&action.sa_mask, signal_number);  // one cleanup at a time
  }
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    // A signal the parent chose to ignore (nohup, a background job of a script) stays ignored.
    struct sigaction previous = {};
    sigaction(signal_number, nullptr, &previous);
    if (previous.sa_handler != SIG_IGN) sigaction(signal_number, &action, nullptr);
  }
  signal(SIGXFSZ, SIG_IGN);
}

SignalCleanup::SignalCleanup(Kind kind, const std::string& path, pid_t pid) {
  if (path.size() >= PATH_MAX) throw UserError(path + ": path too long");
  for (size_t i = 0; i < slots.size(); ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
    slots[i].kind = kind;
    slots[i].pid = pid;
    std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
    slots[i].state.store(kActive);
    slot_ = static_cast<int>(i);
    return;
  }
  throw InternalError("more than " + std::to_string(slots.size()) +
                      " paths and children to clean up at once");
}

SignalCleanup& SignalCleanup::operator=(SignalCleanup&& other) noexcept {
  if (this != &other) {
    Release();
    slot_ = other.slot_;
    other.slot_ = -1;
  }
  return *this;
}

void SignalCleanup::Release() {
  if (slot_ < 0) return;
  slots[static_cast<size_t>(slot_)].state.store(kFree);
  slot_ = -1;
}

}  // namespace aie2sim
