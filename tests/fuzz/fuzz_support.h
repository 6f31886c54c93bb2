// Shared by the libFuzzer targets in tests/fuzz (one *_fuzz.cc per loader).
//
// Contract of every target: whatever the bytes, the loader either succeeds or throws a UserError
// (the user-facing "exit 2, one line" outcome). Anything else is a finding: a crash or a
// sanitizer report (libFuzzer stops on its own), or any other exception, which RunExpectingOnly
// UserError prints and turns into an abort so that libFuzzer saves the input. A UserError must
// also be one line (the CLI prints it as the only line on stderr).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "sim/base/error.h"

namespace aie2sim::fuzz {

template <typename Body>
void RunExpectingOnlyUserError(Body&& body) {
  try {
    body();
  } catch (const UserError& error) {
    const std::string message = error.what();
    if (message.empty() || message.find('\n') != std::string::npos) {
      std::fprintf(stderr, "fuzz finding: UserError message is not one line: \"%s\"\n",
                   message.c_str());
      std::abort();
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "fuzz finding: unexpected exception: %s\n", error.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz finding: unexpected non-std exception\n");
    std::abort();
  }
}

}  // namespace aie2sim::fuzz
