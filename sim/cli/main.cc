// aie2sim: the command-line entry; every subcommand is wired here, explicitly, in one table.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <systemc>

#include "sim/base/error.h"
#include "sim/base/signal_cleanup.h"
#include "sim/base/version.h"
#include "sim/cli/commands.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const aie2sim::cli::Args&);
  const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"info", aie2sim::cli::InfoCommand, "per-layer shapes and MACs of a workload"},
    {"import", aie2sim::cli::ImportCommand, "an ONNX model into a YAML workload (weights omitted)"},
    {"compile", aie2sim::cli::CompileCommand, "compile a workload for a config into a program"},
    {"listing", aie2sim::cli::ListingCommand, "print a program in the paper's ASM-like style"},
    {"estimate", aie2sim::cli::EstimateCommand, "analytic latency of a program (paper model)"},
    {"simulate", aie2sim::cli::SimulateCommand, "simulated latency of a program (SystemC model)"},
    {"run", aie2sim::cli::RunCommand, "compile + estimate + simulate, side by side per layer"},
    {"calibrate", aie2sim::cli::CalibrateCommand,
     "fit the analytic model's parameters to simulations; write an overlay"},
    {"reduce", aie2sim::cli::ReduceCommand,
     "multiplications of dense, compressed, SnaPEA and two-sided variants, on real data"},
    {"validate", aie2sim::cli::ValidateCommand,
     "simulate the silicon reference suite and compare with the measurements"},
    {"config-keys", aie2sim::cli::ConfigKeysCommand,
     "every hardware-config key, its unit and range"},
    {"html", aie2sim::cli::HtmlCommand,
     "an HTML page from a JSON report or a sweep's data (the reports' one script)"},
};

void PrintHelp() {
  std::cout << "aie2sim " << aie2sim::kToolVersion
            << " - AIE2 (AIE-ML) array simulator and compiler\n\n"
               "usage: aie2sim <command> [options]     (aie2sim <command> --help for details)\n\n"
               "commands:\n";
  for (const Subcommand& command : kSubcommands) {
    std::printf("  %-12s %s\n", command.name, command.summary);
  }
  std::cout << "\noptions:\n  --help      this help\n  --version   tool version and git hash\n"
               "\nexit codes: 0 success, 2 bad input (file, flag, config, program), 1 internal "
               "error\n";
}

int Dispatch(int argc, char* argv[]) {
  if (argc < 2) {
    PrintHelp();
    return 2;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    PrintHelp();
    return 0;
  }
  if (first == "--version") {
    std::cout << "aie2sim " << aie2sim::kToolVersion << " (git " << aie2sim::kGitHash << ")\n";
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const Subcommand& command : kSubcommands) {
    if (first == command.name) return command.run(args);
  }
  throw aie2sim::UserError("unknown command \"" + first + "\" (see aie2sim --help)");
}

}  // namespace

// SystemC's own main() prints its banner before calling sc_main unless this variable is set, so
// the executable defines main() itself (it takes precedence over libsystemc's), sets it, and
// hands over to the kernel exactly as libsystemc's main() would.
int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
  aie2sim::InstallSignalCleanup();
  try {
    return Dispatch(argc, argv);
  } catch (const aie2sim::ReportedError& error) {
    return error.exit_code();
  } catch (const aie2sim::UserError& error) {
    std::cerr << "aie2sim: error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "aie2sim: internal error: " << error.what() << "\n";
    return 1;
  }
}
