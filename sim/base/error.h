// Error kinds shared by every aie2sim component.
//
// Contract: a UserError is a problem with what the user gave us (a file, a flag, a config value,
// a program) and ends the process with exit code 2 and its one-line message. Every other
// exception escaping a command is our own bug and ends it with exit code 1.
// Messages name the place first: "path:line: key: problem" or "--set key: problem".
#pragma once

#include <stdexcept>
#include <string>

namespace aie2sim {

// The message is kept to one line: control characters in it (user text quoted into a message,
// e.g. a YAML key or a scalar holding a newline) are written as escapes (\n, \r, \t, \xHH).
class UserError : public std::runtime_error {
 public:
  explicit UserError(const std::string& message) : std::runtime_error(OneLine(message)) {}

  static std::string OneLine(const std::string& text) {
    std::string line;
    line.reserve(text.size());
    for (const char c : text) {
      const unsigned char byte = static_cast<unsigned char>(c);
      if (byte >= 0x20 && byte != 0x7f) {
        line += c;
      } else if (c == '\n') {
        line += "\\n";
      } else if (c == '\r') {
        line += "\\r";
      } else if (c == '\t') {
        line += "\\t";
      } else {
        static constexpr char kHex[] = "0123456789abcdef";
        line += "\\x";
        line += kHex[byte >> 4];
        line += kHex[byte & 0xf];
      }
    }
    return line;
  }
};

// An internal invariant broken by our own code (compiler or simulator): exit code 1.
class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& message) : std::logic_error(message) {}
};

// A program (a protobuf Program, compiled or given) that breaks a rule the simulator relies on
// and the validator cannot see before running it: a lock released past 63, functional data that
// does not fit the layer. In a program our compiler made it is our bug (exit 1, as any
// InternalError); a command that ran a program file the user gave reports it as a UserError
// naming that file.
class ProgramError : public InternalError {
 public:
  explicit ProgramError(const std::string& message) : InternalError(message) {}
};

// An error whose message (and any detail lines after it) the command has already written to
// stderr: ends the process with `exit_code` and prints nothing more.
class ReportedError : public std::exception {
 public:
  explicit ReportedError(int exit_code) : exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }
  const char* what() const noexcept override { return "error already reported"; }

 private:
  int exit_code_;
};

// Throws InternalError with the condition text when `condition` is false.
#define AIE2SIM_CHECK(condition, message)                                                         \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      throw ::aie2sim::InternalError(std::string("internal check failed: ") + #condition + ": " + \
                                     (message));                                                  \
    }                                                                                             \
  } while (false)

// Throws ProgramError with `message` when `condition` (a property of the program) is false.
#define AIE2SIM_PROGRAM_CHECK(condition, message)               \
  do {                                                          \
    if (!(condition)) throw ::aie2sim::ProgramError((message)); \
  } while (false)

}  // namespace aie2sim
