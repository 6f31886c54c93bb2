// Tests of the strict HardwareConfig loader (sim/arch/config_loader.h): the shipped presets load,
// every kind of error has its exact one-line "file:line: key: problem" message, --set overrides
// go through the same checks, and the config hash ignores timing-only parameters.
#include "sim/arch/config_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/arch/config_hash.h"
#include "sim/arch/config_schema.h"
#include "sim/base/error.h"

namespace aie2sim::arch {
namespace {

const std::string kConfigsDir = std::string(AIE2SIM_SOURCE_DIR) + "/configs";
const std::string kName = "paper-4x4.yaml";  // display name of the inline texts

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string Preset4x4() { return ReadFile(kConfigsDir + "/paper-4x4.yaml"); }

// The message of the UserError `action` throws, or a note that it threw none.
std::string ErrorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const UserError& error) {
    return error.what();
  }
  return "(no UserError)";
}

std::string ParseError(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return ErrorOf([&] { ParseHardwareConfig(text, kName, overrides); });
}

// A preset text being edited line by line; lines are 1-based, as in messages.
class Text {
 public:
  explicit Text(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
  }

  // Line of the first line starting with `prefix` after line `after` (0: from the top).
  int Find(const std::string& prefix, int after = 0) const {
    for (size_t i = after; i < lines_.size(); ++i) {
      if (lines_[i].compare(0, prefix.size(), prefix) == 0) return static_cast<int>(i) + 1;
    }
    ADD_FAILURE() << "no line starts with \"" << prefix << "\"";
    return 0;
  }
  // Line of `prefix` inside the top-level section `section` ("core:"), e.g. ("core:", "  locks:").
  int Find(const std::string& section, const std::string& prefix) const {
    return Find(prefix, Find(section));
  }

  void Replace(int line, const std::string& text) { lines_.at(line - 1) = text; }
  void Insert(int before_line, const std::string& text) {
    lines_.insert(lines_.begin() + before_line - 1, text);
  }
  void Erase(int line) { lines_.erase(lines_.begin() + line - 1); }

  std::string str() const {
    std::string text;
    for (const std::string& line : lines_) text += line + "\n";
    return text;
  }

 private:
  std::vector<std::string> lines_;
};

// "paper-4x4.yaml:LINE: "
std::string At(int line) { return kName + ":" + std::to_string(line) + ": "; }

// The text of the 4x4 preset with the line `prefix` of top-level `section` replaced (of the top
// level itself when `section` is ""); the line's number in *line.
std::string WithLine(const std::string& section, const std::string& prefix,
                     const std::string& replacement, int* line) {
  Text text(Preset4x4());
  *line = section.empty() ? text.Find(prefix) : text.Find(section, prefix);
  text.Replace(*line, replacement);
  return text.str();
}

// --- The shipped presets -------------------------------------------------------------------------

TEST(ConfigPresets, EveryFileInConfigsLoads) {
  std::set<std::string> loaded;
  for (const auto& file : std::filesystem::directory_iterator(kConfigsDir)) {
    if (file.path().extension() != ".yaml") continue;
    const std::string stem = file.path().stem().string();
    SCOPED_TRACE(stem);
    HardwareConfig config;
    ASSERT_NO_THROW(config = LoadHardwareConfig(file.path().string())) << file.path();
    loaded.insert(stem);
    EXPECT_EQ(config.name, stem);
    EXPECT_EQ(config.source_path, file.path().string());
    EXPECT_TRUE(config.overrides.empty());
    unsigned rows = 0;
    unsigned columns = 0;
    if (std::sscanf(stem.c_str(), "paper-%ux%u", &rows, &columns) != 2) continue;
    EXPECT_EQ(config.array.rows, rows);
    EXPECT_EQ(config.array.columns, columns);
    EXPECT_EQ(config.timing_model, TimingModel::kPaper);
    EXPECT_EQ(config.memtile.dma.s2mm_channels, 2 + rows);
    EXPECT_EQ(config.memtile.dma.mm2s_channels, std::max(2u, 1 + (rows + columns - 1) / columns));
    EXPECT_EQ(config.core.dma.s2mm_channels, 2u);
    EXPECT_EQ(config.core.dma.mm2s_channels, 2u);
    EXPECT_EQ(config.shim.dma.s2mm_channels, 2u);
    EXPECT_EQ(config.shim.dma.mm2s_channels, 2u);
    EXPECT_EQ(config.ddr.total_gb_per_s, 16.0 * columns);
  }
  for (const char* expected : {"paper-1x1", "paper-2x2", "paper-3x3", "paper-4x4", "paper-5x5",
                               "paper-6x6", "paper-7x7", "paper-8x8", "paper-4x8"}) {
    EXPECT_EQ(loaded.count(expected), 1u) << expected;
  }
}

