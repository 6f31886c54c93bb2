#include <iostream>

#include "sim/arch/config_hash.h"
#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"

namespace aie2sim::cli {

int ConfigKeysCommand(const Args& args) {
  ArchOptions arch_options;
  po::options_description options("config-keys options");
  options.add_options()(
      "arch", po::value(&arch_options.arch),
      "instead of listing the keys, check this config (and its --set overrides) and print its "
      "name and hash")("set", po::value(&arch_options.sets)->composing(),
                       "override one config key (repeatable; with --arch)");
  if (!ParseArgs("config-keys", "[--arch A [--set key=value]...]", args, options, {})) return 0;
  if (!arch_options.arch.empty()) {
    const arch::HardwareConfig config = LoadArch(arch_options);
    std::cout << config.source_path << ": " << config.name << ", config hash "
              << arch::ConfigHash(config) << "\n";
    return 0;
  }
  if (!arch_options.sets.empty()) throw UserError("--set: has no effect without --arch");
  for (const std::string& line : arch::DescribeConfigKeys()) std::cout << line << "\n";
  return 0;
}

}  // namespace aie2sim::cli
