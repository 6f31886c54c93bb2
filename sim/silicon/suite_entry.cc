#include "sim/silicon/suite_entry.h"

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
using frontend::YamlReader;
using trace::Edge;
using trace::EventSpec;
using trace::Observable;
using trace::ObservableKind;

constexpr double kHuge = std::numeric_limits<double>::max();

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UserError(path + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One entry file; every Fail names the file, line and key.
class EntryParser {
 public:
  explicit EntryParser(const std::string& path) : reader_(path), path_(path) {}

  SuiteEntry Parse() {
    const YAML::Node root = reader_.Parse(ReadText(path_));
    reader_.CheckKeys(root, "",
                      {"id", "role", "what", "device", "run", "measured", "observable", "reason",
                       "source", "note"});
    SuiteEntry entry;
    entry.file = path_;
    entry.id = NonEmpty(root, "", "id");
    entry.role = ParseRole(reader_.Required(root, "", "role"));
    entry.what = NonEmpty(root, "", "what");
    entry.device = ParseDevice(reader_.Required(root, "", "device"));
    entry.measured = ParseMeasured(reader_.Required(root, "", "measured"));
    entry.source = NonEmpty(root, "", "source");
    if (root["note"]) entry.note = reader_.String(root["note"], "note");
    const bool modelled = entry.role != Role::kNotModelled;
    // A modelled point needs a run and an observable; a not-modelled one a reason instead.
    const char* needed[] = {"run", "observable"};
    for (const char* key : needed) {
      if (modelled) reader_.Required(root, "", key);
      if (!modelled && root[key]) {
        reader_.Fail(root[key], key, "a not_modelled point is never simulated: give `reason`");
      }
    }
    if (modelled && root["reason"]) {
      reader_.Fail(root["reason"], "reason", "only a not_modelled point has a reason");
    }
    if (modelled) {
      entry.run = ParseRun(root["run"]);
      entry.observable = ParseObservable(root["observable"]);
    } else {
      entry.reason = NonEmpty(root, "", "reason");
    }
    return entry;
  }

 private:
  std::string NonEmpty(const YAML::Node& map, const std::string& path, const char* key) const {
    const YAML::Node node = reader_.Required(map, path, key);
    const std::string full = path.empty() ? key : path + "." + key;
    std::string value = reader_.String(node, full);
    if (value.empty()) reader_.Fail(node, full, "must not be empty");
    return value;
  }

  Role ParseRole(const YAML::Node& node) const {
    const std::string role = reader_.String(node, "role");
    if (role == "calibration") return Role::kCalibration;
    if (role == "held_out") return Role::kHeldOut;
    if (role == "not_modelled") return Role::kNotModelled;
    reader_.Fail(node, "role",
                 "expected calibration, held_out or not_modelled, got \"" + role + "\"");
  }

  Device ParseDevice(const YAML::Node& node) const {
    reader_.CheckKeys(node, "device", {"name", "arch", "clock_mhz", "clock"});
    Device device;
    device.name = NonEmpty(node, "device", "name");
    device.arch = NonEmpty(node, "device", "arch");
    device.clock_mhz =
        reader_.Double(reader_.Required(node, "device", "clock_mhz"), "device.clock_mhz", 1, 1e5);
    const YAML::Node clock = reader_.Required(node, "device", "clock");
    const std::string how = reader_.String(clock, "device.clock");
    if (how != "stated" && how != "inferred") {
      reader_.Fail(clock, "device.clock", "expected stated or inferred, got \"" + how + "\"");
    }
    device.clock_inferred = how == "inferred";
    return device;
  }

  RunSpec ParseRun(const YAML::Node& node) const {
    reader_.CheckKeys(node, "run", {"design", "params", "pending"});
    RunSpec run;
    const YAML::Node design = reader_.Required(node, "run", "design");
    const std::string file = NonEmpty(node, "run", "design");
    run.design = (fs::path(path_).parent_path() / file).lexically_normal().string();
    if (const YAML::Node params = node["params"]) {
      if (!params.IsMap()) reader_.Fail(params, "run.params", "expected a map of NAME: value");
      std::set<std::string> seen;
      for (const auto& param : params) {
        if (!param.first.IsScalar()) reader_.Fail(param.first, "run.params", "expected a name");
        const std::string name = param.first.Scalar();
        if (!seen.insert(name).second) {
          reader_.Fail(param.first, "run.params." + name, "duplicate key");
        }
        run.params.emplace_back(name, reader_.String(param.second, "run.params." + name));
      }
    }
    if (node["pending"]) {
      run.pending = reader_.String(node["pending"], "run.pending");
      if (run.pending.empty()) reader_.Fail(node["pending"], "run.pending", "must say why");
    } else if (!fs::is_regular_file(run.design)) {
      reader_.Fail(design, "run.design",
                   "no such file: " + run.design + " (mark a design not written yet `pending`)");
    }
    return run;
  }

  Measurement ParseMeasured(const YAML::Node& node) const {
    reader_.CheckKeys(node, "measured",
                      {"value", "unit", "timing", "warmup", "iterations", "spread"});
    Measurement measured;
    measured.value = reader_.Double(reader_.Required(node, "measured", "value"), "measured.value",
                                    std::numeric_limits<double>::min(), kHuge);
    measured.unit = NonEmpty(node, "measured", "unit");
    static const char* const kUnits[] = {"s", "ms", "us", "cycles", "B/cycle", "GB/s", "MAC/cycle"};
    bool known = false;
    for (const char* unit : kUnits) known = known || measured.unit == unit;
    if (!known) {
      reader_.Fail(
          node["unit"], "measured.unit",
          "expected s, ms, us, cycles, B/cycle, GB/s or MAC/cycle, got \"" + measured.unit + "\"");
    }
    const YAML::Node timing = reader_.Required(node, "measured", "timing");
    const std::string how = reader_.String(timing, "measured.timing");
    if (how != "trace" && how != "host") {
      reader_.Fail(timing, "measured.timing", "expected trace or host, got \"" + how + "\"");
    }
    measured.timing = how == "host" ? Timing::kHost : Timing::kTrace;
    measured.warmup = Count(reader_.Required(node, "measured", "warmup"), "measured.warmup", 0);
    measured.iterations =
        Count(reader_.Required(node, "measured", "iterations"), "measured.iterations", 1);
    if (const YAML::Node spread = node["spread"]) {
      reader_.CheckKeys(spread, "measured.spread", {"low", "high"});
      measured.spread_low = reader_.Double(reader_.Required(spread, "measured.spread", "low"),
                                           "measured.spread.low", 0, measured.value);
      measured.spread_high = reader_.Double(reader_.Required(spread, "measured.spread", "high"),
                                            "measured.spread.high", measured.value, kHuge);
    }
    return measured;
  }

  // A count of runs, or `unknown` (-1) when the source does not say.
  int64_t Count(const YAML::Node& node, const std::string& key, int64_t min) const {
    if (node.IsScalar() && node.Tag() == "?" && node.Scalar() == "unknown") return -1;
    return reader_.Int(node, key, min, 1000000);
  }

  EventSpec ParseEvent(const YAML::Node& node, const std::string& path) const {
    reader_.CheckKeys(node, path, {"engine", "slice", "edge", "occurrence"});
    EventSpec event;
    event.engine = NonEmpty(node, path, "engine");
    event.slice = NonEmpty(node, path, "slice");
    const YAML::Node edge = reader_.Required(node, path, "edge");
    const std::string text = reader_.String(edge, path + ".edge");
    if (text != "start" && text != "end") {
      reader_.Fail(edge, path + ".edge", "expected start or end, got \"" + text + "\"");
    }
    event.edge = text == "start" ? Edge::kStart : Edge::kEnd;
    if (node["occurrence"]) {
      const YAML::Node occurrence = node["occurrence"];
      if (occurrence.IsScalar() && occurrence.Scalar() == "last" && occurrence.Tag() == "?") {
        event.occurrence = 0;
      } else {
        event.occurrence =
            static_cast<uint32_t>(reader_.Int(occurrence, path + ".occurrence", 1, 1000000000));
      }
    }
    return event;
  }

  Observable ParseObservable(const YAML::Node& node) const {
    if (!node.IsMap()) reader_.Fail(node, "observable", "expected a map");
    const YAML::Node kind_node = reader_.Required(node, "observable", "kind");
    const std::string kind = reader_.String(kind_node, "observable.kind");
    Observable observable;
    if (kind == "host_time" || kind == "array_time") {
      reader_.CheckKeys(node, "observable", {"kind"});
      observable.kind =
          kind == "host_time" ? ObservableKind::kHostTime : ObservableKind::kArrayTime;
    } else if (kind == "between") {
      reader_.CheckKeys(node, "observable", {"kind", "from", "to"});
      observable.kind = ObservableKind::kBetween;
      observable.from = ParseEvent(reader_.Required(node, "observable", "from"), "observable.from");
      observable.to = ParseEvent(reader_.Required(node, "observable", "to"), "observable.to");
    } else if (kind == "pair_cycles") {
      reader_.CheckKeys(node, "observable", {"kind", "from", "to", "skip"});
      observable.kind = ObservableKind::kPairCycles;
      observable.from =
          ParsePairEnd(reader_.Required(node, "observable", "from"), "observable.from");
      observable.to = ParsePairEnd(reader_.Required(node, "observable", "to"), "observable.to");
      if (node["skip"]) {
        observable.skip =
            static_cast<uint32_t>(reader_.Int(node["skip"], "observable.skip", 0, 1000000));
      }
    } else if (kind == "slice_cycles" || kind == "start_spacing") {
      reader_.CheckKeys(node, "observable", {"kind", "engine", "slice", "skip"});
      observable.kind =
          kind == "slice_cycles" ? ObservableKind::kSliceCycles : ObservableKind::kStartSpacing;
      ParseSlices(node, &observable);
      if (node["skip"]) {
        observable.skip =
            static_cast<uint32_t>(reader_.Int(node["skip"], "observable.skip", 0, 1000000));
      }
    } else if (kind == "rate") {
      reader_.CheckKeys(node, "observable", {"kind", "engine", "slice", "amount", "over"});
      observable.kind = ObservableKind::kRate;
      ParseSlices(node, &observable);
      const YAML::Node amount = reader_.Required(node, "observable", "amount");
      const std::string what = reader_.String(amount, "observable.amount");
      if (what != "bytes" && what != "macs") {
        reader_.Fail(amount, "observable.amount", "expected bytes or macs, got \"" + what + "\"");
      }
      observable.macs = what == "macs";
      if (const YAML::Node over = node["over"]) {
        const std::string how = reader_.String(over, "observable.over");
        if (how != "busy" && how != "span") {
          reader_.Fail(over, "observable.over", "expected busy or span, got \"" + how + "\"");
        }
        observable.span = how == "span";
      }
    } else {
      reader_.Fail(kind_node, "observable.kind",
                   "expected host_time, array_time, between, pair_cycles, slice_cycles, "
                   "start_spacing or rate, got \"" +
                       kind + "\"");
    }
    return observable;
  }

  // One end of a pair: {engine, slice} (the from slice's start, the to slice's end).
  EventSpec ParsePairEnd(const YAML::Node& node, const std::string& path) const {
    reader_.CheckKeys(node, path, {"engine", "slice"});
    EventSpec event;
    event.engine = NonEmpty(node, path, "engine");
    event.slice = NonEmpty(node, path, "slice");
    return event;
  }

  void ParseSlices(const YAML::Node& node, Observable* observable) const {
    observable->engine = NonEmpty(node, "observable", "engine");
    observable->slice = NonEmpty(node, "observable", "slice");
  }

  YamlReader reader_;
  std::string path_;
};

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kCalibration:
      return "calibration";
    case Role::kHeldOut:
      return "held_out";
    case Role::kNotModelled:
      return "not_modelled";
  }
  return "?";
}

