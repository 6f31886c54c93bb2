#include "sim/cli/options.h"

#include <algorithm>
#include <iostream>
#include <typeinfo>

#include "sim/arch/config_loader.h"
#include "sim/base/error.h"
#include "sim/base/paths.h"

namespace aie2sim::cli {

void AddArchOptions(po::options_description& options, ArchOptions* values) {
  options.add_options()("arch", po::value(&values->arch)->required(),
                        "hardware config: a YAML path or a preset name (e.g. paper-4x4)")(
      "set", po::value(&values->sets)->composing(),
      "override one config key, e.g. --set core.macs_per_cycle.int8=128 (repeatable)");
}

arch::HardwareConfig LoadArch(const ArchOptions& values) {
  const std::string path = ResolveDataFile(values.arch, "configs", ".yaml", "config");
  return arch::LoadHardwareConfig(path, values.sets);
}

namespace {

// An option that only modifies others: given without any of them it would be ignored silently,
// so it is an error, in every command that has these options. In a command that has none of the
// options it modifies it is a main option of its own (`reduce --input`), and the rule does not
// apply. `unless` is a value that makes the option a main one of its own (--importance existing).
struct ModifierRule {
  const char* option;
  std::vector<const char*> modifies;
  const char* unless = nullptr;
};

const ModifierRule kModifierRules[] = {
    {"block", {"sparsity", "sparsity-spec", "mask-file", "importance"}},
    {"importance", {"sparsity", "sparsity-spec"}, "existing"},
    {"dense-layers", {"sparsity", "sparsity-spec"}},
    {"keep-lines", {"sparsity", "sparsity-spec"}},
    {"seed", {"sparsity", "sparsity-spec", "functional"}},
    {"trace-layer", {"trace", "html"}},
    {"trace-granularity", {"trace", "html"}},
    {"input", {"functional"}},
};

bool Given(const po::variables_map& values, const char* name) {
  const auto found = values.find(name);
  return found != values.end() && !found->second.defaulted() &&
         !(found->second.value().type() == typeid(bool) && !found->second.as<bool>());
}

bool IsUnsigned(const std::type_info& type) {
  return type == typeid(unsigned) || type == typeid(unsigned long) ||
         type == typeid(unsigned long long);
}

// Rules Boost.Program_options does not apply: no empty value ("--json ''" is not "no JSON"), no
// negative number for an unsigned option (lexical_cast wraps -1 around), no modifier alone.
void CheckGiven(const po::parsed_options& parsed, const po::variables_map& values,
                const po::options_description& options) {
  for (const po::option& option : parsed.options) {
    const auto found = values.find(option.string_key);
    if (found == values.end()) continue;
    const std::type_info& type = found->second.value().type();
    for (const std::string& token : option.value) {
      if (token.empty()) throw UserError("--" + option.string_key + ": empty value");
      if (IsUnsigned(type) && token.find('-') != std::string::npos) {
        throw UserError("--" + option.string_key + ": expected an unsigned integer, got \"" +
                        token + "\"");
      }
    }
  }
  for (const ModifierRule& rule : kModifierRules) {
    if (!Given(values, rule.option)) continue;
    if (rule.unless != nullptr && values[rule.option].as<std::string>() == rule.unless) continue;
    const bool command_has_modified =
        std::any_of(rule.modifies.begin(), rule.modifies.end(),
                    [&](const char* name) { return options.find_nothrow(name, false) != nullptr; });
    if (!command_has_modified) continue;
    std::string needed;
    bool applies = false;
    for (size_t i = 0; i < rule.modifies.size(); ++i) {
      applies = applies || Given(values, rule.modifies[i]);
      needed += std::string(i == 0                          ? ""
                            : i + 1 == rule.modifies.size() ? " or "
                                                            : ", ") +
                "--" + rule.modifies[i];
    }
    if (!applies)
      throw UserError("--" + std::string(rule.option) + ": has no effect without " + needed);
  }
}

}  // namespace

bool ParseArgs(const std::string& command, const std::string& usage,
               const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional) {
  po::options_description all(options);
  all.add_options()("help,h", "print this help");
  po::variables_map values;
  try {
    const po::parsed_options parsed =
        po::command_line_parser(args).options(all).positional(positional).run();
    po::store(parsed, values);
    if (values.count("help")) {
      std::cout << "usage: aie2sim " << command << " " << usage << "\n\n" << all << "\n";
      return false;
    }
    CheckGiven(parsed, values, all);
    po::notify(values);
  } catch (const po::error& error) {
    throw UserError("aie2sim " + command + ": " + error.what() + " (see aie2sim " + command +
                    " --help)");
  }
  return true;
}

}  // namespace aie2sim::cli
