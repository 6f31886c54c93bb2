#include "sim/report/report.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "sim/base/atomic_file.h"
#include "sim/base/error.h"
#include "sim/base/version.h"

namespace aie2sim::report {
namespace {

using Json = nlohmann::ordered_json;

std::string ShapeText(const std::vector<uint64_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string Number(double value) {
  std::ostringstream out;
  out << std::setprecision(9) << value;
  return out.str();
}

std::string Optional(const std::optional<double>& value) { return value ? Number(*value) : ""; }

}  // namespace

Json ToJson(const Report& report) {
  Json json;
  json["schema_version"] = kReportSchemaVersion;
  json["command"] = report.command;
  json["tool"] = {{"version", kToolVersion}, {"git", kGitHash}};
  json["config"] = {{"path", report.config.path},
                    {"name", report.config.name},
                    {"hash", report.config.hash},
                    {"timing_model", report.config.timing_model},
                    {"overrides", report.config.overrides}};
  json["program_hash"] = report.program_hash;
  json["workload"] = report.workload;
  json["batch"] = report.batch;
  json["sparsity"] = {{"ratio", report.sparsity.ratio},
                      {"block", report.sparsity.block},
                      {"importance", report.sparsity.importance},
                      {"seed", report.sparsity.seed}};
  Json layers = Json::array();
  for (const LayerRow& row : report.layers) {
    Json layer = {{"name", row.name},         {"op", row.op},
                  {"in_shape", row.in_shape}, {"out_shape", row.out_shape},
                  {"macs", row.macs},         {"effective_macs", row.effective_macs},
                  {"density", row.density}};
    if (row.analytic_s) layer["analytic_s"] = *row.analytic_s;
    if (row.simulated_s) layer["simulated_s"] = *row.simulated_s;
    if (row.calibrated_s) layer["calibrated_s"] = *row.calibrated_s;
    layer["utilization"] = row.utilization;
    layer["cause"] = row.cause;
    if (!row.detail.empty()) layer["detail"] = row.detail;
    layers.push_back(std::move(layer));
  }
  json["layers"] = std::move(layers);
  Json totals = {{"macs", report.totals.macs}, {"effective_macs", report.totals.effective_macs}};
  if (report.totals.analytic_s) totals["analytic_s"] = *report.totals.analytic_s;
  if (report.totals.simulated_s) totals["simulated_s"] = *report.totals.simulated_s;
  if (report.totals.calibrated_s) totals["calibrated_s"] = *report.totals.calibrated_s;
  totals["images_per_s"] = report.totals.images_per_s;
  json["totals"] = std::move(totals);
  for (const auto& [key, value] : report.extra.items()) json[key] = value;
  Json wall = Json::object();
  for (const auto& [phase, seconds] : report.wall_s) wall[phase + "_wall_s"] = seconds;
  json["wall"] = std::move(wall);
  return json;
}

void WriteJson(const Report& report, const std::string& path) {
  WriteFileAtomically(path, ToJson(report).dump(2) + "\n");
}

void WriteCsv(const Report& report, const std::string& path) {
  std::ostringstream out;
  out << "workload,config,batch,sparsity_ratio,layer,op,in_shape,out_shape,macs,effective_macs,"
         "density,analytic_s,simulated_s,utilization,cause\n";
  for (const LayerRow& row : report.layers) {
    out << CsvField(report.workload) << ',' << CsvField(report.config.name) << ',' << report.batch
        << ',' << Number(report.sparsity.ratio) << ',' << CsvField(row.name) << ',' << row.op << ','
        << ShapeText(row.in_shape) << ',' << ShapeText(row.out_shape) << ',' << row.macs << ','
        << row.effective_macs << ',' << Number(row.density) << ',' << Optional(row.analytic_s)
        << ',' << Optional(row.simulated_s) << ',' << Number(row.utilization) << ','
        << CsvField(row.cause) << '\n';
  }
  WriteFileAtomically(path, out.str());
}

std::string FormatTable(const Report& report) {
  std::ostringstream out;
  char line[320];
  bool calibrated = report.totals.calibrated_s.has_value();
  for (const LayerRow& row : report.layers) calibrated = calibrated || row.calibrated_s;
  auto micros = [](const std::optional<double>& seconds) {
    char text[32];
    if (!seconds) return std::string("-");
    std::snprintf(text, sizeof(text), "%.3f", *seconds * 1e6);
    return std::string(text);
  };
  auto ratio = [](const std::optional<double>& a, const std::optional<double>& b) {
    char text[32];
    if (!a || !b || *b == 0) return std::string("-");
    std::snprintf(text, sizeof(text), "%.3f", *a / *b);
    return std::string(text);
  };
  // The calibrated column only when a calibration was applied.
  auto extra = [calibrated](const std::string& text) {
    if (!calibrated) return std::string();
    char column[32];
    std::snprintf(column, sizeof(column), " %13s", text.c_str());
    return std::string(column);
  };
  std::snprintf(line, sizeof(line), "%-24s %-18s %14s %7s %6s %12s %12s%s %8s  %s\n", "layer", "op",
                "MACs", "density", "util", "analytic_us", "simulated_us",
                extra("calibrated_us").c_str(), "sim/ana", "cause");
  out << line;
  for (const LayerRow& row : report.layers) {
    std::snprintf(line, sizeof(line), "%-24s %-18s %14llu %7.3f %5.1f%% %12s %12s%s %8s  %s\n",
                  row.name.c_str(), row.op.c_str(), static_cast<unsigned long long>(row.macs),
                  row.density, row.utilization * 100, micros(row.analytic_s).c_str(),
                  micros(row.simulated_s).c_str(), extra(micros(row.calibrated_s)).c_str(),
                  ratio(row.simulated_s, row.analytic_s).c_str(), row.cause.c_str());
    out << line;
  }
  std::snprintf(line, sizeof(line), "%-24s %-18s %14llu %7s %6s %12s %12s%s %8s\n", "total", "",
                static_cast<unsigned long long>(report.totals.macs), "", "",
                micros(report.totals.analytic_s).c_str(), micros(report.totals.simulated_s).c_str(),
                extra(micros(report.totals.calibrated_s)).c_str(),
                ratio(report.totals.simulated_s, report.totals.analytic_s).c_str());
  out << line;
  if (report.totals.images_per_s > 0) {
    std::snprintf(line, sizeof(line), "throughput: %.1f images/s at batch %llu\n",
                  report.totals.images_per_s, static_cast<unsigned long long>(report.batch));
    out << line;
  }
  return out.str();
}

}  // namespace aie2sim::report
