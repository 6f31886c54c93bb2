// Writing a file the user named (--json, --csv, --html, --trace, -o): the one way aie2sim
// writes its outputs.
//
// Contract: the target is either left as it was or holds the complete new contents.
//  - a new path or a regular file: the bytes go to an unnamed temporary file in the target's
//    folder (a named sibling ".NAME.partial-PID-N" where the file system has no unnamed ones),
//    every write and the close are checked, the file is fsynced and then renamed over the
//    target; an existing target's permission bits are kept;
//  - a symlink: the same, at the end of the link chain (the link itself stays a link);
//  - a character or block device or a FIFO: written directly, unbuffered by a rename;
//  - a directory or another kind of file: refused.
// Any failure throws UserError "PATH: cannot write: REASON" (REASON from the system, e.g. "No
// space left on device", "File too large") after removing the temporary file; an OutputFile
// destroyed without Commit (an exception, a deadlock) removes it too, and a signal removes it
// through SignalCleanup.
#pragma once

#include <string>
#include <string_view>

#include "sim/base/signal_cleanup.h"

namespace aie2sim {

class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view bytes);  // buffered
  void Commit();                       // the contents are complete: put them in place
  const std::string& path() const { return path_; }

 private:
  void Flush();
  void WriteAll(const char* data, size_t size);
  [[noreturn]] void Fail(const std::string& reason);
  void Discard();

  std::string path_;       // as the user gave it, for messages
  std::string target_;     // the file the bytes replace (the symlink chain followed)
  std::string temporary_;  // the named temporary file, when one was made
  bool direct_ = false;    // a device or FIFO: written in place
  bool unnamed_ = false;   // an O_TMPFILE file, linked in at Commit
  int fd_ = -1;
  std::string buffer_;
  SignalCleanup cleanup_;
};

// The whole contents at once: OutputFile(path), Write(text), Commit().
void WriteOutputFile(const std::string& path, std::string_view text);

}  // namespace aie2sim