SuiteEntry LoadSuiteEntry(const std::string& path) {
  SuiteEntry entry = EntryParser(path).Parse();
  if (entry.observable) {
    // The measured unit must be one the observable's value converts to (at any clock).
    UnitFactor(trace::ObservableUnit(*entry.observable), entry.measured.unit, 1e9,
               path + ": measured.unit");
  }
  return entry;
}

Tolerance ToleranceOf(const Measurement& measured) {
  if (measured.spread_low && measured.spread_high) {
    return {*measured.spread_low, *measured.spread_high, "source spread"};
  }
  const double share = measured.timing == Timing::kHost ? 0.25 : 0.10;
  return {measured.value * (1 - share), measured.value * (1 + share),
          measured.timing == Timing::kHost ? "host +-25%" : "trace +-10%"};
}

double UnitFactor(const std::string& from_unit, const std::string& to_unit, double clock_hz,
                  const std::string& where) {
  if (from_unit == to_unit) return 1;
  if (from_unit == "s") {
    if (to_unit == "ms") return 1e3;
    if (to_unit == "us") return 1e6;
  }
  if (from_unit == "B/cycle" && to_unit == "GB/s") return clock_hz / 1e9;
  throw UserError(where + ": the observable gives " + from_unit + ", which does not convert to " +
                  to_unit);
}

}  // namespace aie2sim::silicon
