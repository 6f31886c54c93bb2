// The silicon reference suite (tests/silicon): the shipped entries load strictly and follow the
// suite's rules; bad entries fail with one line naming file, line and key; the tolerance rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "sim/base/error.h"
#include "sim/silicon/suite.h"

namespace aie2sim::silicon {
namespace {

const std::string kSuite = std::string(AIE2SIM_SOURCE_DIR) + "/tests/silicon";

constexpr const char* kEntry = R"(id: X1
role: calibration
what: "a point"
device: {name: "Phoenix", arch: npu1, clock_mhz: 1000, clock: stated}
run:
  design: designs/x.yaml
  params: {N: 16}
  pending: "not written yet"
measured:
  value: 13
  unit: cycles
  timing: trace
  warmup: 0
  iterations: unknown
observable:
  kind: between
  from: {engine: "memtile(0).s2mm0", slice: RECV, edge: end}
  to: {engine: "memtile(0).mm2s0", slice: LOADFM, edge: end, occurrence: last}
source: "somewhere"
)";

// Writes `text` as an entry file in a fresh folder and returns its path.
std::string TempEntry(const std::string& text, const std::string& name = "x.yaml") {
  const std::string folder = testing::TempDir() + "/silicon_suite_test";
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::string EntryError(const std::string& text) {
  const std::string path = TempEntry(text);
  try {
    LoadSuiteEntry(path);
  } catch (const UserError& error) {
    const std::string message = error.what();
    return message.substr(message.find("x.yaml"));
  }
  return "no error";
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(SiliconSuite, ShippedSuiteLoadsWithEveryMeasuredPointOfSiliconMd) {
  const Suite suite = LoadSuite(kSuite);
  std::set<std::string> ids;
  for (const SuiteEntry& entry : suite.entries) ids.insert(entry.id);
  for (const char* id : {"D1-mm2s-64", "D1-s2mm-16384", "D2-mm2s-task", "D2-s2mm-spacing",
                         "D4-memtile-hop", "D4-core-hop", "D4-core-lock", "D4-first-chunk", "D6",
                         "D7", "D10", "K1-i8-i32", "K4", "D11", "G5a", "K7a", "C3"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  for (const char* id : {"G5a", "K7a", "C3"}) {
    EXPECT_EQ(suite.Find(id)->role, Role::kHeldOut) << id;
  }
  EXPECT_EQ(suite.Find("D11")->role, Role::kNotModelled);
  for (const SuiteEntry& entry : suite.entries) {
    // Every modelled point names its observable and run; every point its source.
    EXPECT_EQ(entry.role != Role::kNotModelled, entry.observable.has_value()) << entry.id;
    EXPECT_EQ(entry.role != Role::kNotModelled, entry.run.has_value()) << entry.id;
    EXPECT_FALSE(entry.source.empty()) << entry.id;
  }
  // The Hawk Point points say their clock is inferred.
  EXPECT_TRUE(suite.Find("G5a")->device.clock_inferred);
  EXPECT_EQ(suite.Find("G5a")->device.clock_mhz, 1600);
}

TEST(SiliconSuite, NoParameterIsSetFromAHeldOutPoint) {
  const Suite suite = LoadSuite(kSuite);
  ASSERT_FALSE(suite.parameters.empty());
  for (const FittedParameter& parameter : suite.parameters) {
    for (const std::string& id : parameter.from) {
      EXPECT_EQ(suite.Find(id)->role, Role::kCalibration) << parameter.key << " from " << id;
    }
  }
}

TEST(SiliconSuite, ASuiteFittingFromAHeldOutPointIsRefused) {
  const std::string folder = testing::TempDir() + "/silicon_refuse";
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/g.yaml")
      << Replace(Replace(kEntry, "id: X1", "id: G1"), "role: calibration", "role: held_out");
  std::ofstream(folder + "/suite.yaml")
      << "name: t\nparameters:\n  - {key: a.b, lower: 1, upper: 2, from: [G1]}\n";
  try {
    LoadSuite(folder);
    FAIL() << "loaded";
  } catch (const UserError& error) {
    EXPECT_EQ(error.what(), folder +
                                "/suite.yaml: parameters.a.b.from: \"G1\" is a held_out "
                                "point; parameters are set from calibration points only");
  }
}

TEST(SiliconSuite, EntryFieldsAreRead) {
  const SuiteEntry entry = LoadSuiteEntry(TempEntry(kEntry));
  EXPECT_EQ(entry.id, "X1");
  EXPECT_EQ(entry.run->params.size(), 1u);
  EXPECT_EQ(entry.run->params[0].first, "N");
  EXPECT_EQ(entry.run->params[0].second, "16");
  EXPECT_EQ(entry.run->pending, "not written yet");
  EXPECT_EQ(entry.measured.iterations, -1);
  EXPECT_EQ(entry.observable->to.occurrence, 0u);
  EXPECT_EQ(entry.observable->from.occurrence, 1u);
}

TEST(SiliconSuite, BadEntriesNameFileLineAndKey) {
  EXPECT_EQ(EntryError(Replace(kEntry, "role: calibration", "role: fitted")),
            "x.yaml:2: role: expected calibration, held_out or not_modelled, got \"fitted\"");
  EXPECT_EQ(EntryError(std::string(kEntry) + "colour: red\n"), "x.yaml:20: colour: unknown key");
  EXPECT_EQ(EntryError(std::string(kEntry) + "id: X2\n"), "x.yaml:20: id: duplicate key");
  EXPECT_EQ(EntryError(Replace(kEntry, "source: \"somewhere\"\n", "")),
            "x.yaml:1: source: missing required key");
  EXPECT_EQ(EntryError(Replace(kEntry, "  unit: cycles", "  unit: furlongs")),
            "x.yaml:11: measured.unit: expected s, ms, us, cycles, B/cycle, GB/s or MAC/cycle, "
            "got \"furlongs\"");
  EXPECT_EQ(EntryError(Replace(kEntry, "  value: 13", "  value: \"13\"")),
            "x.yaml:10: measured.value: expected a number, got the string \"13\"");
  EXPECT_EQ(EntryError(Replace(kEntry, "  pending: \"not written yet\"\n", "")),
            "x.yaml:6: run.design: no such file: " +
                (std::filesystem::path(testing::TempDir()) / "silicon_suite_test/designs/x.yaml")
                    .lexically_normal()
                    .string() +
                " (mark a design not written yet `pending`)");
  EXPECT_EQ(EntryError(Replace(kEntry, "edge: end}", "edge: middle}")),
            "x.yaml:17: observable.from.edge: expected start or end, got \"middle\"");
  EXPECT_EQ(EntryError(Replace(kEntry, "  unit: cycles", "  unit: us")),
            "x.yaml: measured.unit: the observable gives cycles, which does not convert to us");
  EXPECT_EQ(EntryError(Replace(kEntry, "role: calibration", "role: not_modelled")),
            "x.yaml:6: run: a not_modelled point is never simulated: give `reason`");
  EXPECT_EQ(EntryError(Replace(kEntry, "  iterations: unknown", "  iterations: 0")),
            "x.yaml:14: measured.iterations: 0 is out of range [1, 1000000]");
}

TEST(SiliconSuite, OneToleranceRule) {
  Measurement host;
  host.value = 100;
  host.timing = Timing::kHost;
  EXPECT_EQ(ToleranceOf(host).rule, "host +-25%");
  EXPECT_DOUBLE_EQ(ToleranceOf(host).low, 75);
  EXPECT_DOUBLE_EQ(ToleranceOf(host).high, 125);
  Measurement trace = host;
  trace.timing = Timing::kTrace;
  EXPECT_EQ(ToleranceOf(trace).rule, "trace +-10%");
  EXPECT_DOUBLE_EQ(ToleranceOf(trace).high, 110);
  Measurement spread = host;
  spread.spread_low = 90;
  spread.spread_high = 130;
  EXPECT_EQ(ToleranceOf(spread).rule, "source spread");
  EXPECT_DOUBLE_EQ(ToleranceOf(spread).low, 90);
  EXPECT_DOUBLE_EQ(ToleranceOf(spread).high, 130);
}

}  // namespace
}  // namespace aie2sim::silicon
