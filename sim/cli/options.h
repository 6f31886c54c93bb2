// Command-line plumbing shared by the subcommands (Boost.Program_options).
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/arch/hardware_config.h"

namespace aie2sim::cli {

namespace po = boost::program_options;

// --arch and --set, for every command that reads a hardware config.
struct ArchOptions {
  std::string arch;
  std::vector<std::string> sets;
};
void AddArchOptions(po::options_description& options, ArchOptions* values);
// Loads the config (a path or a preset name under configs/), applying --set overrides.
arch::HardwareConfig LoadArch(const ArchOptions& values);

// Parses `args` (the words after the subcommand) into `options`; prints `usage` and the options
// and returns false on --help. Unknown flags, missing required options and bad values are
// UserErrors ("<command>: ..."), and so are, for every command alike: an empty value ("--json
// ''"), a negative number for an unsigned option, and a modifier given without any option it
// modifies (--block without --sparsity, --sparsity-spec, --mask-file or --importance;
// --trace-layer without --trace or --html; the table is kModifierRules in options.cc).
bool ParseArgs(const std::string& command, const std::string& usage,
               const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional);

}  // namespace aie2sim::cli