TEST(ConfigPresets, Paper4x8HasFourRowsAndEightColumns) {
  HardwareConfig config = LoadHardwareConfig(kConfigsDir + "/paper-4x8.yaml");
  EXPECT_EQ(config.array.rows, 4u);
  EXPECT_EQ(config.array.columns, 8u);
  EXPECT_EQ(config.cores(), 32u);
  EXPECT_EQ(config.memtile.dma.s2mm_channels, 6u);
  EXPECT_EQ(config.memtile.dma.mm2s_channels, 2u);
}

TEST(ConfigPresets, PaperValues) {
  HardwareConfig config = LoadHardwareConfig(kConfigsDir + "/paper-4x4.yaml");
  EXPECT_EQ(config.version, kConfigVersion);
  EXPECT_EQ(config.clock_mhz, 1000.0);
  EXPECT_EQ(config.clock_hz(), 1e9);
  EXPECT_EQ(config.core.memory_bytes, 65536u);
  EXPECT_EQ(config.core.memory_banks, 8u);
  EXPECT_EQ(config.core.buffers.input_bytes, 8192u);
  EXPECT_EQ(config.core.buffers.output_bytes, 8192u);
  EXPECT_EQ(config.core.buffers.weight_bytes, 16384u);
  EXPECT_EQ(config.core.buffers.scratch_bytes, 16384u);
  EXPECT_EQ(config.core.macs_per_cycle.int8, 256u);
  EXPECT_EQ(config.core.macs_per_cycle.int16, 64u);
  EXPECT_EQ(config.core.macs_per_cycle.bf16, 128u);
  EXPECT_EQ(config.core.kernel_efficiency, 1.0);
  EXPECT_EQ(config.core.dma.bds, 16u);
  EXPECT_EQ(config.core.dma.address_dims, 3u);
  EXPECT_EQ(config.core.locks, 16u);
  EXPECT_EQ(config.memtile.memory_bytes, 524288u);
  EXPECT_EQ(config.memtile.memory_banks, 16u);
  EXPECT_EQ(config.memtile.dma.bds, 48u);
  EXPECT_EQ(config.memtile.dma.address_dims, 4u);
  EXPECT_EQ(config.memtile.locks, 64u);
  EXPECT_EQ(config.shim.dma.bds, 16u);
  EXPECT_EQ(config.shim.dma.address_dims, 3u);
  EXPECT_EQ(config.shim.locks, 16u);
  EXPECT_EQ(config.ddr.size_bytes, 4294967296u);
  EXPECT_EQ(config.ddr.channel_bytes_per_cycle, 4.0);
  EXPECT_EQ(config.ddr.total_gb_per_s, 64.0);
  EXPECT_EQ(config.stream.bytes_per_cycle, 4.0);
  EXPECT_EQ(config.stream.hop_latency_cycles, 0.0);
  EXPECT_EQ(config.overheads.lock_handshake_cycles, 0.0);
  EXPECT_EQ(config.overheads.dma_setup_cycles, 0.0);
  EXPECT_EQ(config.overheads.reconfiguration_cycles, 0.0);
  EXPECT_EQ(config.simulation.chunk_bytes, 4096u);
  EXPECT_FALSE(config.description.empty());
}

