#include "sim/base/output_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/base/error.h"

namespace aie2sim {
namespace {

constexpr size_t kBufferBytes = 1 << 20;
constexpr int kMaxSymlinkHops = 40;  // as the kernel's own limit

std::string Reason(int error) { return std::strerror(error); }

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string BaseOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path), target_(path) {
  if (path.empty()) throw UserError("output path is empty");
  // Follow the symlink chain to the file the bytes are for; a dangling link creates its target.
  struct stat status = {};
  bool exists = false;
  for (int hops = 0;; ++hops) {
    if (lstat(target_.c_str(), &status) != 0) {
      if (errno != ENOENT) Fail(Reason(errno));
      break;
    }
    if (!S_ISLNK(status.st_mode)) {
      exists = true;
      break;
    }
    if (hops == kMaxSymlinkHops) Fail(Reason(ELOOP));
    std::string link(PATH_MAX, '\0');
    const ssize_t length = readlink(target_.c_str(), link.data(), link.size());
    if (length < 0) Fail(Reason(errno));
    link.resize(static_cast<size_t>(length));
    target_ = link.front() == '/' ? link : FolderOf(target_) + "/" + link;
  }

  if (exists && S_ISDIR(status.st_mode)) Fail("is a directory");
  if (exists && (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode) || S_ISFIFO(status.st_mode))) {
    direct_ = true;
    fd_ = open(target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) Fail(Reason(errno));
    return;
  }
  if (exists && !S_ISREG(status.st_mode)) Fail("not a regular file, device or FIFO");
  // A file the user may not write stays as it is, though its folder would allow a rename.
  if (exists && access(target_.c_str(), W_OK) != 0) Fail(Reason(errno));

  const std::string folder = FolderOf(target_);
  fd_ = open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd_ >= 0) {
    unnamed_ = true;
  } else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
    for (int attempt = 0; fd_ < 0; ++attempt) {
      temporary_ = folder + "/." + BaseOf(target_) + ".partial-" + std::to_string(getpid()) + "-" +
                   std::to_string(attempt);
      cleanup_ = SignalCleanup::File(temporary_);
      fd_ = open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) {
        temporary_.clear();
        Fail(Reason(errno));
      }
    }
  } else {
    Fail(Reason(errno));
  }
  if (exists && fchmod(fd_, status.st_mode & 07777) != 0) Fail(Reason(errno));
}

OutputFile::~OutputFile() { Discard(); }

void OutputFile::Write(std::string_view bytes) {
  if (fd_ < 0) throw InternalError(path_ + ": write after Commit");
  if (buffer_.size() + bytes.size() > kBufferBytes) {
    Flush();
    if (bytes.size() > kBufferBytes) {
      WriteAll(bytes.data(), bytes.size());
      return;
    }
  }
  buffer_.append(bytes.data(), bytes.size());
}

void OutputFile::Flush() {
  WriteAll(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void OutputFile::WriteAll(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      Fail(Reason(errno));
    }
    if (written == 0) Fail(Reason(ENOSPC));
    data += written;
    size -= static_cast<size_t>(written);
  }
}

void OutputFile::Commit() {
  if (fd_ < 0) throw InternalError(path_ + ": Commit twice");
  Flush();
  if (!direct_ && fsync(fd_) != 0) Fail(Reason(errno));
  if (unnamed_) {
    // Give the unnamed file a name beside the target (linkat through /proc follows the fd).
    const std::string fd_path = "/proc/self/fd/" + std::to_string(fd_);
    const std::string folder = FolderOf(target_);
    for (int attempt = 0; temporary_.empty(); ++attempt) {
      const std::string name = folder + "/." + BaseOf(target_) + ".partial-" +
                               std::to_string(getpid()) + "-" + std::to_string(attempt);
      cleanup_ = SignalCleanup::File(name);
      if (linkat(AT_FDCWD, fd_path.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        temporary_ = name;
      } else if (errno != EEXIST) {
        Fail(Reason(errno));
      }
    }
  }
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0) Fail(Reason(errno));
  if (direct_) return;
  if (rename(temporary_.c_str(), target_.c_str()) != 0) Fail(Reason(errno));
  temporary_.clear();
  cleanup_.Release();
  // Make the rename itself durable, as far as the folder allows (best effort).
  const int folder_fd = open(FolderOf(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder_fd >= 0) {
    fsync(folder_fd);
    close(folder_fd);
  }
}

void OutputFile::Fail(const std::string& reason) {
  Discard();
  throw UserError(path_ + ": cannot write: " + reason);
}

void OutputFile::Discard() {
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
  if (!temporary_.empty()) {
    unlink(temporary_.c_str());
    temporary_.clear();
  }
  cleanup_.Release();
}

void WriteOutputFile(const std::string& path, std::string_view text) {
  OutputFile file(path);
  file.Write(text);
  file.Commit();
}

}  // namespace aie2sim
