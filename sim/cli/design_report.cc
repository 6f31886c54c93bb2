#include "sim/cli/design_report.h"

#include <cstdio>
#include <set>
#include <sstream>

#include "sim/analytic/design_bound.h"
#include "sim/base/error.h"

namespace aie2sim::cli {

using Json = nlohmann::ordered_json;

void AddDesignSection(report::Report& report, const design::Design& design,
                      const isa::Program& program, const arch::HardwareConfig& config) {
  const Json& simulation = report.extra.at("simulation");
  AIE2SIM_CHECK(report.totals.simulated_s.has_value(), "a design section needs a simulation");
  const double total = *report.totals.simulated_s;
  const double dispatch = simulation.value("host_dispatch_s", 0.0);
  const double array = total - dispatch;
  std::set<std::string> idle;
  if (simulation.contains("idle_at_end")) {
    for (const std::string& line : simulation.at("idle_at_end")) {
      idle.insert(line.substr(0, line.find(' ')));
    }
  }
  Json engines = Json::array();
  double kernel_busy = 0;
  uint32_t cores = 0;
  for (const Json& engine : simulation.at("engines")) {
    const std::string name = engine.at("engine");
    if (name == "controller") continue;
    engines.push_back({{"engine", name},
                       {"busy_s", engine.at("busy_s")},
                       {"lock_wait_s", engine.at("lock_wait_s")},
                       {"link_wait_s", engine.at("link_wait_s")},
                       {"idle_at_end", idle.count(name) > 0}});
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".proc") == 0) {
      kernel_busy += engine.at("busy_s").get<double>();
      ++cores;
    }
  }
  const Json& traffic = simulation.at("traffic");
  const auto bytes = [&](const char* key) { return traffic.value(key, uint64_t{0}); };
  const std::vector<analytic::DesignBound> bounds = analytic::BoundDesign(program, config);
  AIE2SIM_CHECK(bounds.size() == 1, "a design has one layer");
  Json parameters = Json::object();
  for (const auto& [name, value] : design.parameters) {
    if (value.is_symbol) {
      parameters[name] = value.symbol;
    } else {
      parameters[name] = value.number;
    }
  }
  const double macs = static_cast<double>(program.layers(0).macs());
  report.extra["design"] = {
      {"name", design.name},
      {"file", design.file},
      {"device", design.device},
      {"upstream", design.upstream},
      {"parameters", std::move(parameters)},
      {"total_s", total},
      {"array_s", array},
      {"host_dispatch_s", dispatch},
      {"engines", std::move(engines)},
      {"bytes",
       {{"ddr_read", bytes("ddr_read_bytes")},
        {"ddr_write", bytes("ddr_write_bytes")},
        {"memtile", bytes("memtile_read_bytes") + bytes("memtile_write_bytes")},
        {"core", bytes("core_read_bytes") + bytes("core_write_bytes")}}},
      {"kernel_share", cores > 0 && array > 0 ? kernel_busy / (cores * array) : 0.0},
      {"macs_per_cycle", array > 0 ? macs / (array * config.clock_hz()) : 0.0},
      {"bound_s", bounds[0].seconds},
      {"bound_resource", bounds[0].bound_by}};
}

std::string FormatDesignSummary(const report::Report& report) {
  const Json& design = report.extra.at("design");
  std::ostringstream out;
  char line[256];
  const auto us = [](const Json& seconds) { return seconds.get<double>() * 1e6; };
  out << "\ndesign " << design.at("name").get<std::string>() << " ("
      << design.at("file").get<std::string>() << ")\n";
  std::snprintf(line, sizeof line,
                "  total %.3f us = array %.3f us + host dispatch %.3f us;  bound %.3f us (%s)\n",
                us(design.at("total_s")), us(design.at("array_s")),
                us(design.at("host_dispatch_s")), us(design.at("bound_s")),
                design.at("bound_resource").get<std::string>().c_str());
  out << line;
  const Json& bytes = design.at("bytes");
  std::snprintf(line, sizeof line,
                "  bytes: DDR read %llu, DDR write %llu, memtile %llu, core %llu;  kernel share "
                "%.3f, %.1f MACs/cycle\n",
                static_cast<unsigned long long>(bytes.at("ddr_read").get<uint64_t>()),
                static_cast<unsigned long long>(bytes.at("ddr_write").get<uint64_t>()),
                static_cast<unsigned long long>(bytes.at("memtile").get<uint64_t>()),
                static_cast<unsigned long long>(bytes.at("core").get<uint64_t>()),
                design.at("kernel_share").get<double>(), design.at("macs_per_cycle").get<double>());
  out << line;
  std::snprintf(line, sizeof line, "  %-22s %12s %12s %12s  %s\n", "engine", "busy us",
                "lock wait us", "link wait us", "at end");
  out << line;
  for (const Json& engine : design.at("engines")) {
    std::snprintf(line, sizeof line, "  %-22s %12.3f %12.3f %12.3f  %s\n",
                  engine.at("engine").get<std::string>().c_str(), us(engine.at("busy_s")),
                  us(engine.at("lock_wait_s")), us(engine.at("link_wait_s")),
                  engine.at("idle_at_end").get<bool>() ? "idle" : "done");
    out << line;
  }
  return out.str();
}

}  // namespace aie2sim::cli