TEST(ConfigLoader, DescriptionIsOptional) {
  Text text(Preset4x4());
  text.Erase(text.Find("description:"));
  HardwareConfig config = ParseHardwareConfig(text.str(), kName);
  EXPECT_EQ(config.description, "");
}

// --- Structure errors ----------------------------------------------------------------------------

TEST(ConfigErrors, UnknownKeyWithSuggestion) {
  int line = 0;
  std::string text = WithLine("core:", "    bds:", "    bd: 16", &line);
  EXPECT_EQ(ParseError(text), At(line) + "core.dma.bd: unknown key (did you mean core.dma.bds?)");
}

TEST(ConfigErrors, UnknownKeyAtTheRightDepthElsewhere) {
  int line = 0;
  std::string text = WithLine("memtile:", "  locks:", "  bds: 48", &line);
  EXPECT_EQ(ParseError(text),
            At(line) + "memtile.bds: unknown key (did you mean memtile.dma.bds?)");
}

TEST(ConfigErrors, UnknownKeyInHandWrittenText) {
  EXPECT_EQ(ParseError("version: 1\n\nbogus: 2\n"), kName + ":3: bogus: unknown key");
}

TEST(ConfigErrors, DottedKeyIsNotANestedKey) {
  EXPECT_EQ(ParseError("version: 1\ncore.locks: 16\n"),
            kName + ":2: core.locks: unknown key (write nested keys as nested maps)");
}

TEST(ConfigErrors, DuplicateKey) {
  Text text(Preset4x4());
  int first = text.Find("core:", "    bds:");
  text.Insert(first + 1, "    bds: 32");
  EXPECT_EQ(ParseError(text.str()), At(first + 1) + "core.dma.bds: duplicate key (first at line " +
                                        std::to_string(first) + ")");
}

TEST(ConfigErrors, DuplicateSection) {
  Text text(Preset4x4());
  int first = text.Find("stream:");
  std::string twice = text.str() + "stream:\n  bytes_per_cycle: 8\n";
  int second = static_cast<int>(std::count(twice.begin(), twice.end(), '\n')) - 1;
  EXPECT_EQ(ParseError(twice),
            At(second) + "stream: duplicate key (first at line " + std::to_string(first) + ")");
}

TEST(ConfigErrors, MissingKeyNamesTheParentMap) {
  Text text(Preset4x4());
  int core = text.Find("core:");
  text.Erase(text.Find("core:", "  locks:"));
  EXPECT_EQ(ParseError(text.str()), At(core) + "core: missing required key core.locks");
}

TEST(ConfigErrors, MissingSectionNamesTheTopLevel) {
  Text text(Preset4x4());
  int chunk = text.Find("simulation:", "  chunk_bytes:");
  text.Erase(chunk);
  text.Erase(text.Find("simulation:"));
  int top = text.Find("version:");
  EXPECT_EQ(ParseError(text.str()), At(top) + "missing required key simulation");
}

TEST(ConfigErrors, StringForUnsigned) {
  int line = 0;
  std::string text = WithLine("core:", "    bds:", "    bds: abc", &line);
  EXPECT_EQ(ParseError(text), At(line) + "core.dma.bds: expected an unsigned integer, got \"abc\"");
}

TEST(ConfigErrors, NegativeForUnsigned) {
  int line = 0;
  std::string text = WithLine("core:", "  locks:", "  locks: -1", &line);
  EXPECT_EQ(ParseError(text), At(line) + "core.locks: expected an unsigned integer, got \"-1\"");
}

TEST(ConfigErrors, FractionForUnsigned) {
  int line = 0;
  std::string text = WithLine("array:", "  rows:", "  rows: 1.5", &line);
  EXPECT_EQ(ParseError(text), At(line) + "array.rows: expected an unsigned integer, got \"1.5\"");
}

TEST(ConfigErrors, QuotedNumberIsAString) {
  int line = 0;
  std::string text = WithLine("array:", "  rows:", "  rows: \"4\"", &line);
  EXPECT_EQ(ParseError(text),
            At(line) + "array.rows: expected an unsigned integer, got the string \"4\"");
}

