// The in-memory timeline record (sim/trace/timeline_record.h): aggregation per engine, layer and
// group as slices arrive, spans, per-kind unions, the time unit, and the detail budget (whole
// layers give their detail up, the largest first) — and its encoding for the HTML report.
#include "sim/trace/timeline_record.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/report/html_report_timeline.h"

namespace aie2sim::trace {
namespace {

SliceArgs Transfer(std::string_view layer, std::string_view group, int64_t iteration,
                   uint64_t bytes, SliceKind kind) {
  return SliceArgs{layer, group, iteration,          "bytes",
                   bytes, kind,  "memtile(0).mm2s0", "core(0,0).s2mm0 core(0,1).s2mm0"};
}

TEST(TimelineRecord, AggregatesPerEngineLayerAndGroup) {
  TimelineRecord record(1000);
  record.AddLayers({"conv1", "conv2"});
  const TrackId dma = record.AddTrack(1, "memtile(0)", 0, "mm2s0");
  const TrackId proc = record.AddTrack(2, "core(0,0)", 0, "proc");
  record.AddSlice(dma, "LOADFM", 1000, 500, Transfer("conv2", "body", 0, 64, SliceKind::kLoadFm));
  record.AddSlice(dma, "LOADFM", 2000, 500, Transfer("conv2", "body", 1, 64, SliceKind::kLoadFm));
  record.AddSlice(dma, "LOADWM", 1250, 1000, Transfer("conv2", "body", 1, 32, SliceKind::kLoadWm));
  record.AddSlice(proc, "COMP CONV", 1500, 750,
                  SliceArgs{"conv2", "body", 0, "macs", 4096, SliceKind::kCompute, "", ""});
  record.AddSlice(proc, "acq L1", 2250, 250,
                  SliceArgs{"conv2", "body", 1, "", 0, SliceKind::kWait, "", ""});
  record.AddSlice(dma, "LOADFM", 3000, 250, Transfer("conv2", "tail", 0, 16, SliceKind::kLoadFm));
  record.Finish();

  EXPECT_EQ(record.layers(), (std::vector<std::string>{"conv1", "conv2"}));
  EXPECT_EQ(record.groups(), (std::vector<std::string>{"body", "tail"}));
  EXPECT_EQ(record.slices(), 6u);
  EXPECT_EQ(record.unit_ps(), 250);
  EXPECT_EQ(record.end_ps(), 3250);
  EXPECT_TRUE(record.per_instruction());
  ASSERT_EQ(record.segments().size(), 3u);  // dma body, proc body, dma tail
  const TimelineRecord::Segment& body = record.segments()[0];
  EXPECT_EQ(body.layer, 1u);
  EXPECT_EQ(body.start_ps, 1000);
  EXPECT_EQ(body.end_ps, 2500);
  EXPECT_EQ(body.count, 3u);
  ASSERT_EQ(body.totals.size(), 2u);  // LOADFM and LOADWM
  EXPECT_EQ(body.totals[0].count, 2u);
  EXPECT_EQ(body.totals[0].busy_ps, 1000);
  EXPECT_EQ(body.totals[0].amount, 128u);
  ASSERT_EQ(body.detail.size(), 3u);  // sorted by start
  EXPECT_EQ(body.detail[1].start_ps, 1250);
  const TimelineRecord::Name& loadfm = record.names()[body.detail[0].name];
  EXPECT_EQ(loadfm.kind, SliceKind::kLoadFm);
  EXPECT_EQ(loadfm.from, "memtile(0).mm2s0");
  EXPECT_EQ(loadfm.to, "core(0,0).s2mm0 core(0,1).s2mm0");
  EXPECT_EQ(record.layer_spans()[1].start_ps, 1000);
  EXPECT_EQ(record.layer_spans()[1].end_ps, 3250);
  EXPECT_GT(record.layer_spans()[0].start_ps, record.layer_spans()[0].end_ps);  // no slices
  ASSERT_EQ(record.group_spans().size(), 2u);
  EXPECT_EQ(record.group_spans()[0].span.end_ps, 2500);
  // LOADFM in conv2: [1000,1500) [2000,2500) [3000,3250); lock waits are in no union.
  const auto& union_fm = record.KindUnion(1, SliceKind::kLoadFm);
  ASSERT_EQ(union_fm.size(), 3u);
  EXPECT_EQ(union_fm[2].start_ps, 3000);
  EXPECT_TRUE(record.KindUnion(1, SliceKind::kWait).empty());
}

TEST(TimelineRecord, UnionsMergeOverlapsInAnyOrder) {
  TimelineRecord record(1'000'000);
  const TrackId track = record.AddTrack(0, "core(0,0)", 0, "proc");
  // Many overlapping slices on engines of one layer, given out of order: one interval.
  for (int i = 199; i >= 0; --i) {
    record.AddSlice(track, "COMP CONV", i * 100, 150,
                    SliceArgs{"l", "g", i, "macs", 1, SliceKind::kCompute, "", ""});
  }
  record.Finish();
  const auto& spans = record.KindUnion(0, SliceKind::kCompute);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].start_ps, 0);
  EXPECT_EQ(spans[0].end_ps, 199 * 100 + 150);
}

