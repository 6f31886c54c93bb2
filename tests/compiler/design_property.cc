// Property test over random well-formed small designs (issue 16): every design lowers,
// validates and simulates through the built binary (`aie2sim run --design`, exit 0), and the
// DDR bytes the simulation reports equal what its runtime sequence moves.
//
// A design is 1..4 independent column chains: shim -> [memtile forward, the shim side's objects
// 1 or 2 times the core's] -> core (c,2) -> [a second core: (c,3) through shared memory or (c,4)
// through DMA] -> [memtile forward] -> shim, with random object sizes, depths, trip counts,
// acquire orders and shim patterns (linear, or a BD iteration dimension). Each case is one seed;
// its YAML stays in ./design_property/ and a failure prints it. AIE2SIM_PROPERTY_SEED=S reruns
// one seed.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace aie2sim {
namespace {

constexpr uint64_t kBaseSeed = 20261208;
constexpr int kSampleSeeds = 40;

struct Case {
  std::string yaml;
  uint64_t ddr_read = 0;
  uint64_t ddr_write = 0;
};

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  bool Chance(int percent) { return Between(1, 100) <= percent; }

 private:
  std::mt19937_64 engine_;
};

// A core body: `runs` times acquire both, copy, release both (in a random order).
std::string Body(Random& random, const std::string& in, const std::string& out, int runs,
                 int bytes) {
  std::ostringstream body;
  const bool out_first = random.Chance(50);
  body << "      - loop: " << runs << "\n        do:\n";
  body << "          - acquire: " << (out_first ? out : in) << "\n";
  body << "          - acquire: " << (out_first ? in : out) << "\n";
  body << "          - {kernel: copy, work: " << bytes << ", inputs: [" << in
       << "], output: " << out << "}\n";
  body << "          - release: " << in << "\n";
  body << "          - release: " << out << "\n";
  return body.str();
}