TEST(ConfigErrors, MapForScalar) {
  int line = 0;
  std::string text = WithLine("core:", "  locks:", "  locks: {count: 16}", &line);
  EXPECT_EQ(ParseError(text), At(line) + "core.locks: expected an unsigned integer, got a map");
}

TEST(ConfigErrors, EmptyValue) {
  int line = 0;
  std::string text = WithLine("core:", "  locks:", "  locks:", &line);
  EXPECT_EQ(ParseError(text),
            At(line) + "core.locks: expected an unsigned integer, got an empty value");
}

TEST(ConfigErrors, SequenceForString) {
  int line = 0;
  std::string text = WithLine("", "name:", "name: [a, b]", &line);
  EXPECT_EQ(ParseError(text), At(line) + "name: expected a string, got a sequence");
}

TEST(ConfigErrors, WordForNumber) {
  int line = 0;
  std::string text = WithLine("", "clock_mhz:", "clock_mhz: fast", &line);
  EXPECT_EQ(ParseError(text), At(line) + "clock_mhz: expected a number, got \"fast\"");
}

TEST(ConfigErrors, ScalarForMap) {
  EXPECT_EQ(ParseError("version: 1\ncore: 5\n"),
            kName + ":2: core: expected a map of keys, got \"5\"");
}

TEST(ConfigErrors, ZeroRowMeshIsOutOfRange) {
  Text text(Preset4x4());
  int rows = text.Find("array:", "  rows:");
  text.Replace(rows, "  rows: 0");
  text.Replace(text.Find("array:", "  columns:"), "  columns: 3");
  EXPECT_EQ(ParseError(text.str()), At(rows) + "array.rows: 0 is out of range [1, 32]");
}

// Rates have a floor above 0 (so simulated time stays within what the model represents).
TEST(ConfigErrors, RateBelowItsFloor) {
  int line = 0;
  std::string text = WithLine("core:", "  kernel_efficiency:", "  kernel_efficiency: 0", &line);
  EXPECT_EQ(ParseError(text), At(line) + "core.kernel_efficiency: 0 is out of range [0.001, 1]");
}

TEST(ConfigErrors, HugeUnsignedIsOutOfRange) {
  int line = 0;
  std::string text =
      WithLine("ddr:", "  size_bytes:", "  size_bytes: 99999999999999999999999", &line);
  EXPECT_EQ(ParseError(text), At(line) +
                                  "ddr.size_bytes: 99999999999999999999999 is out of range "
                                  "[1, 1099511627776]");
}

TEST(ConfigErrors, BadEnum) {
  int line = 0;
  std::string text = WithLine("", "timing_model:", "timing_model: fast", &line);
  EXPECT_EQ(ParseError(text), At(line) + "timing_model: expected paper or realistic, got \"fast\"");
}

TEST(ConfigErrors, BadVersion) {
  int line = 0;
  std::string text = WithLine("", "version:", "version: 2", &line);
  EXPECT_EQ(ParseError(text),
            At(line) + "version: unsupported config version 2 (this aie2sim reads version 1)");
}

TEST(ConfigErrors, BadVersionIsReportedBeforeUnknownKeys) {
  EXPECT_EQ(ParseError("future_key: 1\nversion: 2\n"),
            kName + ":2: version: unsupported config version 2 (this aie2sim reads version 1)");
}

TEST(ConfigErrors, YamlSyntaxError) {
  EXPECT_EQ(ParseError("version: 1\nname: [paper\nclock_mhz: 1000\n"),
            kName + ":3: YAML syntax error: end of sequence flow not found");
}

TEST(ConfigErrors, TopLevelMustBeAMap) {
  EXPECT_EQ(ParseError(""),
            kName + ":1: expected a map of config keys at the top level, got an empty value");
  EXPECT_EQ(ParseError("- 1\n"),
            kName + ":1: expected a map of config keys at the top level, got a sequence");
}

TEST(ConfigErrors, MissingFile) {
  const std::string path = kConfigsDir + "/no-such-config.yaml";
  EXPECT_EQ(ErrorOf([&] { LoadHardwareConfig(path); }), path + ": cannot open file");
}

