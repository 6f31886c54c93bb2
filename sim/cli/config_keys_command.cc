#include <iostream>

#include "sim/arch/config_loader.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"

namespace aie2sim::cli {

int ConfigKeysCommand(const Args& args) {
  po::options_description options("config-keys options");
  if (!ParseArgs("config-keys", "", args, options, {})) return 0;
  for (const std::string& line : arch::DescribeConfigKeys()) std::cout << line << "\n";
  return 0;
}

}  // namespace aie2sim::cli
