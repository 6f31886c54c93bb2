#include "sim/cli/report_builder.h"

#include <algorithm>

#include "sim/analytic/program_bound.h"
#include "sim/analytic/schedule.h"
#include "sim/arch/config_hash.h"
#include "sim/base/error.h"
#include "sim/isa/program_io.h"

namespace aie2sim::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* GroupKindName(isa::GroupKind kind) {
  switch (kind) {
    case isa::GROUP_LOAD:
      return "load";
    case isa::GROUP_WEIGHTS:
      return "weights";
    case isa::GROUP_HEAD:
      return "head";
    case isa::GROUP_BODY:
      return "body";
    case isa::GROUP_TAIL:
      return "tail";
    case isa::GROUP_STORE:
      return "store";
    default:
      return "other";
  }
}

// The stage whose summed time is largest: what bounds the layer in the analytic model.
std::string Bound(const analytic::LayerEstimate& layer) {
  const std::pair<double, const char*> stages[] = {{layer.ddr.count(), "bound:ddr"},
                                                   {layer.load.count(), "bound:load"},
                                                   {layer.compute.count(), "bound:compute"},
                                                   {layer.store.count(), "bound:store"}};
  return std::max_element(std::begin(stages), std::end(stages))->second;
}

// DDR traffic of a layer from its shim transfers (every iteration), activations and weights
// apart, and what the compiler recorded about memtile use and spills.
Json MemoryDetail(const isa::Layer& layer) {
  uint64_t activations_read = 0, weights_read = 0, written = 0;
  for (const isa::Group& group : layer.groups()) {
    for (const isa::Stream& stream : group.streams()) {
      if (stream.engine().tile() != isa::SHIM) continue;
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (!instruction.has_transfer()) continue;
        const uint64_t bytes = instruction.transfer().bytes() * group.iterations();
        if (stream.engine().kind() == isa::S2MM) {
          written += bytes;
        } else if (instruction.transfer().data() == isa::WEIGHTS) {
          weights_read += bytes;
        } else {
          activations_read += bytes;
        }
      }
    }
  }
  Json spills = Json::array();
  for (const std::string& spill : layer.spills()) spills.push_back(spill);
  return Json{{"memtile_peak_bytes", layer.memtile_peak_bytes()},
              {"ddr_activation_read_bytes", activations_read},
              {"ddr_weight_read_bytes", weights_read},
              {"ddr_write_bytes", written},
              {"spills", std::move(spills)}};
}

// The layer's hardware bound into its row: bound_s, bound_resource and, under detail.bound, every
// resource's time, the work they come from and the memory check.
void AddBound(const isa::Layer& layer, const analytic::BoundRates& rates,
              const arch::HardwareConfig& config, report::LayerRow* row) {
  const analytic::BoundWork work = analytic::LayerWork(layer, config);
  const analytic::LayerBound bound = analytic::BoundLayer(work, rates);
  row->bound_s = bound.bound_s;
  row->bound_resource = bound.resource;
  row->detail["bound"] = {{"compute_s", bound.compute_s},
                          {"ddr_s", bound.ddr_s},
                          {"column_links_s", bound.column_links_s},
                          {"core_links_s", bound.core_links_s},
                          {"cores", work.cores},
                          {"ddr_bytes", work.ddr_bytes},
                          {"core_in_bytes", work.core_in_bytes},
                          {"core_out_bytes", work.core_out_bytes},
                          {"fits_memory", bound.fits_memory}};
}

// The network's output: the output of the program's last layer, x = q * 2^-exponent.
Json NetworkOutputJson(const isa::Program& program) {
  const isa::LayerData& data = program.layers(program.layers_size() - 1).data();
  return {
      {"tensor", data.output().tensor()},
      {"shape", std::vector<uint64_t>(data.output().shape().begin(), data.output().shape().end())},
      {"exponent", data.output_exponent()}};
}

// A layer's analytic schedule (sim/analytic/schedule.h) in seconds, for the HTML report:
// {total_s, groups: [[name, start_s, end_s, [[stage, start_s, length_s, period_s, count,
// pipelines], ...]], ...]}, stage one of DDR, LOAD, COMP, STORE.
Json ScheduleJson(const analytic::LayerSchedule& schedule, double hz) {
  static const char* const kStages[] = {"DDR", "LOAD", "COMP", "STORE"};
  auto seconds = [hz](Cycles cycles) { return ToSeconds(cycles, hz).value; };
  Json groups = Json::array();
  for (const analytic::GroupSchedule& group : schedule.groups) {
    Json runs = Json::array();
    for (const analytic::StageRun& run : group.runs) {
      runs.push_back(
          Json::array({kStages[static_cast<int>(run.stage)], seconds(run.start),
                       seconds(run.length), seconds(run.period), run.count, run.pipelines}));
    }
    groups.push_back(
        Json::array({group.name, seconds(group.start), seconds(group.end), std::move(runs)}));
  }
  return Json{{"total_s", seconds(schedule.total)}, {"groups", std::move(groups)}};
}

}  // namespace

