#include "sim/analytic/calibration_file.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/arch/config_param.h"
#include "sim/arch/yaml_entry.h"
#include "sim/base/error.h"
#include "sim/base/utf8.h"

namespace aie2sim::analytic {
namespace {

// The values as the file states them (the DDR total is stored as its inverse).
struct Values {
  CalibrationFile file;
  double ddr_total_bytes_per_cycle = 0;
};

struct Key {
  const char* name;
  double min;
  bool min_inclusive;
  double max;
  double& (*field)(Values&);
};

std::vector<Key> Keys() {
  return {
      {"compute_efficiency", 0, false, 1,
       [](Values& v) -> double& { return v.file.calibration.compute_efficiency; }},
      {"link_bandwidth_factor", 0, false, 4,
       [](Values& v) -> double& { return v.file.calibration.link_bandwidth_factor; }},
      {"ddr_bandwidth_factor", 0, false, 4,
       [](Values& v) -> double& { return v.file.calibration.ddr_bandwidth_factor; }},
      {"ddr_total_bytes_per_cycle", 0, true, 1e6,
       [](Values& v) -> double& { return v.ddr_total_bytes_per_cycle; }},
      {"transfer_overhead_cycles", 0, true, 1e9,
       [](Values& v) -> double& { return v.file.calibration.transfer_overhead_cycles; }},
      {"lock_overhead_cycles", 0, true, 1e9,
       [](Values& v) -> double& { return v.file.calibration.lock_overhead_cycles; }},
      {"group_overhead_cycles", 0, true, 1e9,
       [](Values& v) -> double& { return v.file.calibration.group_overhead_cycles; }},
      {"layer_overhead_cycles", 0, true, 1e12,
       [](Values& v) -> double& { return v.file.calibration.layer_overhead_cycles; }},
      {"tile_overhead_cycles", 0, true, 1e9,
       [](Values& v) -> double& { return v.file.calibration.tile_overhead_cycles; }},
  };
}

std::string Bound(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

class Reader {
 public:
  explicit Reader(const std::string& display_name) : name_(display_name) {}

  std::string At(const YAML::Node& node) const {
    return name_ + ":" + std::to_string(std::max(1, arch::LineOf(node)));
  }

  // The pairs of a map, by key, rejecting duplicates and keys not in `known`.
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> Pairs(
      const YAML::Node& map, const std::string& group, const std::vector<std::string>& known) {
    std::map<std::string, std::pair<YAML::Node, YAML::Node>> pairs;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      const std::string path = group.empty() ? key : group + "." + key;
      const std::string where = At(it->first) + ": " + path;
      if (!it->first.IsScalar()) throw UserError(At(it->first) + ": expected a key name");
      const auto found = pairs.find(key);
      if (found != pairs.end()) {
        throw UserError(where + ": duplicate key (first at line " +
                        std::to_string(arch::LineOf(found->second.first)) + ")");
      }
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        throw UserError(where + ": unknown key");
      }
      pairs.emplace(key, std::make_pair(it->first, it->second));
    }
    return pairs;
  }

 private:
  std::string name_;
};

}  // namespace

