// `--design FILE` for compile and run: the options, and the design loaded, checked against its
// config and lowered (compiler/design/).
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "compiler/design/design.h"
#include "compiler/design/design_names.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::cli {

struct DesignOptions {
  std::string design;               // a path or a shipped name (workloads/designs/NAME.yaml)
  std::vector<std::string> params;  // NAME=VALUE
  std::string arch;                 // empty: the design's device
  std::vector<std::string> sets;
};
void AddDesignOptions(boost::program_options::options_description& options, DesignOptions* values);

// Whether the words after a subcommand ask for a design (--design or --design=FILE).
bool AsksForDesign(const std::vector<std::string>& args);

struct LoadedDesign {
  design::Design design;
  arch::HardwareConfig config;
  isa::Program program;
  design::DesignNames names;  // what its locks and routes stand for
};
// Reads the design with its --param values, loads its config (--arch, else the design's device;
// another --arch must have the device's geometry) with --set applied, and lowers it.
LoadedDesign LoadDesignProgram(const DesignOptions& options);

}  // namespace aie2sim::cli
