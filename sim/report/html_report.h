// The HTML reports: one script (sim/report/js, bundled) draws every kind from the data embedded in
// the page. The report of a run: one self-contained file (no network access when viewed) with the
// summary tables, plots and an interactive timeline, written by `aie2sim run --html r.html`.
//
// Contents (drawn by the bundle's run view, compiled into the binary with html_report.css):
//  - the run's totals (simulated, analytic, their ratio, images/s) and configuration;
//  - the engine timeline: one lane per engine (shim, memtile and core DMA channels, core
//    processors) coloured by instruction kind (LOAD, LOADW, LOADFM, LOADWM, COMP, WRITEFM,
//    WRITE), zoom (wheel), pan (drag), hover details (instruction, layer, group, iteration,
//    bytes or MACs, a transfer's ends); aggregated per engine, layer and group until zoomed in;
//  - per layer, the simulated timeline by instruction kind beside the estimator's schedule of
//    the same layer (Report::views "analytic_schedule", sim/analytic/schedule.h), and a
//    per-group table;
//  - plots (per-layer latency, achieved against the hardware bound, simulated/analytic,
//    cumulative latency, engine occupancy, attribution) and the per-layer (bound, binding
//    resource, efficiency), engine, traffic and attribution tables.
// The data sits in the page as JSON {view: "run", report, timeline, views}: the report (ToJson),
// the simulation's timeline record (sim/trace/timeline_record.h, encoded by
// html_report_timeline.h) and the views' data, all built in memory: no file is read back.
#pragma once

#include <cstdint>
#include <string>

#include "sim/report/report.h"
#include "sim/trace/timeline_record.h"

namespace aie2sim::report {

// The views the reports' script draws (sim/report/js/main.js's VIEWS; keep both in step): the run
// report (WriteHtml), a sweep (scripts/sweep --html, through `aie2sim html`), the silicon suite's
// correlation (`aie2sim validate --html`: {view, title, report} with the report's key validate).
// A new kind of report adds its view here, its module to the bundle (sim/report/CMakeLists.txt)
// and to VIEWS.
inline constexpr const char* kHtmlViews[] = {"run", "sweep", "validate"};

struct HtmlOptions {
  // The file stays below this size: per-instruction timeline detail gives way first.
  uint64_t max_bytes = 9'500'000;
  // The most per-instruction slices a timeline record for this report needs to keep: a detailed
  // slice takes at least 16 bytes of the page, so more could never be shown.
  uint64_t record_slices() const { return max_bytes / 16; }
};

// Writes the report to `html_path` (sim/base/output_file.h: a reader never sees half a file)
// with the timeline of `timeline` (finished; null: a report without a simulation). Throws
// UserError naming the file when it cannot be written.
void WriteHtml(const Report& report, const trace::TimelineRecord* timeline,
               const std::string& html_path, const HtmlOptions& options = {});

// Writes a page of view data["view"] (one of kHtmlViews; the caller checks) drawing `data`,
// titled data["title"] when it has one.
void WriteHtmlPage(const nlohmann::ordered_json& data, const std::string& html_path);

}  // namespace aie2sim::report
