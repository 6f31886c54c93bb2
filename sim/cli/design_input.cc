#include "sim/cli/design_input.h"

#include <map>

#include "compiler/design/design_reader.h"
#include "compiler/design/lower_design.h"
#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/base/paths.h"

namespace aie2sim::cli {

namespace po = boost::program_options;

void AddDesignOptions(po::options_description& options, DesignOptions* values) {
  // clang-format off
  options.add_options()
      ("design", po::value(&values->design)->required(),
       "design: a YAML path or a shipped name (workloads/designs/, e.g. passthrough)")
      ("param", po::value(&values->params)->composing(),
       "set a design parameter, NAME=VALUE (repeatable), e.g. --param M=1024")
      ("arch", po::value(&values->arch),
       "hardware config (default: the design's device); must have the device's geometry")
      ("set", po::value(&values->sets)->composing(),
       "override one config key, e.g. --set kernels.mm_i16_i32.efficiency=0.7 (repeatable)");
  // clang-format on
}

bool AsksForDesign(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--design" || arg.rfind("--design=", 0) == 0) return true;
  }
  return false;
}

namespace {

arch::HardwareConfig LoadConfig(const std::string& spec, const std::vector<std::string>& sets) {
  return arch::LoadHardwareConfig(ResolveDataFile(spec, "configs", {".yaml"}, "config"), sets);
}

std::string GeometryText(const arch::HardwareConfig& config) {
  return std::to_string(config.array.columns) + " columns x " + std::to_string(config.array.rows) +
         " core rows";
}

}  // namespace

LoadedDesign LoadDesignProgram(const DesignOptions& options) {
  std::map<std::string, std::string> params;
  for (const std::string& param : options.params) {
    const size_t equals = param.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == param.size()) {
      throw UserError("--param " + param + ": expected NAME=VALUE");
    }
    const std::string name = param.substr(0, equals);
    if (!params.emplace(name, param.substr(equals + 1)).second) {
      throw UserError("--param " + name + ": given twice");
    }
  }
  const std::string path =
      ResolveDataFile(options.design, "workloads/designs", {".yaml"}, "design");
  LoadedDesign loaded{design::LoadDesign(path, params), {}, {}, {}};
  const design::Design& design = loaded.design;
  if (options.arch.empty()) {
    loaded.config = LoadConfig(design.device, options.sets);
  } else {
    loaded.config = LoadConfig(options.arch, options.sets);
    const arch::HardwareConfig device = LoadConfig(design.device, {});
    if (device.array.rows != loaded.config.array.rows ||
        device.array.columns != loaded.config.array.columns) {
      throw UserError("--arch " + options.arch + ": " + GeometryText(loaded.config) + ", but " +
                      path + " was written for " + design.device + " (" + GeometryText(device) +
                      ")");
    }
  }
  loaded.program = design::LowerDesign(design, loaded.config, &loaded.names);
  return loaded;
}

}  // namespace aie2sim::cli