CalibrationFile ParseCalibration(const std::string& yaml_text, const std::string& display_name) {
  CheckUtf8File(yaml_text, display_name);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(yaml_text);
  } catch (const YAML::Exception& error) {
    std::string place = display_name;
    if (error.mark.line >= 0) place += ":" + std::to_string(error.mark.line + 1);
    throw UserError(place + ": YAML syntax error: " + error.msg);
  }
  if (documents.size() != 1 || !documents[0].IsMap()) {
    throw UserError(display_name + ":1: expected one map with version and calibration keys");
  }
  Reader reader(display_name);
  const YAML::Node& top = documents[0];
  const auto pairs = reader.Pairs(top, "", {"version", "description", "calibration"});
  const std::string top_where = reader.At(top);
  auto required = [&](const char* key) -> const std::pair<YAML::Node, YAML::Node>& {
    const auto found = pairs.find(key);
    if (found == pairs.end()) throw UserError(top_where + ": missing required key " + key);
    return found->second;
  };
  const auto& version = required("version");
  const arch::ConfigEntry version_entry =
      arch::EntryFromYaml(version.second, reader.At(version.first) + ": version");
  if (arch::ReadUnsignedEntry(version_entry) != static_cast<uint64_t>(kCalibrationVersion)) {
    throw UserError(version_entry.where + ": unsupported calibration version " +
                    version_entry.text + " (this aie2sim reads version " +
                    std::to_string(kCalibrationVersion) + ")");
  }
  Values values;
  CalibrationFile& file = values.file;
  if (const auto found = pairs.find("description"); found != pairs.end()) {
    const YAML::Node& value = found->second.second;
    if (!value.IsNull() && !value.IsScalar()) {
      throw UserError(reader.At(found->second.first) + ": description: expected a string");
    }
    if (value.IsScalar()) file.description = value.Scalar();
  }
  const auto& calibration = required("calibration");
  const std::string calibration_where = reader.At(calibration.first) + ": calibration";
  if (!calibration.second.IsMap()) {
    throw UserError(calibration_where + ": expected a map of calibration keys, got " +
                    arch::DescribeValue(arch::EntryFromYaml(calibration.second, "")));
  }
  const std::vector<Key> keys = Keys();
  std::vector<std::string> names;
  for (const Key& key : keys) names.push_back(key.name);
  const auto entries = reader.Pairs(calibration.second, "calibration", names);
  for (const Key& key : keys) {
    const auto found = entries.find(key.name);
    if (found == entries.end()) {
      throw UserError(calibration_where + ": missing required key calibration." + key.name);
    }
    const arch::ConfigEntry entry = arch::EntryFromYaml(
        found->second.second, reader.At(found->second.first) + ": calibration." + key.name);
    const double value = arch::ReadNumberEntry(entry);
    const bool above = key.min_inclusive ? value >= key.min : value > key.min;
    if (!above || !(value <= key.max)) {
      throw UserError(entry.where + ": " + entry.text + " is out of range " +
                      (key.min_inclusive ? "[" : "(") + Bound(key.min) + ", " + Bound(key.max) +
                      "]");
    }
    key.field(values) = value;
  }
  const double total = values.ddr_total_bytes_per_cycle;
  file.calibration.ddr_cycles_per_byte = total > 0 ? 1.0 / total : 0;
  return file;
}

CalibrationFile LoadCalibration(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCalibration(text.str(), path);
}

std::string FormatCalibration(const CalibrationFile& file, const std::string& comment) {
  std::ostringstream out;
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);)
    out << "#" << (line.empty() ? "" : " ") << line << "\n";
  out << "version: " << kCalibrationVersion << "\n";
  if (!file.description.empty()) {
    std::string quoted;
    for (char c : file.description) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    out << "description: \"" << quoted << "\"\n";
  }
  const Calibration& c = file.calibration;
  const double ddr_total = c.ddr_cycles_per_byte > 0 ? 1.0 / c.ddr_cycles_per_byte : 0;
  const std::pair<const char*, double> values[] = {
      {"compute_efficiency", c.compute_efficiency},
      {"link_bandwidth_factor", c.link_bandwidth_factor},
      {"ddr_bandwidth_factor", c.ddr_bandwidth_factor},
      {"ddr_total_bytes_per_cycle", ddr_total},
      {"transfer_overhead_cycles", c.transfer_overhead_cycles},
      {"lock_overhead_cycles", c.lock_overhead_cycles},
      {"group_overhead_cycles", c.group_overhead_cycles},
      {"layer_overhead_cycles", c.layer_overhead_cycles},
      {"tile_overhead_cycles", c.tile_overhead_cycles}};
  const char* comments[] = {"achieved / peak MACs, (0, 1]",
                            "effective / nominal stream bandwidth, (0, 4]",
                            "effective / nominal shim channel bandwidth, (0, 4]",
                            "all shim channels together, bytes/cycle; 0: no limit",
                            "per transfer per engine, cycles",
                            "per acquire or release, cycles",
                            "per group, cycles",
                            "per layer, cycles",
                            "per layer and tile of the array, cycles"};
  out << "calibration:\n";
  for (size_t i = 0; i < std::size(values); ++i) {
    std::ostringstream line;
    line.precision(9);
    line << "  " << values[i].first << ": " << values[i].second;
    std::string text = line.str();
    text.resize(std::max<size_t>(text.size() + 1, 42), ' ');
    out << text << "# " << comments[i] << "\n";
  }
  return out.str();
}

}  // namespace aie2sim::analytic