TEST(TimelineRecord, OverTheBudgetTheLargestLayerGivesItsDetailUp) {
  TimelineRecord record(10);
  const TrackId track = record.AddTrack(0, "core(0,0)", 0, "proc");
  auto add = [&](const char* layer, int count, int64_t at) {
    for (int i = 0; i < count; ++i) {
      record.AddSlice(track, "COMP CONV", at + i * 10, 10,
                      SliceArgs{layer, "g", i, "macs", 2, SliceKind::kCompute, "", ""});
    }
  };
  add("small", 3, 0);
  add("big", 8, 1000);  // 11 > 10: "big" (8) drops its detail, then records none
  add("last", 4, 2000);
  record.Finish();
  EXPECT_TRUE(record.detailed(0));
  EXPECT_FALSE(record.detailed(1));
  EXPECT_TRUE(record.detailed(2));
  EXPECT_EQ(record.detail_slices(), 7u);
  EXPECT_EQ(record.slices(), 15u);
  for (const TimelineRecord::Segment& segment : record.segments()) {
    EXPECT_EQ(segment.detail.size(), segment.layer == 1 ? 0u : segment.count);
    EXPECT_EQ(segment.totals[0].amount, 2 * segment.count);  // the aggregate is always whole
  }
}

TEST(TimelineJson, EncodesDetailWithinTheByteBudgetByWholeLayers) {
  TimelineRecord record(1000);
  record.AddLayers({"a", "b"});
  const TrackId track = record.AddTrack(0, "core(0,0)", 0, "proc");
  for (int i = 0; i < 50; ++i) {
    record.AddSlice(track, "COMP CONV", i * 1000, 500,
                    SliceArgs{i < 10 ? "a" : "b", "g", i, "macs", 7, SliceKind::kCompute, "", ""});
  }
  record.Finish();
  const nlohmann::json all = nlohmann::json::parse(report::TimelineJson(record, 1'000'000));
  EXPECT_EQ(all["unit_ps"], 500);
  EXPECT_EQ(all["detailed_slices"], 50);
  EXPECT_EQ(all["names"][0], (nlohmann::json{"COMP CONV", "COMP", "macs", "", ""}));
  const std::string whole = report::TimelineJson(record, 1'000'000);
  // A budget between the aggregated document and the whole: the smaller layer "a" keeps detail.
  const std::string floor = report::TimelineJson(record, 0);
  const nlohmann::json part = nlohmann::json::parse(
      report::TimelineJson(record, floor.size() + (whole.size() - floor.size()) / 3 + 256));
  EXPECT_EQ(part["detailed_slices"], 10);
  EXPECT_EQ(nlohmann::json::parse(floor)["detailed_slices"], 0);
  const auto& segments = part["tracks"][0][2];
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[0][4], 1);  // layer a: detailed
  EXPECT_EQ(segments[1][4], 0);  // layer b: aggregated
  EXPECT_EQ(segments[1][5], 40);
}

}  // namespace
}  // namespace aie2sim::trace