TEST(ConfigErrors, BuffersOverflowCoreMemory) {
  int line = 0;
  std::string text = WithLine("core:", "    weight_bytes:", "    weight_bytes: 40000", &line);
  EXPECT_EQ(ParseError(text), At(line) +
                                  "core.buffers.weight_bytes: core buffers need 2*8192 + 2*8192 "
                                  "+ 40000 + 16384 = 89152 bytes, more than core.memory_bytes = "
                                  "65536");
}

TEST(ConfigErrors, BanksMustDivideMemory) {
  int line = 0;
  std::string text = WithLine("memtile:", "  memory_banks:", "  memory_banks: 7", &line);
  EXPECT_EQ(ParseError(text),
            At(line) +
                "memtile.memory_banks: 7 banks do not divide memtile.memory_bytes = "
                "524288 evenly");
}

// --- --set overrides -----------------------------------------------------------------------------

TEST(ConfigOverrides, ValidOverridesChangeValuesAndAreRecorded) {
  const std::string path = kConfigsDir + "/paper-4x4.yaml";
  const std::vector<std::string> overrides = {"core.macs_per_cycle.int8=128", "clock_mhz=1250.5",
                                              "timing_model=realistic", "name=my mesh",
                                              "clock_mhz = 1300"};
  HardwareConfig config = LoadHardwareConfig(path, overrides);
  EXPECT_EQ(config.core.macs_per_cycle.int8, 128u);
  EXPECT_EQ(config.clock_mhz, 1300.0);  // the last override of a key wins
  EXPECT_EQ(config.timing_model, TimingModel::kRealistic);
  EXPECT_EQ(config.name, "my mesh");
  EXPECT_EQ(config.overrides, overrides);
  EXPECT_EQ(config.source_path, path);
}

TEST(ConfigOverrides, MayAddTheOptionalDescription) {
  Text text(Preset4x4());
  text.Erase(text.Find("description:"));
  HardwareConfig config = ParseHardwareConfig(text.str(), kName, {"description=from the flag"});
  EXPECT_EQ(config.description, "from the flag");
  EXPECT_EQ(ParseHardwareConfig(text.str(), kName, {"description="}).description, "");
}

TEST(ConfigOverrides, UnknownKey) {
  EXPECT_EQ(ParseError(Preset4x4(), {"core.dma.bd=4"}),
            "--set core.dma.bd: unknown key (did you mean core.dma.bds?)");
}

TEST(ConfigOverrides, GroupIsNotAValue) {
  EXPECT_EQ(ParseError(Preset4x4(), {"core.dma=4"}),
            "--set core.dma: is a group of keys, not one value; set its keys one by one");
}

TEST(ConfigOverrides, BadValue) {
  EXPECT_EQ(ParseError(Preset4x4(), {"array.rows=abc"}),
            "--set array.rows: expected an unsigned integer, got \"abc\"");
  EXPECT_EQ(ParseError(Preset4x4(), {"array.rows="}),
            "--set array.rows: expected an unsigned integer, got an empty value");
  EXPECT_EQ(ParseError(Preset4x4(), {"array.rows={a: 1}"}),
            "--set array.rows: expected an unsigned integer, got a map");
}

TEST(ConfigOverrides, OutOfRange) {
  EXPECT_EQ(ParseError(Preset4x4(), {"array.rows=0"}),
            "--set array.rows: 0 is out of range [1, 32]");
}

TEST(ConfigOverrides, MissingEquals) {
  EXPECT_EQ(ParseError(Preset4x4(), {"array.rows"}), "--set \"array.rows\": expected key=value");
  EXPECT_EQ(ParseError(Preset4x4(), {"=4"}), "--set \"=4\": expected key=value");
}

TEST(ConfigOverrides, CrossFieldRuleNamesTheOverriddenKey) {
  EXPECT_EQ(ParseError(Preset4x4(), {"core.memory_bytes=32768"}),
            "--set core.memory_bytes: core buffers need 2*8192 + 2*8192 + 16384 + 16384 = 65536 "
            "bytes, more than core.memory_bytes = 32768");
}

