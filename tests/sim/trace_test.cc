// The Chrome-trace timeline of the SystemC model: valid JSON with the expected complete ("X")
// events, metadata naming tiles and engines, microsecond times, the layer filter and the group
// granularity.
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/base/error.h"
#include "sim/trace/recording_sink.h"
#include "sim/trace/timeline_record.h"
#include "tests/sim/sim_test_support.h"

namespace aie2sim::sim_test {
namespace {

using isa::CoreChannel;
using isa::MemtileChannel;
using isa::ShimChannel;
using nlohmann::json;

std::string TracePath() {
  const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
  return testing::TempDir() + "aie2sim_" + test->name() + ".trace.json";
}

json ReadTrace(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  return json::parse(in);  // throws (failing the test) on invalid JSON
}

std::vector<json> EventsOfPhase(const json& trace, const std::string& phase) {
  std::vector<json> events;
  for (const json& event : trace.at("traceEvents")) {
    if (event.at("ph") == phase) events.push_back(event);
  }
  return events;
}

// Layer "conv1": a load group of 3 iterations (shim(0).mm2s0 -> memtile(0).s2mm0, 4096 B) and
// a compute group with two computes on core(0,0).
void AddConv1(isa::Program* program) {
  isa::Layer* layer = AddLayer(program, "conv1");
  isa::AddRoute(layer, 1, ShimChannel(0, isa::MM2S, 0), {MemtileChannel(0, isa::S2MM, 0)});
  Move(AddGroup(layer, "load", 3, isa::GROUP_LOAD), ShimChannel(0, isa::MM2S, 0),
       {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096);
  isa::Group* compute = AddGroup(layer, "body", 1);
  Compute(compute, 0, 0, 1000 * kMacsPerCycle);
  Compute(compute, 0, 0, 500 * kMacsPerCycle);
}

TEST(Trace, IsValidChromeTraceJsonWithOneSlicePerInstruction) {
  isa::Program program;
  AddConv1(&program);
  model::SimOptions options;
  options.trace_path = TracePath();
  RunModel(PaperConfig(), program, options);

  const json trace = ReadTrace(options.trace_path);
  EXPECT_EQ(trace.at("displayTimeUnit"), "ns");
  const std::vector<json> slices = EventsOfPhase(trace, "X");
  ASSERT_EQ(slices.size(), 3u * 2 + 2);  // 3 sends + 3 receives + 2 computes
  // Tracks are announced once each: 3 tiles (name + sort index) and 3 engines.
  const std::vector<json> metadata = EventsOfPhase(trace, "M");
  EXPECT_EQ(metadata.size(), 3u * 2 + 3);
  std::set<std::string> processes;
  std::set<std::string> threads;
  for (const json& event : metadata) {
    if (event.at("name") == "process_name") processes.insert(event.at("args").at("name"));
    if (event.at("name") == "thread_name") threads.insert(event.at("args").at("name"));
  }
  EXPECT_EQ(processes, (std::set<std::string>{"shim(0)", "memtile(0)", "core(0,0)"}));
  EXPECT_EQ(threads, (std::set<std::string>{"mm2s0", "s2mm0", "proc"}));

  // The first LOAD: ts 0, 1024 cycles = 1.024 us; the last compute starts after the loads.
  const json& first = slices.front();
  EXPECT_EQ(first.at("name"), "LOAD");
  EXPECT_DOUBLE_EQ(first.at("ts").get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(first.at("dur").get<double>(), 1.024);
  EXPECT_EQ(first.at("args").at("layer"), "conv1");
  EXPECT_EQ(first.at("args").at("group"), "load");
  EXPECT_EQ(first.at("args").at("iteration"), 0);
  EXPECT_EQ(first.at("args").at("bytes"), 4096);
  EXPECT_EQ(first.at("args").at("mnemonic"), "LOAD");
  int receives = 0;
  int computes = 0;
  for (const json& slice : slices) {
    if (slice.at("name") == "RECV") ++receives;
    if (slice.at("name") == "COMP CONV") {
      ++computes;
      EXPECT_EQ(slice.at("args").at("group"), "body");
      EXPECT_TRUE(slice.at("args").contains("macs"));
    }
  }
  EXPECT_EQ(receives, 3);
  EXPECT_EQ(computes, 2);
  const json& last = slices.back();
  EXPECT_DOUBLE_EQ(last.at("ts").get<double>(), 3 * 1.024 + 1.0);
  EXPECT_DOUBLE_EQ(last.at("dur").get<double>(), 0.5);
}

// One simulation feeds the Chrome trace and an in-memory record (trace::TraceFanOut) with the
// same slices; both sides of a transfer carry its kind and ends, so a receive needs no lookup.
TEST(Trace, RecordGetsTheTraceSlicesWithKindsAndEnds) {
  isa::Program program;
  AddConv1(&program);
  model::SimOptions options;
  options.trace_path = TracePath();
  trace::TimelineRecord record(1000);
  trace::RecordingSink sink(record);
  options.trace_sinks.push_back(&sink);
  RunModel(PaperConfig(), program, options);

  const std::vector<json> slices = EventsOfPhase(ReadTrace(options.trace_path), "X");
  EXPECT_EQ(record.slices(), slices.size());
  EXPECT_EQ(record.detail_slices(), slices.size());
  for (const json& slice : slices) {
    const json& args = slice.at("args");
    if (slice.at("name") == "RECV" || slice.at("name") == "LOAD") {
      EXPECT_EQ(args.at("kind"), "LOAD");
      EXPECT_EQ(args.at("from"), "shim(0).mm2s0");
      EXPECT_EQ(args.at("to"), "memtile(0).s2mm0");
    } else {
      EXPECT_EQ(args.at("kind"), "COMP");
      EXPECT_FALSE(args.contains("from"));
    }
  }
  std::set<std::string> record_kinds;
  uint64_t received_bytes = 0;
  for (const trace::TimelineRecord::Segment& segment : record.segments()) {
    for (const trace::TimelineRecord::NameTotal& total : segment.totals) {
      const trace::TimelineRecord::Name& name = record.names()[total.name];
      record_kinds.insert(trace::SliceKindName(name.kind));
      if (name.mnemonic == "RECV") received_bytes += total.amount;
    }
  }
  EXPECT_EQ(record_kinds, (std::set<std::string>{"LOAD", "COMP"}));
  EXPECT_EQ(received_bytes, 3u * 4096);
  // The record's times are the trace's: the last compute ends at 3 x 1.024 + 1.0 + 0.5 us.
  EXPECT_EQ(record.end_ps(), 3 * 1'024'000 + 1'500'000);
  EXPECT_EQ(record.layer_spans()[0].start_ps, 0);
}

// A blocked acquire shows as a slice covering the wait.
TEST(Trace, LockWaitsAreSlices) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  const isa::Engine sender = CoreChannel(0, 0, isa::MM2S, 0);
  isa::AddRoute(layer, 1, sender, {MemtileChannel(0, isa::S2MM, 0)});
  isa::Group* group = AddGroup(layer, "body", 1);
  Compute(group, 0, 0, 1000 * kMacsPerCycle);
  Release(group, isa::CoreProcessor(0, 0), 0, 1);
  Acquire(group, sender, 0, 1);
  Move(group, sender, {MemtileChannel(0, isa::S2MM, 0)}, 1, 4096, isa::OUTPUT);
  model::SimOptions options;
  options.trace_path = TracePath();
  RunModel(PaperConfig(), program, options);

  int waits = 0;
  for (const json& slice : EventsOfPhase(ReadTrace(options.trace_path), "X")) {
    if (slice.at("name") != "acq L0") continue;
    ++waits;
    EXPECT_DOUBLE_EQ(slice.at("ts").get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(slice.at("dur").get<double>(), 1.0);
  }
  EXPECT_EQ(waits, 1);
}

TEST(Trace, LayerFilterKeepsOnlyMatchingLayers) {
  isa::Program program;
  AddConv1(&program);
  isa::Layer* fc = AddLayer(&program, "fc1000");
  isa::AddRoute(fc, 1, MemtileChannel(1, isa::MM2S, 0), {CoreChannel(0, 1, isa::S2MM, 0)});
  Move(AddGroup(fc, "body", 2), MemtileChannel(1, isa::MM2S, 0), {CoreChannel(0, 1, isa::S2MM, 0)},
       1, 2048);
  model::SimOptions options;
  options.trace_path = TracePath();
  options.trace_layer_filter = "fc";
  RunModel(PaperConfig(), program, options);

  const json trace = ReadTrace(options.trace_path);
  const std::vector<json> slices = EventsOfPhase(trace, "X");
  ASSERT_EQ(slices.size(), 4u);  // 2 iterations x (LOADFM + RECV)
  for (const json& slice : slices) EXPECT_EQ(slice.at("args").at("layer"), "fc1000");
  // conv1's engines are never announced.
  for (const json& event : EventsOfPhase(trace, "M")) {
    if (event.at("name") == "process_name") {
      EXPECT_TRUE(event.at("args").at("name") == "memtile(1)" ||
                  event.at("args").at("name") == "core(0,1)")
          << event.dump();
    }
  }
}

// Group granularity: one slice per engine per group, spanning the engine's whole stream.
TEST(Trace, GroupGranularityGivesOneSlicePerEnginePerGroup) {
  isa::Program program;
  isa::Layer* layer = AddLayer(&program, "conv");
  AddPingPongGroup(layer, "body", 0, 4, 16, 4096, 800 * kMacsPerCycle, 1024);
  model::SimOptions options;
  options.trace_path = TracePath();
  options.trace_granularity = model::TraceGranularity::kGroup;
  const model::SimResult result = RunModel(PaperConfig(4, 4), program, options);

  const std::vector<json> slices = EventsOfPhase(ReadTrace(options.trace_path), "X");
  EXPECT_EQ(slices.size(), 1u + 4 * 3 + 4);
  for (const json& slice : slices) {
    EXPECT_FALSE(slice.at("args").contains("iteration"));
    EXPECT_LE(slice.at("ts").get<double>() + slice.at("dur").get<double>(),
              result.total_s * 1e6 + 1e-6);
    if (slice.at("name") == "LOADFM") {
      EXPECT_EQ(slice.at("args").at("bytes"), 16 * 4096);
    }
    if (slice.at("name") == "COMP CONV") {
      EXPECT_EQ(slice.at("args").at("macs"), 16 * 800 * kMacsPerCycle);
    }
  }
}

TEST(Trace, UnwritableTracePathIsAUserError) {
  isa::Program program;
  AddConv1(&program);
  model::SimOptions options;
  options.trace_path = "/nonexistent-aie2sim-dir/trace.json";
  try {
    RunModel(PaperConfig(), program, options);
    FAIL() << "expected a UserError";
  } catch (const UserError& error) {
    EXPECT_EQ(std::string(error.what()),
              "/nonexistent-aie2sim-dir/trace.json: cannot write: No such file or directory");
  }
}

}  // namespace
}  // namespace aie2sim::sim_test
