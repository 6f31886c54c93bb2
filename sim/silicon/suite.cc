#include "sim/silicon/suite.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "compiler/frontend/yaml_reader.h"
#include "sim/base/error.h"

namespace aie2sim::silicon {
namespace {

namespace fs = std::filesystem;

void LoadSettings(const std::string& path, Suite* suite) {
  std::ifstream in(path);
  if (!in) throw UserError(path + ": cannot open file (a suite folder needs its suite.yaml)");
  std::stringstream text;
  text << in.rdbuf();
  const frontend::YamlReader reader(path);
  const YAML::Node root = reader.Parse(text.str());
  reader.CheckKeys(root, "", {"name", "parameters"});
  suite->name = reader.String(reader.Required(root, "", "name"), "name");
  const YAML::Node parameters = reader.Required(root, "", "parameters");
  if (!parameters.IsSequence()) reader.Fail(parameters, "parameters", "expected a list");
  std::set<std::string> keys;
  for (const YAML::Node& node : parameters) {
    reader.CheckKeys(node, "parameters[]", {"key", "lower", "upper", "from"});
    FittedParameter parameter;
    const YAML::Node key = reader.Required(node, "parameters[]", "key");
    parameter.key = reader.String(key, "parameters[].key");
    if (!keys.insert(parameter.key).second) {
      reader.Fail(key, "parameters[]." + parameter.key, "fitted twice");
    }
    const std::string path_of = "parameters." + parameter.key;
    const double huge = std::numeric_limits<double>::max();
    parameter.lower = reader.Double(reader.Required(node, path_of, "lower"), path_of + ".lower",
                                    std::numeric_limits<double>::min(), huge);
    const YAML::Node upper = reader.Required(node, path_of, "upper");
    parameter.upper = reader.Double(upper, path_of + ".upper", parameter.lower, huge);
    const YAML::Node from = reader.Required(node, path_of, "from");
    parameter.from = reader.StringList(from, path_of + ".from");
    if (parameter.from.empty()) reader.Fail(from, path_of + ".from", "names no point");
    suite->parameters.push_back(std::move(parameter));
  }
}

}  // namespace

const SuiteEntry* Suite::Find(const std::string& id) const {
  for (const SuiteEntry& entry : entries) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

Suite LoadSuite(const std::string& folder) {
  if (!fs::is_directory(folder)) throw UserError(folder + ": not a suite folder");
  Suite suite;
  suite.folder = folder;
  const std::string settings = (fs::path(folder) / "suite.yaml").string();
  LoadSettings(settings, &suite);
  std::vector<std::string> files;
  for (const fs::directory_entry& file : fs::directory_iterator(folder)) {
    const fs::path path = file.path();
    if (file.is_regular_file() && path.extension() == ".yaml" && path.filename() != "suite.yaml") {
      files.push_back(path.string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    SuiteEntry entry = LoadSuiteEntry(file);
    if (const SuiteEntry* other = suite.Find(entry.id)) {
      throw UserError(file + ": id: \"" + entry.id + "\" is also the id of " + other->file);
    }
    suite.entries.push_back(std::move(entry));
  }
  if (suite.entries.empty()) throw UserError(folder + ": the suite has no point");
  for (const FittedParameter& parameter : suite.parameters) {
    for (const std::string& id : parameter.from) {
      const SuiteEntry* entry = suite.Find(id);
      if (entry == nullptr) {
        throw UserError(settings + ": parameters." + parameter.key + ".from: no point \"" + id +
                        "\" in the suite");
      }
      if (entry->role != Role::kCalibration) {
        throw UserError(settings + ": parameters." + parameter.key + ".from: \"" + id + "\" is a " +
                        RoleName(entry->role) +
                        " point; parameters are set from calibration points only");
      }
    }
  }
  return suite;
}

}  // namespace aie2sim::silicon
