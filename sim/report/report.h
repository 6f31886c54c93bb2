// The one report every command writes: a typed record, rendered as JSON (the schema is
// sim/report/report.schema.json), CSV (one row per layer, the same names) and a console table.
//
// Contract: field names are what users' scripts rely on; `estimate` leaves simulated_s unset and
// it is then omitted. Wall-clock figures live only under keys ending in `_wall_s`, the only
// fields allowed to differ between two identical runs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aie2sim::report {

struct ConfigInfo {
  std::string path;
  std::string name;
  std::string hash;
  std::string timing_model;
  std::vector<std::string> overrides;
};

struct SparsityRecord {
  double ratio = 0;
  std::string block = "8x8";  // output x input channels
  std::string importance = "dense";
  uint64_t seed = 0;
};

struct LayerRow {
  std::string name;
  std::string op;
  std::vector<uint64_t> in_shape;   // BHWC
  std::vector<uint64_t> out_shape;  // BHWC
  uint64_t macs = 0;
  uint64_t effective_macs = 0;
  double density = 1;
  std::optional<double> analytic_s;
  std::optional<double> simulated_s;
  std::optional<double> calibrated_s;  // the calibrated analytic model (--calibration)
  double utilization = 0;  // effective MACs / (peak MACs per second of the mesh x latency)
  std::string cause;       // what dominates the layer (see the schema)
  // The hardware bound (sim/analytic/bound.h): the least time the array allows for the layer,
  // the resource that sets it, and bound_s / latency (simulated if present, else analytic).
  std::optional<double> bound_s;
  std::string bound_resource;
  std::optional<double> efficiency;
  // Extra per-layer detail (analytic stage parts, simulator stats), rendered under "detail".
  nlohmann::ordered_json detail = nlohmann::ordered_json::object();
};

struct Totals {
  uint64_t macs = 0;
  uint64_t effective_macs = 0;
  std::optional<double> analytic_s;
  std::optional<double> simulated_s;
  std::optional<double> calibrated_s;
  std::optional<double> bound_s;     // the layers' bounds summed
  std::optional<double> efficiency;  // bound_s / the total latency
  double images_per_s = 0;
};

struct Report {
  std::string command;  // info | compile | estimate | simulate | run
  ConfigInfo config;
  std::string program_hash;
  std::string workload;
  uint64_t batch = 1;
  SparsityRecord sparsity;
  std::vector<LayerRow> layers;
  Totals totals;
  std::map<std::string, double> wall_s;  // phase -> seconds; rendered as "<phase>_wall_s"
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // command-specific sections
  // Data only the HTML report's views draw, by view (e.g. "analytic_schedule": per layer the
  // model's timeline); left out of the JSON report, whose figures determine it.
  nlohmann::ordered_json views = nlohmann::ordered_json::object();
};

inline constexpr int kReportSchemaVersion = 1;

nlohmann::ordered_json ToJson(const Report& report);

// Write to a file (UserError naming the path when it cannot be written).
void WriteJson(const Report& report, const std::string& path);
void WriteCsv(const Report& report, const std::string& path);

// The per-layer console table: name, op, MACs, density, utilization, analytic us, simulated us,
// simulated/analytic, bound us and efficiency, cause (and calibrated us when present); then the
// totals.
std::string FormatTable(const Report& report);

}  // namespace aie2sim::report