report::Report ReportFor(const std::string& command, const arch::HardwareConfig& config,
                         const isa::Program& program) {
  report::Report report;
  report.command = command;
  report.config = {config.source_path, config.name, arch::ConfigHash(config),
                   arch::TimingModelName(config.timing_model), config.overrides};
  report.program_hash = isa::ProgramHash(program);
  report.workload = program.workload();
  report.batch = program.batch();
  const isa::SparsityInfo& sparsity = program.sparsity();
  report.sparsity.ratio = sparsity.ratio();
  report.sparsity.block = std::to_string(sparsity.block_h() ? sparsity.block_h() : 8) + "x" +
                          std::to_string(sparsity.block_w() ? sparsity.block_w() : 8);
  report.sparsity.importance = sparsity.importance().empty() ? "dense" : sparsity.importance();
  report.sparsity.seed = sparsity.seed();
  const analytic::BoundRates rates = analytic::RatesOf(config);
  report.totals.bound_s = 0;
  for (const isa::Layer& layer : program.layers()) {
    report::LayerRow row;
    row.name = layer.name();
    row.op = layer.op();
    row.in_shape.assign(layer.in_shape().begin(), layer.in_shape().end());
    row.out_shape.assign(layer.out_shape().begin(), layer.out_shape().end());
    row.macs = layer.macs();
    row.effective_macs = layer.effective_macs();
    row.density = layer.density();
    row.detail["memory"] = MemoryDetail(layer);
    AddBound(layer, rates, config, &row);
    *report.totals.bound_s += *row.bound_s;
    report.totals.macs += row.macs;
    report.totals.effective_macs += row.effective_macs;
    report.layers.push_back(std::move(row));
  }
  return report;
}

void AddEstimate(report::Report& report, const analytic::ProgramEstimate& paper,
                 const analytic::ProgramEstimate& fill_drain, const arch::HardwareConfig& config) {
  AIE2SIM_CHECK(paper.layers.size() == report.layers.size() &&
                    fill_drain.layers.size() == report.layers.size(),
                "estimate and report disagree on the layer count");
  const double hz = config.clock_hz();
  auto seconds = [hz](Cycles cycles) { return ToSeconds(cycles, hz).value; };
  for (size_t i = 0; i < report.layers.size(); ++i) {
    const analytic::LayerEstimate& layer = paper.layers[i];
    report::LayerRow& row = report.layers[i];
    row.analytic_s = seconds(layer.total);
    row.cause = Bound(layer);
    Json groups = Json::array();
    for (size_t g = 0; g < layer.groups.size(); ++g) {
      const analytic::GroupEstimate& group = layer.groups[g];
      groups.push_back({{"name", group.name},
                        {"kind", GroupKindName(group.kind)},
                        {"iterations", group.iterations},
                        {"ddr_s", seconds(group.ddr)},
                        {"load_s", seconds(group.load)},
                        {"compute_s", seconds(group.compute)},
                        {"store_s", seconds(group.store)},
                        {"total_s", seconds(group.total)},
                        {"fill_drain_total_s", seconds(fill_drain.layers[i].groups[g].total)}});
    }
    row.detail["analytic"] = {{"ddr_s", seconds(layer.ddr)},
                              {"load_s", seconds(layer.load)},
                              {"compute_s", seconds(layer.compute)},
                              {"store_s", seconds(layer.store)},
                              {"fill_drain_s", seconds(fill_drain.layers[i].total)},
                              {"groups", std::move(groups)}};
  }
  report.totals.analytic_s = seconds(paper.total);
  report.extra["analytic_fill_drain_s"] = seconds(fill_drain.total);
  Json schedules = Json::array();
  for (size_t i = 0; i < report.layers.size(); ++i) {
    schedules.push_back(
        {{"paper", ScheduleJson(analytic::ScheduleLayer(paper.layers[i], false), hz)},
         {"fill_drain", ScheduleJson(analytic::ScheduleLayer(fill_drain.layers[i], true), hz)}});
  }
  report.views["analytic_schedule"] = std::move(schedules);
}

