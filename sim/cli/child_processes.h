// Running aie2sim as child processes: SystemC elaborates one design per process, so commands
// that need many simulations (run's attribution, calibrate) spawn `aie2sim simulate`.
//
// Contract: RunChildren starts every command (argv[0] is the executable's path), at most `jobs`
// at a time, in order; a child's stdout goes to /dev/null and its stderr to `stderr_path`. It
// waits for all of them (it kills none, except that a signal ending aie2sim is passed on to them,
// see sim/base/signal_cleanup.h) and returns each one's exit code (128 + signal for a child
// killed by a signal, 127 when it could not start). Only processes it started are waited for.
#pragma once

#include <string>
#include <vector>

#include "sim/base/temporary_directory.h"

namespace aie2sim::cli {

struct ChildCommand {
  std::vector<std::string> argv;
  std::string stderr_path;
};

std::vector<int> RunChildren(const std::vector<ChildCommand>& commands, int jobs);

// The running aie2sim executable, to start as a child: "/proc/self/exe", which names this very
// binary even when the file has since been rebuilt or removed (the children then run the same
// version as the parent).
std::string SelfExecutable();

// The last non-empty line of a file ("" when none), for a failed child's message.
std::string LastLineOf(const std::string& path);

}  // namespace aie2sim::cli
