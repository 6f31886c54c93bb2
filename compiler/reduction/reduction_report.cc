#include "compiler/reduction/reduction_report.h"

#include <cstdio>
#include <iomanip>
#include <sstream>
#include <vector>

namespace aie2sim::reduction {

namespace {

using Json = nlohmann::ordered_json;

// The methods in report order: JSON/CSV name and the count it reads.
struct Method {
  const char* name;
  int64_t MethodCounts::*count;
};
constexpr Method kMethods[] = {
    {"dense", &MethodCounts::dense},
    {"compressed", &MethodCounts::compressed},
    {"two_sided", &MethodCounts::two_sided},
    {"snapea", &MethodCounts::snapea},
    {"proposal1", &MethodCounts::proposal1},
    {"proposal2", &MethodCounts::proposal2},
    {"block_compressed", &MethodCounts::block_compressed},
    {"block_proposal2", &MethodCounts::block_proposal2},
};

double PerImage(int64_t count, const ReductionContext& context) {
  return static_cast<double>(count) / static_cast<double>(context.images);
}

double Share(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

double Ratio(int64_t baseline, int64_t count) {
  return count == 0 ? 0.0 : static_cast<double>(baseline) / static_cast<double>(count);
}

Json CountsJson(const MethodCounts& counts, const ReductionContext& context) {
  Json json = Json::object();
  for (const Method& method : kMethods) json[method.name] = PerImage(counts.*method.count, context);
  return json;
}

// printf-style formatting into a string of any length.
template <typename... Args>
std::string Format(const char* format, Args... args) {
  const int size = std::snprintf(nullptr, 0, format, args...);
  std::string text(static_cast<size_t>(size) + 1, '\0');
  std::snprintf(text.data(), text.size(), format, args...);
  text.pop_back();
  return text;
}

std::string Number(double value) {
  std::ostringstream out;
  out << std::setprecision(12) << value;
  return out.str();
}

}  // namespace

nlohmann::ordered_json ReductionJson(const NetworkReduction& network,
                                     const ReductionContext& context, const CompWhatIf& what_if) {
  Json layers = Json::array();
  int64_t outputs = 0;
  for (const LayerReduction& layer : network.layers) {
    Json row = {{"name", layer.name},
                {"op", layer.op},
                {"input_nonnegative", layer.input_nonnegative},
                {"relu", layer.relu},
                {"predicted", layer.predicted},
                {"zero_activation_share", Share(layer.zero_inputs, layer.input_values)},
                {"early_stop_share", Share(layer.stopped_outputs, layer.outputs)},
                {"block_early_stop_share", Share(layer.stopped_tiles, layer.tiles)}};
    row.update(CountsJson(layer.counts, context));
    layers.push_back(std::move(row));
    outputs += layer.outputs;
  }
  const MethodCounts& t = network.totals;
  Json comp = {{"what_if", true},
               {"note",
                "COMP time if every core ran its peak int8 MACs per cycle on the count, perfectly "
                "balanced, with no data movement or overhead: a bound on what the method could "
                "save, not a simulation"},
               {"config", what_if.config},
               {"cores", what_if.cores},
               {"macs_per_cycle", what_if.macs_per_cycle},
               {"clock_hz", what_if.clock_hz}};
  for (const Method& method : kMethods) {
    comp[std::string(method.name) + "_s"] = what_if.Seconds(PerImage(t.*method.count, context));
  }
  return Json{{"images", context.images},
              {"input", context.input},
              {"weights", context.weights},
              {"untrained", context.untrained},
              {"exact", true},
              {"outputs_checked", outputs},
              {"layers", std::move(layers)},
              {"totals", CountsJson(t, context)},
              {"proposal2_ratios",
               {{"dense", Ratio(t.dense, t.proposal2)},
                {"compressed", Ratio(t.compressed, t.proposal2)},
                {"snapea", Ratio(t.snapea, t.proposal2)},
                {"seed_dense", kSeedDenseOverProposal2},
                {"seed_compressed", kSeedCompressedOverProposal2},
                {"seed_snapea", kSeedSnapeaOverProposal2}}},
              {"comp", std::move(comp)}};
}

std::string ReductionCsv(const NetworkReduction& network, const ReductionContext& context) {
  std::ostringstream out;
  out << "layer,op,input_nonnegative,relu,predicted,zero_activation_share,early_stop_share,"
         "block_early_stop_share";
  for (const Method& method : kMethods) out << ',' << method.name;
  out << '\n';
  auto counts = [&](const MethodCounts& c) {
    for (const Method& method : kMethods) out << ',' << Number(PerImage(c.*method.count, context));
    out << '\n';
  };
  for (const LayerReduction& layer : network.layers) {
    out << layer.name << ',' << layer.op << ',' << layer.input_nonnegative << ',' << layer.relu
        << ',' << layer.predicted << ',' << Number(Share(layer.zero_inputs, layer.input_values))
        << ',' << Number(Share(layer.stopped_outputs, layer.outputs)) << ','
        << Number(Share(layer.stopped_tiles, layer.tiles));
    counts(layer.counts);
  }
  out << "total,,,,,,,";
  counts(network.totals);
  return out.str();
}

std::string ReductionTable(const NetworkReduction& network, const ReductionContext& context,
                           const CompWhatIf& what_if) {
  std::ostringstream out;
  out << Format("%-22s %-4s %-3s %-4s %6s %6s %13s %13s %13s %13s %13s %13s %13s %13s\n", "layer",
                "op", "x>=0", "relu", "zero_x", "stop", "dense", "compressed", "two_sided",
                "snapea", "proposal1", "proposal2", "blk_compr", "blk_prop2");
  auto counts = [&](const MethodCounts& c) {
    for (const Method& method : kMethods) {
      out << Format(" %13.0f", PerImage(c.*method.count, context));
    }
    out << '\n';
  };
  for (const LayerReduction& layer : network.layers) {
    out << Format("%-22s %-4s %-4s %-4s %5.1f%% %5.1f%%", layer.name.c_str(), layer.op.c_str(),
                  layer.input_nonnegative ? "yes" : "no", layer.relu ? "yes" : "no",
                  100 * Share(layer.zero_inputs, layer.input_values),
                  100 * Share(layer.stopped_outputs, layer.outputs));
    counts(layer.counts);
  }
  out << Format("%-22s %-4s %-4s %-4s %6s %6s", "total", "", "", "", "", "");
  counts(network.totals);
  const MethodCounts& t = network.totals;
  out << Format(
      "multiplications per image, mean of %lld image(s); input: %s; weights: %s%s\n"
      "Proposal 2 needs %.2fx fewer than dense, %.2fx fewer than compressed, %.2fx "
      "fewer than SnaPEA (seed paper: %.2fx, %.2fx, %.2fx)\n",
      static_cast<long long>(context.images), context.input.c_str(), context.weights.c_str(),
      context.untrained ? " (UNTRAINED)" : "", Ratio(t.dense, t.proposal2),
      Ratio(t.compressed, t.proposal2), Ratio(t.snapea, t.proposal2), kSeedDenseOverProposal2,
      kSeedCompressedOverProposal2, kSeedSnapeaOverProposal2);
  out << Format(
      "what-if COMP time on %s (%lld cores x %lld MACs/cycle at %.0f MHz, ideal): dense "
      "%.3f us, block_compressed %.3f us, block_proposal2 %.3f us (element-level "
      "proposal2 %.3f us, not realisable on AIE2's 8x8 vector unit)\n",
      what_if.config.c_str(), static_cast<long long>(what_if.cores),
      static_cast<long long>(what_if.macs_per_cycle), what_if.clock_hz / 1e6,
      1e6 * what_if.Seconds(PerImage(t.dense, context)),
      1e6 * what_if.Seconds(PerImage(t.block_compressed, context)),
      1e6 * what_if.Seconds(PerImage(t.block_proposal2, context)),
      1e6 * what_if.Seconds(PerImage(t.proposal2, context)));
  return out.str();
}

}  // namespace aie2sim::reduction