TEST(ConfigOverrides, BadVersion) {
  EXPECT_EQ(ParseError(Preset4x4(), {"version=2"}),
            "--set version: unsupported config version 2 (this aie2sim reads version 1)");
}

// --- Config hash ---------------------------------------------------------------------------------

class ConfigHashTest : public testing::TestWithParam<std::string> {
 protected:
  static std::string HashWith(const std::vector<std::string>& overrides) {
    return ConfigHash(LoadHardwareConfig(kConfigsDir + "/paper-4x4.yaml", overrides));
  }
};

using TimingOnlyOverride = ConfigHashTest;
using CompilerVisibleOverride = ConfigHashTest;

TEST_P(TimingOnlyOverride, KeepsTheHash) { EXPECT_EQ(HashWith({GetParam()}), HashWith({})); }

TEST_P(CompilerVisibleOverride, ChangesTheHash) { EXPECT_NE(HashWith({GetParam()}), HashWith({})); }

INSTANTIATE_TEST_SUITE_P(
    Timing, TimingOnlyOverride,
    testing::Values("clock_mhz=1250", "ddr.channel_bytes_per_cycle=8", "ddr.total_gb_per_s=32",
                    "stream.bytes_per_cycle=8", "stream.hop_latency_cycles=4",
                    "overheads.lock_handshake_cycles=2", "overheads.dma_setup_cycles=16",
                    "overheads.reconfiguration_cycles=1000", "core.kernel_efficiency=0.75",
                    "simulation.chunk_bytes=1024", "timing_model=realistic",
                    "host.dispatch_us=50", "shim.task_start_cycles.mm2s=10",
                    "shim.task_issue_spacing_cycles.s2mm=10", "shim.token_latency_cycles=3",
                    "effects.host_dispatch=false"));

INSTANTIATE_TEST_SUITE_P(
    Geometry, CompilerVisibleOverride,
    testing::Values("array.rows=2", "array.columns=8", "core.memory_bytes=131072",
                    "core.memory_banks=4", "core.buffers.input_bytes=4096",
                    "core.buffers.weight_bytes=8192", "core.dma.s2mm_channels=1", "core.dma.bds=8",
                    "core.dma.address_dims=4", "core.locks=8", "memtile.memory_bytes=1048576",
                    "memtile.dma.s2mm_channels=8", "memtile.dma.mm2s_channels=4",
                    "memtile.dma.bds=24", "memtile.locks=32", "shim.dma.mm2s_channels=1",
                    "shim.locks=8", "ddr.size_bytes=1073741824"));

// --- Key listing ---------------------------------------------------------------------------------

TEST(ConfigKeys, OneLinePerKeyWithUnitDescriptionAndRange) {
  std::vector<std::string> lines = DescribeConfigKeys();
  ASSERT_EQ(lines.size(), ConfigSchema().size());
  auto line_of = [&](const std::string& key) -> std::string {
    for (const std::string& line : lines) {
      if (line.compare(0, key.size() + 1, key + " ") == 0) return line;
    }
    return "";
  };
  std::string bds = line_of("core.dma.bds");
  EXPECT_NE(bds.find("(BDs)"), std::string::npos) << bds;
  EXPECT_NE(bds.find("buffer descriptors"), std::string::npos) << bds;
  EXPECT_NE(bds.find("[1, 256]"), std::string::npos) << bds;
  EXPECT_NE(line_of("timing_model").find("[paper | realistic]"), std::string::npos);
  EXPECT_NE(line_of("core.kernel_efficiency").find("[0.001, 1]"), std::string::npos);
  EXPECT_NE(line_of("clock_mhz").find("[1, 10000]"), std::string::npos);
  EXPECT_NE(line_of("overheads.lock_handshake_cycles").find("[0, 1000000]"), std::string::npos);
  EXPECT_NE(line_of("description").find("(optional)"), std::string::npos);
}

}  // namespace
}  // namespace aie2sim::arch
