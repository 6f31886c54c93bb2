#include "sim/cli/options.h"

#include <iostream>

#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/base/paths.h"

namespace aie2sim::cli {

void AddArchOptions(po::options_description& options, ArchOptions* values) {
  options.add_options()
      ("arch", po::value(&values->arch)->required(),
       "hardware config: a YAML path or a preset name (e.g. paper-4x4)")
      ("set", po::value(&values->sets)->composing(),
       "override one config key, e.g. --set core.macs_per_cycle.int8=128 (repeatable)");
}

arch::HardwareConfig LoadArch(const ArchOptions& values) {
  const std::string path = ResolveDataFile(values.arch, "configs", {".yaml"}, "config");
  return arch::LoadHardwareConfig(path, values.sets);
}

bool ParseArgs(const std::string& command, const std::string& usage,
               const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional) {
  po::options_description all(options);
  all.add_options()("help,h", "print this help");
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    if (values.count("help")) {
      std::cout << "usage: aie2sim " << command << " " << usage << "\n\n" << all << "\n";
      return false;
    }
    po::notify(values);
  } catch (const po::error& error) {
    throw UserError("aie2sim " + command + ": " + error.what() + " (see aie2sim " + command +
                    " --help)");
  }
  return true;
}

}  // namespace aie2sim::cli