Case MakeCase(uint64_t seed) {
  Random random(seed);
  std::ostringstream fifos, links, cores, buffers, sequence;
  Case c;
  const int columns = random.Between(1, 4);
  for (int col = 0; col < columns; ++col) {
    const std::string k = std::to_string(col);
    const int bytes = 256 * random.Between(1, 8);
    const bool mem_in = random.Chance(50);
    const bool mem_out = random.Chance(50);
    const int ratio_in = mem_in ? random.Between(1, 2) : 1;
    const int ratio_out = mem_out ? random.Between(1, 2) : 1;
    const int runs = ratio_in * ratio_out * random.Between(1, 3);
    const int second = random.Between(0, 2);  // 0 none, 1 shared (c,3), 2 DMA (c,4)
    const auto depth = [&] { return random.Between(1, 4); };
    const std::string shim = "[" + k + ", 0]", mem = "[" + k + ", 1]", a = "[" + k + ", 2]";
    const std::string b = second == 1 ? "[" + k + ", 3]" : "[" + k + ", 4]";
    const std::string last = second == 0 ? a : b;
    const std::string obj = "{bytes: " + std::to_string(bytes) + "}";
    // In.
    if (mem_in) {
      fifos << "  - {name: l3_" << k << ", producer: " << shim << ", consumers: [" << mem
            << "], depth: " << depth() << ", object: {bytes: " << bytes * ratio_in << "}}\n";
      fifos << "  - {name: in" << k << ", producer: " << mem << ", consumers: [" << a
            << "], depth: " << depth() << ", object: " << obj << "}\n";
      links << "  - {from: [l3_" << k << "], to: [in" << k << "]}\n";
    } else {
      fifos << "  - {name: in" << k << ", producer: " << shim << ", consumers: [" << a
            << "], depth: " << depth() << ", object: " << obj << "}\n";
    }
    // Middle and out.
    if (second != 0) {
      fifos << "  - {name: mid" << k << ", producer: " << a << ", consumers: [" << b
            << "], depth: " << depth() << ", object: " << obj << "}\n";
    }
    const std::string out_fifo = mem_out ? "out" + k : "out" + k;
    if (mem_out) {
      fifos << "  - {name: out" << k << ", producer: " << last << ", consumers: [" << mem
            << "], depth: " << depth() << ", object: " << obj << "}\n";
      fifos << "  - {name: l2_" << k << ", producer: " << mem << ", consumers: [" << shim
            << "], depth: " << depth() << ", object: {bytes: " << bytes * ratio_out << "}}\n";
      links << "  - {from: [out" << k << "], to: [l2_" << k << "]}\n";
    } else {
      fifos << "  - {name: out" << k << ", producer: " << last << ", consumers: [" << shim
            << "], depth: " << depth() << ", object: " << obj << "}\n";
    }
    cores << "  - tile: " << a << "\n    body:\n"
          << Body(random, "in" + k, second == 0 ? "out" + k : "mid" + k, runs, bytes);
    if (second != 0) {
      cores << "  - tile: " << b << "\n    body:\n"
            << Body(random, "mid" + k, "out" + k, runs, bytes);
    }
    // Host side.
    const int total = bytes * runs;
    buffers << "  - {name: a" << k << ", bytes: " << total << "}\n";
    buffers << "  - {name: b" << k << ", bytes: " << total << "}\n";
    const std::string fill_fifo = mem_in ? "l3_" + k : "in" + k;
    const std::string drain_fifo = mem_out ? "l2_" + k : "out" + k;
    if (total % (2 * bytes * ratio_in) == 0 && random.Chance(50)) {
      // Two steps of the BD's iteration dimension.
      sequence << "  - fill: {fifo: " << fill_fifo << ", buffer: a" << k << ", sizes: [2, 1, 1, "
               << total / 2 << "], strides: [" << total / 2 << ", 0, 0, 1]}\n";
    } else {
      sequence << "  - fill: {fifo: " << fill_fifo << ", buffer: a" << k << "}\n";
    }
    sequence << "  - drain: {fifo: " << drain_fifo << ", buffer: b" << k << "}\n";
    c.ddr_read += total;
    c.ddr_write += total;
  }
  std::ostringstream yaml;
  yaml << "version: 1\nname: property_" << seed << "\ndevice: npu1\nupstream: \"none: random\"\n"
       << "fifos:\n"
       << fifos.str();
  if (!links.str().empty()) yaml << "links:\n" << links.str();
  yaml << "cores:\n"
       << cores.str() << "host_buffers:\n"
       << buffers.str() << "sequence:\n"
       << sequence.str() << "  - await: [";
  for (int col = 0; col < columns; ++col) {
    // The drained FIFO of each column: its shim consumer.
    yaml << (col ? ", " : "") << "__drain" << col;
  }
  yaml << "]\n";
  std::string text = yaml.str();
  for (int col = 0; col < columns; ++col) {
    const std::string k = std::to_string(col);
    const std::string name =
        text.find("name: l2_" + k + ",") != std::string::npos ? "l2_" + k : "out" + k;
    text.replace(text.find("__drain" + k), ("__drain" + k).size(), name);
  }
  c.yaml = text;
  return c;
}

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return "popen failed";
  }
  std::array<char, 4096> buffer;
  size_t got = 0;
  while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), got);
  const int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

TEST(DesignProperty, Sample) {
  const char* binary = std::getenv("AIE2SIM_BINARY");
  ASSERT_NE(binary, nullptr) << "set AIE2SIM_BINARY to build/aie2sim";
  const std::filesystem::path folder = std::filesystem::absolute("design_property");
  std::filesystem::create_directories(folder);
  uint64_t first = 0, count = kSampleSeeds;
  if (const char* seed = std::getenv("AIE2SIM_PROPERTY_SEED")) {
    first = std::stoull(seed);
    count = 1;
  }
  for (uint64_t offset = first; offset < first + count; ++offset) {
    const uint64_t seed = kBaseSeed + offset;
    const Case c = MakeCase(seed);
    const std::string yaml = (folder / ("design_" + std::to_string(offset) + ".yaml")).string();
    const std::string json = (folder / ("design_" + std::to_string(offset) + ".json")).string();
    std::ofstream(yaml) << c.yaml;
    int exit_code = 0;
    const std::string output =
        RunCommand(std::string(binary) + " run --design " + yaml + " --json " + json, &exit_code);
    ASSERT_EQ(exit_code, 0) << "seed offset " << offset << " (AIE2SIM_PROPERTY_SEED=" << offset
                            << "), " << yaml << ":\n"
                            << c.yaml << "\n"
                            << output;
    const nlohmann::json report = nlohmann::json::parse(std::ifstream(json));
    const nlohmann::json& bytes = report.at("design").at("bytes");
    EXPECT_EQ(bytes.at("ddr_read").get<uint64_t>(), c.ddr_read) << yaml;
    EXPECT_EQ(bytes.at("ddr_write").get<uint64_t>(), c.ddr_write) << yaml;
  }
}

}  // namespace
}  // namespace aie2sim
