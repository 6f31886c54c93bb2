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

class UserError : public std::runtime_error {
 public:
  explicit UserError(const std::string& message) : std::runtime_error(message) {}
};

// An internal invariant broken by our own code (compiler or simulator): exit code 1.
class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& message) : std::logic_error(message) {}
};

// Throws InternalError with the condition text when `condition` is false.
#define AIE2SIM_CHECK(condition, message)                                                  \
  do {                                                                                    \
    if (!(condition)) {                                                                   \
      throw ::aie2sim::InternalError(std::string("internal check failed: ") + #condition + \
                                     ": " + (message));                                   \
    }                                                                                     \
  } while (false)

}  // namespace aie2sim
