// The subcommands of aie2sim. Each takes the words after its name, returns the exit code, and
// throws UserError for bad input (exit 2) and anything else for our own bugs (exit 1).
#pragma once

#include <string>
#include <vector>

namespace aie2sim::cli {

using Args = std::vector<std::string>;

int InfoCommand(const Args& args);      // per-layer shapes and MACs of a workload
int ImportCommand(const Args& args);    // ONNX model -> YAML workload
int CompileCommand(const Args& args);   // workload -> program file
int ListingCommand(const Args& args);   // program file -> paper-style listing
int EstimateCommand(const Args& args);  // program -> analytic latency
int SimulateCommand(const Args& args);  // program -> simulated latency (SystemC)
int RunCommand(const Args& args);       // compile + estimate + simulate
int ConfigKeysCommand(const Args& args);  // every hardware-config key with unit and range
int CalibrateCommand(const Args& args);   // fit the analytic model to simulations
int ReduceCommand(const Args& args);      // multiplication counts of SnaPEA and its variants
int ValidateCommand(const Args& args);    // the silicon reference suite: simulated vs measured
int HtmlCommand(const Args& args);        // an HTML report page from JSON data

}  // namespace aie2sim::cli