void AddCalibrated(report::Report& report, const isa::Program& program,
                   const arch::HardwareConfig& config, const analytic::CalibrationFile& file,
                   const std::string& path) {
  const std::vector<Cycles> layers =
      analytic::CalibrationModel(program, config).Evaluate(file.calibration);
  AIE2SIM_CHECK(layers.size() == report.layers.size(), "calibrated model and report disagree");
  Cycles total;
  for (size_t i = 0; i < layers.size(); ++i) {
    report.layers[i].calibrated_s = ToSeconds(layers[i], config.clock_hz()).value;
    total += layers[i];
  }
  report.totals.calibrated_s = ToSeconds(total, config.clock_hz()).value;
  const analytic::Calibration& c = file.calibration;
  report.extra["calibration"] = {
      {"path", path},
      {"description", file.description},
      {"compute_efficiency", c.compute_efficiency},
      {"link_bandwidth_factor", c.link_bandwidth_factor},
      {"ddr_bandwidth_factor", c.ddr_bandwidth_factor},
      {"ddr_total_bytes_per_cycle", c.ddr_cycles_per_byte > 0 ? 1 / c.ddr_cycles_per_byte : 0.0},
      {"transfer_overhead_cycles", c.transfer_overhead_cycles},
      {"lock_overhead_cycles", c.lock_overhead_cycles},
      {"group_overhead_cycles", c.group_overhead_cycles},
      {"layer_overhead_cycles", c.layer_overhead_cycles},
      {"tile_overhead_cycles", c.tile_overhead_cycles}};
}

void AddSimulation(report::Report& report, const model::SimResult& result) {
  AIE2SIM_CHECK(result.layers.size() == report.layers.size(),
                "simulation and report disagree on the layer count");
  for (size_t i = 0; i < report.layers.size(); ++i) {
    report.layers[i].simulated_s = result.layers[i].simulated_s;
  }
  report.totals.simulated_s = result.total_s;
  Json engines = Json::array();
  for (const model::EngineStats& engine : result.engines) {
    engines.push_back({{"engine", engine.engine},
                       {"busy_s", engine.busy_s},
                       {"lock_wait_s", engine.lock_wait_s},
                       {"link_wait_s", engine.link_wait_s},
                       {"bytes", engine.bytes},
                       {"instructions", engine.instructions}});
  }
  const model::TrafficStats& traffic = result.traffic;
  report.extra["simulation"] = {
      {"events", result.events},
      {"host_dispatch_s", result.host_dispatch_s},
      {"traffic", {{"ddr_read_bytes", traffic.ddr_read_bytes},
                   {"ddr_write_bytes", traffic.ddr_write_bytes},
                   {"memtile_read_bytes", traffic.memtile_read_bytes},
                   {"memtile_write_bytes", traffic.memtile_write_bytes},
                   {"core_read_bytes", traffic.core_read_bytes},
                   {"core_write_bytes", traffic.core_write_bytes}}},
      {"engines", std::move(engines)}};
}

void AddFunctional(report::Report& report, const model::SimResult& result,
                   const isa::Program& program) {
  if (!result.functional) return;
  AIE2SIM_CHECK(result.checked.size() == report.layers.size(),
                "functional checks and report disagree on the layer count");
  uint64_t values = 0;
  double lowest = 1;
  std::string lowest_layer;
  for (size_t i = 0; i < result.checked.size(); ++i) {
    const model::FunctionalLayer& layer = result.checked[i];
    report.layers[i].detail["functional"] = {
        {"values", layer.values},
        {"nondegenerate_share", layer.nondegenerate_share},
        {"output_exponent", program.layers(static_cast<int>(i)).data().output_exponent()}};
    values += layer.values;
    if (lowest_layer.empty() || layer.nondegenerate_share < lowest) {
      lowest = layer.nondegenerate_share;
      lowest_layer = layer.name;
    }
  }
  report.extra["functional"] = {{"input", program.functional().input_source()},
                                {"layers_checked", result.checked.size()},
                                {"values_checked", values},
                                {"bit_exact", true},
                                {"min_nondegenerate_share", lowest},
                                {"min_nondegenerate_layer", lowest_layer},
                                {"output", NetworkOutputJson(program)}};
}

void FinishReport(report::Report& report, const arch::HardwareConfig& config) {
  const double peak_macs_per_s =
      static_cast<double>(config.cores()) * config.core.macs_per_cycle.int8 * config.clock_hz();
  for (report::LayerRow& row : report.layers) {
    const std::optional<double>& latency = row.simulated_s ? row.simulated_s : row.analytic_s;
    if (latency && *latency > 0) {
      row.utilization = static_cast<double>(row.effective_macs) / (peak_macs_per_s * *latency);
      if (row.bound_s) row.efficiency = *row.bound_s / *latency;
    }
  }
  const std::optional<double>& total =
      report.totals.simulated_s ? report.totals.simulated_s : report.totals.analytic_s;
  if (total && *total > 0) {
    report.totals.images_per_s = static_cast<double>(report.batch) / *total;
    if (report.totals.bound_s) report.totals.efficiency = *report.totals.bound_s / *total;
  }
}

}  // namespace aie2sim::cli
